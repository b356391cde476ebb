"""A stand-in for the Nomis API on 127.0.0.1, and responses in its CSV layout
made from the data bundle, so the fetch and the official checks are tested
with no network.

The server answers ``GET /api/v01/dataset/<id>.data.csv?...`` from a table of
responses keyed on the dataset; it pages a CSV at ``row_limit`` rows with
``RecordOffset`` as Nomis does, and it can misbehave on demand (an HTTP error,
an HTML page, a body cut short).
"""

from __future__ import annotations

import contextlib
import threading
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd

from placeblind.data.bres import district_broad_group_employment
from placeblind.data.district_codes import CODE_CHANGES, code_in
from placeblind.data.geography import GREAT_BRITAIN
from placeblind.data.sectors import BROAD_GROUPS

# Nomis's labels of the broad groups: "<n> : <name> (<sections>)".
_SECTIONS = ["A", "B,D and E", "C", "F", "Part G", "Part G", "Part G", "H", "I", "J", "K", "L", "M", "N", "O", "P",
             "Q", "R,S,T and U"]
NOMIS_GROUP_LABELS = [f"{i} : {name} ({sections})" for i, (name, sections)
                      in enumerate(zip(BROAD_GROUPS, _SECTIONS), start=1)]
COLUMNS = ["DATE_NAME", "GEOGRAPHY_CODE", "GEOGRAPHY_NAME", "GEOGRAPHY_TYPE", "INDUSTRY_NAME",
           "EMPLOYMENT_STATUS_NAME", "MEASURE_NAME", "OBS_VALUE", "OBS_STATUS"]


def broad_group_rows(year: int, status: str = "employment", code_year: int = 2023) -> pd.DataFrame:
    """BRES 2017 district employment from the bundle, summed to broad groups and
    to the district codes of ``code_year`` (as Nomis's TYPE424 has them),
    relabelled as ``year``, with a Great Britain row, in the API's columns
    (plus an extra one, ``OBS_STATUS``, that a reader must tolerate)."""
    counts = district_broad_group_employment(2017)
    names = dict(zip(counts["code"], counts["name"])) | {c.new: c.name for c in CODE_CHANGES}
    counts = counts.assign(code=counts["code"].map(lambda c: code_in(c, code_year)), sector=counts["sector"].astype(str))
    districts = counts.groupby(["code", "sector"], as_index=False, sort=False)["employment"].sum()
    districts["name"] = districts["code"].map(names)
    districts["type"] = "local authorities: district / unitary (as of April 2023)"
    total = districts.groupby("sector", as_index=False, sort=False)["employment"].sum()
    total = total.assign(code=GREAT_BRITAIN, name="Great Britain", type="countries")
    rows = pd.concat([total, districts], ignore_index=True)
    label = dict(zip(BROAD_GROUPS, NOMIS_GROUP_LABELS))
    return pd.DataFrame({
        "DATE_NAME": str(year), "GEOGRAPHY_CODE": rows["code"], "GEOGRAPHY_NAME": rows["name"],
        "GEOGRAPHY_TYPE": rows["type"], "INDUSTRY_NAME": rows["sector"].map(label),
        "EMPLOYMENT_STATUS_NAME": "Employment" if status == "employment" else "Employees",
        "MEASURE_NAME": "Count", "OBS_VALUE": rows["employment"].astype(int).astype(str), "OBS_STATUS": "A"})


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


class StandIn:
    """The server's state: responses by dataset id, the row limit, the requests seen."""

    def __init__(self):
        # By dataset id: the whole CSV, or a function of the query's parameters giving it.
        self.responses: dict[str, bytes | Callable[[dict[str, list[str]]], bytes]] = {}
        self.row_limit = 25_000
        self.requests: list[str] = []
        self.misbehave: str | None = None  # "http500", "html", "empty", "cut"

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v01"

    def page(self, dataset: str, query: dict[str, list[str]]) -> bytes:
        response = self.responses[dataset]
        lines = (response(query) if callable(response) else response).splitlines(keepends=True)
        offset = int(query.get("RecordOffset", ["0"])[0])
        return b"".join([lines[0], *lines[1 + offset: 1 + offset + self.row_limit]])


def _handler(state: StandIn):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            state.requests.append(self.path)
            parsed = urllib.parse.urlsplit(self.path)
            dataset = parsed.path.rsplit("/", 1)[-1].removesuffix(".data.csv")
            if state.misbehave == "http500" or dataset not in state.responses:
                self.send_error(500 if state.misbehave else 404)
                return
            body = state.page(dataset, urllib.parse.parse_qs(parsed.query))
            declared = len(body)
            if state.misbehave == "html":
                body = declared_body = b"<!DOCTYPE html><html><body>Service unavailable</body></html>\n"
                declared = len(declared_body)
            elif state.misbehave == "empty":
                body, declared = b"", 0
            elif state.misbehave == "cut":  # promise the whole body, send a third, hang up
                body = body[: len(body) // 3]
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(declared))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()

        def log_message(self, *args):  # keep the test output clean
            pass

    return Handler


@contextlib.contextmanager
def serving():
    """A running stand-in on an ephemeral port of 127.0.0.1, stopped on exit."""
    state = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = server.server_address[1]
    # A short poll: shutdown() waits for the loop to look, half a second by default,
    # which was ten seconds of an idle worker over this module's tests.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

"""BRES from the official source: the Nomis API.

``python -m placeblind fetch bres-districts --year YEAR`` asks Nomis for BRES
open access (dataset NM_189_1, 2015 onwards) for every local authority district
of Great Britain and the Great Britain total, by the 18 broad industrial
groups, as counts, and keeps the response in ``DATA_DIR/nomis/`` with a record
(:mod:`placeblind.data.fetched`). The query uses only parameters documented by
Nomis (https://www.nomisweb.co.uk/api/v01/help) and the codes of the queries
recorded in ``bres/PROVENANCE.md``:

- ``geography=2092957698,TYPE424``: Great Britain and the districts "as of April
  2023" (the codes of today's combined-authority lookups);
- ``industry=163577857...163577874``: the 18 broad industrial groups;
- ``employment_status``: 4 employment (employees and working owners, as the
  bundled 2017 counts), 1 employees; ``measure=1`` count, ``measures=20100`` value.

Nomis returns at most 25,000 rows a request to a caller without a key; a
response that reaches the limit is followed by the next page
(``RecordOffset``). One year's districts are about 6,300 rows, so one request.

The standard library's ``urllib`` does the download: one GET a page, with a
timeout, is all that is needed, and it keeps the package's dependencies as they
were.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

import pandas as pd

from .. import config
from ..cache import cached
from ..errors import DataError, SettingsError
from . import district_codes
from .bres import COUNTS, DistrictVintage, district_division_employment
from .catalogue import entry, sha256_of, verified_path
from .fetched import FOLDER, FetchRecord, folder, records, replace_atomically, verified_fetched_path, write_record
from .geography import GREAT_BRITAIN
from .readers import to_numbers
from .sectors import BROAD_GROUPS

DEFAULT_API = "https://www.nomisweb.co.uk/api/v01"
DATASET = "NM_189_1"
FIRST_YEAR = 2015  # BRES open access on NM_189_1 starts in 2015
GREAT_BRITAIN_NOMIS = "2092957698"
DISTRICTS_2023 = "TYPE424"  # local authorities: district / unitary (as of April 2023)
FETCHED_CODE_YEAR = 2023  # ... so a fetched year's district codes are those of April 2023
BROAD_GROUP_INDUSTRIES = "163577857...163577874"
STATUSES = {"employment": 4, "employees": 1}
STATUS_NAMES = {"employment": "Employment", "employees": "Employees"}
ROW_LIMIT = 25_000  # rows per request without an API key (Nomis API help)
SELECT = ("DATE_NAME", "GEOGRAPHY_CODE", "GEOGRAPHY_NAME", "GEOGRAPHY_TYPE", "INDUSTRY_NAME",
          "EMPLOYMENT_STATUS_NAME", "MEASURE_NAME", "OBS_VALUE")
REQUIRED = ("DATE_NAME", "GEOGRAPHY_CODE", "GEOGRAPHY_NAME", "INDUSTRY_NAME", "OBS_VALUE")
TIMEOUT_SECONDS = 120
# The district codes of the newest code changes: every vintage is compared on these.
LATEST_CODE_YEAR = max(change.year for change in district_codes.CODE_CHANGES)
_GROUP_LABEL = re.compile(r"\s*(\d{1,2})\s*:")


def api_root() -> str:
    """``NOMIS_API`` (a mirror or a test server), default the official API."""
    return os.environ.get("NOMIS_API", DEFAULT_API).rstrip("/")


def row_limit() -> int:
    """Rows Nomis returns a request (``NOMIS_ROW_LIMIT``, default 25,000 for a caller without a key)."""
    return config.whole_number_setting("NOMIS_ROW_LIMIT", ROW_LIMIT, "rows")


def check_request(year: int, status: str) -> None:
    if status not in STATUSES:
        raise SettingsError(f"status must be one of {sorted(STATUSES)}, not {status!r}")
    latest = datetime.now(timezone.utc).year
    if not FIRST_YEAR <= year <= latest:
        raise SettingsError(f"BRES open access on Nomis ({DATASET}) covers {FIRST_YEAR} onwards; {year} is not a "
                            f"year from {FIRST_YEAR} to {latest}")


def bres_districts_query(year: int, status: str = "employment") -> str:
    """The exact URL the fetch sends (its first page)."""
    check_request(year, status)
    parameters = [("geography", f"{GREAT_BRITAIN_NOMIS},{DISTRICTS_2023}"), ("date", str(year)),
                  ("industry", BROAD_GROUP_INDUSTRIES), ("employment_status", str(STATUSES[status])),
                  ("measure", "1"), ("measures", "20100"), ("select", ",".join(SELECT))]
    return f"{api_root()}/dataset/{DATASET}.data.csv?" + urllib.parse.urlencode(parameters, safe=",.")


def fetched_name(year: int, status: str) -> str:
    return f"bres_{year}_lad_broadgroups_{status}.csv"


# --------------------------------------------------------------------------
# Download


def download_csv(query: str) -> bytes:
    """GET ``query``, following ``RecordOffset`` pages while a page reaches the
    row limit; returns the first page whole and every later page without its
    header line. Any failure raises :class:`DataError` naming the query."""
    limit = row_limit()
    body, header, offset = b"", None, 0
    while True:
        url = query if offset == 0 else f"{query}&RecordOffset={offset}"
        page = _get(url, query)
        _check_page(page, query)
        lines = page.splitlines(keepends=True)
        if header is None:
            header, body = lines[0], page
        elif lines[0] != header:
            raise DataError(query, f"page at RecordOffset={offset} has another header: {lines[0][:80]!r}")
        else:
            body += b"".join(lines[1:])
        rows = len(lines) - 1
        if rows < limit:
            return body
        offset += limit


def _get(url: str, query: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "placeblind (python urllib)"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise DataError(query, f"the API answered HTTP {exc.code} {exc.reason}") from None
    except http.client.IncompleteRead as exc:
        raise DataError(query, f"the response was cut off after {len(exc.partial)} bytes (truncated download); "
                               "nothing was written") from None
    except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DataError(query, f"cannot reach the Nomis API ({reason}): no network? Open the query in a browser "
                               "on a machine with internet, save the CSV and give it to the same command with "
                               "--from-file PATH") from None


def _check_page(page: bytes, query: str) -> None:
    text = page.lstrip()[:200].lower()
    if not text:
        raise DataError(query, "the API sent an empty response")
    if text.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        raise DataError(query, "the API sent an HTML or XML page, not CSV (an error page?)")
    if not page.endswith(b"\n"):
        raise DataError(query, "the response does not end with a complete line (truncated)")


# --------------------------------------------------------------------------
# Validation: the same checks for a fresh response and for a fetched file on every read


def parse_bres_districts(data: bytes, file: str, year: int, status: str) -> pd.DataFrame:
    """Check a broad-group response and return it tidy.

    Columns: ``code``, ``name``, ``year``, ``sector`` (the 18 BRES broad groups,
    ordered), and the measure (``employment`` or ``employees``), one row per
    district and group, Great Britain (``K03000001``) included. Raises
    :class:`DataError` naming ``file`` (the query or the fetched file) and the problem.
    """
    try:
        frame = pd.read_csv(pd.io.common.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(file, f"cannot be parsed as CSV ({str(exc).strip()[:120]})") from None
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DataError(file, f"missing column(s) {missing}; columns found: {list(frame.columns)[:10]}")
    if frame.empty:
        raise DataError(file, "no data rows")
    _expect_single(frame, "DATE_NAME", str(year), file)
    if "EMPLOYMENT_STATUS_NAME" in frame:
        _expect_single(frame, "EMPLOYMENT_STATUS_NAME", STATUS_NAMES[status], file)
    if "MEASURE_NAME" in frame:
        _expect_single(frame, "MEASURE_NAME", "Count", file)
    numbers = to_numbers(frame["OBS_VALUE"], file, "OBS_VALUE", whole=True, nonnegative=True)
    group = frame["INDUSTRY_NAME"].str.extract(_GROUP_LABEL, expand=False)
    number = pd.to_numeric(group, errors="coerce")
    bad = number.isna() | ~number.between(1, len(BROAD_GROUPS))
    if bad.any():
        raise DataError(file, f"industry {frame.loc[bad, 'INDUSTRY_NAME'].iloc[0]!r} is not one of the 18 "
                              "BRES broad industrial groups")
    out = pd.DataFrame({"code": frame["GEOGRAPHY_CODE"].str.strip(), "name": frame["GEOGRAPHY_NAME"],
                        "year": year, "sector": number.astype(int).map(lambda n: BROAD_GROUPS[n - 1]),
                        status: numbers.astype("int64")})
    duplicated = out.duplicated(["code", "sector"], keep=False)
    if duplicated.any():
        first = out[duplicated].iloc[0]
        raise DataError(file, f"duplicated row for {first['code']} ({first['name']}), {first['sector']}")
    per_area = out.groupby("code")["sector"].nunique()
    incomplete = per_area[per_area != len(BROAD_GROUPS)]
    if not incomplete.empty:
        raise DataError(file, f"area(s) without all 18 broad groups: {incomplete.index.tolist()[:5]}")
    if GREAT_BRITAIN not in per_area.index:
        raise DataError(file, f"no Great Britain total ({GREAT_BRITAIN})")
    _check_districts(set(per_area.index) - {GREAT_BRITAIN}, file)
    out["sector"] = pd.Categorical(out["sector"], BROAD_GROUPS, ordered=True)
    return out.sort_values(["code", "sector"]).reset_index(drop=True)


def _expect_single(frame: pd.DataFrame, column: str, expected: str, file: str) -> None:
    found = sorted(set(frame[column].str.strip()))
    if found != [expected]:
        raise DataError(file, f"{column} is {found[:4]}, expected {expected!r} only")


def _check_districts(codes: set[str], file: str) -> None:
    """Every code a district the code-change table and the bundle know; no district
    listed with its own parts; every district of Great Britain present."""
    from .study import known_districts  # the study module reads BRES through bres.py, not this one

    known = set(known_districts()["code"])
    unknown = sorted(codes - known)
    if unknown:
        raise DataError(file, f"unknown district code(s) {unknown[:5]}: not in the bundle's district lists or "
                              "the code-change table (placeblind/data/district_codes.py)")
    for code in sorted(codes):
        parts = district_codes.predecessors(code) & codes
        if parts:
            raise DataError(file, f"district {code} is listed together with its own part(s) {sorted(parts)}")
    expected = {district_codes.code_in(c, LATEST_CODE_YEAR) for c in great_britain_districts_2016()}
    present = {district_codes.code_in(c, LATEST_CODE_YEAR) for c in codes}
    missing = sorted(expected - present)
    if missing:
        raise DataError(file, f"district(s) missing: {missing[:8]}" + (f" and {len(missing) - 8} more"
                                                                        if len(missing) > 8 else ""))


def great_britain_districts_2016() -> set[str]:
    """Every GB district on 2016 codes (the 380 of the bundled BRES 2017 file):
    carried to today's codes they are the districts a complete response covers."""
    return set(district_division_employment()["code"])


# --------------------------------------------------------------------------
# Fetch and record


def fetch_bres_districts(year: int, status: str = "employment", from_file: str | None = None) -> FetchRecord:
    """Download (or take ``from_file``, a response saved by hand), check, and keep
    one year of district BRES; returns the record written to ``FETCHED.csv``.

    The response goes to a temporary file in ``DATA_DIR/nomis`` and replaces the
    named file only after it has arrived whole and passed every check, so a
    failed or interrupted fetch leaves nothing half-written and an earlier good
    file untouched.
    """
    query = bres_districts_query(year, status)
    if from_file is None:
        data = download_csv(query)
    else:
        with open(from_file, "rb") as fh:
            data = fh.read()
        _check_page(data, from_file)
    tidy = parse_bres_districts(data, query if from_file is None else from_file, year, status)
    name = fetched_name(year, status)
    replace_atomically(folder() / name, data)
    record = FetchRecord(file=name, query=query,
                         retrieved_utc=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                         data_rows=len(tidy), sha256=sha256_of(folder() / name))
    write_record(record)
    return record


_FETCHED_NAME = re.compile(r"bres_(\d{4})_lad_broadgroups_(employment|employees)\.csv")


def fetched_bres_vintages() -> dict[int, tuple[str, str]]:
    """Years with a fetched district file: ``{year: (file name, status)}``. When a
    year was fetched as both employment and employees, employment is used (the
    measure of the bundled 2017 counts)."""
    out: dict[int, tuple[str, str]] = {}
    for name in sorted(records(), key=lambda n: "employees" in n):  # employment first
        match = _FETCHED_NAME.fullmatch(name)
        if match and int(match.group(1)) not in out:
            out[int(match.group(1))] = (name, match.group(2))
    return out


@cached(maxsize=4, variants=False)
def fetched_district_counts(year: int) -> pd.DataFrame:
    """A fetched year, verified against its record and checked as on arrival.

    Columns: ``code``, ``name``, ``year``, ``sector``, ``count``, ``measure``
    (``employment`` or ``employees``); Great Britain's row has code ``K03000001``.
    """
    vintages = fetched_bres_vintages()
    if year not in vintages:
        raise ValueError(f"no fetched BRES district file for {year} in {FOLDER}/ (fetched: {sorted(vintages)})")
    name, status = vintages[year]
    path = verified_fetched_path(name)
    tidy = parse_bres_districts(path.read_bytes(), f"{FOLDER}/{name}", year, status)
    expected = records()[name].data_rows
    if len(tidy) != expected:
        raise DataError(f"{FOLDER}/{name}", f"has {len(tidy)} data rows, the record says {expected}")
    return tidy.rename(columns={status: "count"}).assign(measure=status)


@cached(maxsize=4, variants=False)
def catalogued_district_counts(file_id: str, year: int, status: str) -> pd.DataFrame:
    """A bundled file in the layout the fetch writes, verified against the
    catalogue and checked as a fetched one: columns as :func:`fetched_district_counts`."""
    path = verified_path(file_id)
    shown = entry(file_id).path
    data = path.read_bytes()
    tidy = parse_bres_districts(gzip.decompress(data) if path.suffix == ".gz" else data, shown, year, status)
    expected = entry(file_id).data_rows
    if expected is not None and len(tidy) != expected:
        raise DataError(shown, f"has {len(tidy)} data rows, the catalogue says {expected}")
    return tidy.rename(columns={status: "count"}).assign(measure=status)


def nomis_district_counts(vintage: DistrictVintage) -> pd.DataFrame:
    """A counts vintage in the layout the fetch writes (the Nomis API's CSV),
    fetched or bundled: ``code``, ``name``, ``sector``, ``count``, Great Britain's
    row included (the reader of :class:`~placeblind.data.bres.DistrictVintage`)."""
    if vintage.fetched_file:
        counts = fetched_district_counts(vintage.year)
    else:
        counts = catalogued_district_counts(vintage.file_id, vintage.year, vintage.measure)
    return counts.drop(columns=["year", "measure"])


def fetched_district_vintages() -> dict[int, DistrictVintage]:
    """Every fetched year as a registry entry of the same class as a bundled one
    (counts, on the district codes of April 2023); empty when nothing was fetched."""
    what = {"employment": "employment (employees and working owners)", "employees": "employees"}
    return {year: DistrictVintage(year, COUNTS, status, FETCHED_CODE_YEAR,
                                  f"BRES {year}, {what[status]}, fetched from Nomis", fetched_file=name,
                                  cells_as_published=False)
            for year, (name, status) in fetched_bres_vintages().items()}

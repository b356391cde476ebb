"""What the introduction offers for reuse: one zip of every exported table, and
how to cite the book and get its source."""

from __future__ import annotations

import io
import zipfile

import yaml

from .. import config
from ..cache import cached
from ..data import inputs  # noqa: F401 (registers the data, which every result here depends on)
from .sphinx_site import repository_url
from .table_files import csv_text

TABLES_ZIP = "placeblind-tables.zip"
# A fixed time stamp for every member: the same tables give the same zip bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def tables_zip_bytes(frames: dict) -> bytes:
    """A zip holding ``<name>.csv`` for every frame (names sorted), byte for byte
    the CSV text ``make tables`` writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(frames):
            member = zipfile.ZipInfo(f"{name}.csv", date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            archive.writestr(member, csv_text(frames[name]).encode("utf-8"))
    return buffer.getvalue()


@cached(disk=True, maxsize=1)
def registered_tables_zip() -> bytes:
    """The zip of every registered table (:func:`tables_zip_bytes`), made once per
    build whichever process asks first: a chapter kernel that finds it on disk
    reads one file instead of eighty tables."""
    from .registry import TABLES, registered_table

    return tables_zip_bytes({name: registered_table(name) for name in TABLES})


def write_tables_zip() -> None:
    """Write the zip of every registered table beside the tables' CSVs, where the
    introduction's download link finds it. Returns nothing, so the cell that
    calls it shows no path (which would differ between checkouts)."""
    data = registered_tables_zip()
    path = config.tables_dir() / TABLES_ZIP
    # Rewritten only on change: a new modification time would re-run every chapter.
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def book_settings() -> dict:
    return yaml.safe_load((config.REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))


def citation_bibtex(url: str | None = None) -> str:
    """A BibTeX entry for the book, from ``_config.yml`` (its title, author and
    year, and the repository address once one is set)."""
    settings = book_settings()
    url = repository_url() if url is None else url
    fields = [("title", settings["title"]), ("author", "{" + settings["author"] + "}"),
              ("year", str(settings["copyright"])), ("note", "Executable Jupyter Book")]
    if url:
        fields.append(("url", url))
    body = ",\n".join(f"  {key:<6} = {{{value}}}" for key, value in fields)
    return f"@book{{placeblind{settings['copyright']},\n{body}\n}}"


def source_sentence(url: str | None = None) -> str:
    """Where the source is: the repository link once its address is set, and
    until then how to get it (no address is invented)."""
    url = repository_url() if url is None else url
    if url:
        return (f"The source of this book (code, chapter sources, tests and the data catalogue) is at "
                f"<{url}>; its README says how to rebuild every page.")
    return ("The source of this book (code, chapter sources, tests and the data catalogue) is a git "
            "repository distributed with it; its public address has not been set in this copy, so ask the "
            "publisher of this copy for it. Its README says how to rebuild every page.")


def citation_markdown(url: str | None = None) -> str:
    """The "cite this book" text the introduction shows: where the source is and a BibTeX entry."""
    return f"{source_sentence(url)}\n\n```bibtex\n{citation_bibtex(url)}\n```"

"""How ``data/`` was made from the data bundle (issue 19: the data travel with the book).

    python tools/pack_data.py BUNDLE_DIR

copies every catalogued file from ``BUNDLE_DIR`` (the folders ``census/``,
``bres/``, ``reference/``, ``geography/`` with their ``PROVENANCE.md``) into
the repository's ``data/``, keeping folders. A CSV larger than
``COMPRESS_ABOVE`` bytes is stored gzip-compressed as ``<name>.csv.gz``
(deterministically: no file name, modification time 0, level 9, as ``gzip -n -9``
would), which pandas reads as it reads the plain file. Everything else is copied
byte for byte. The catalogue's ``path`` and ``sha256`` then name the stored
file, and ``original_sha256`` keeps the SHA-256 of the file as published, so a
researcher can match an official or original copy (``gzip -dc FILE | sha256sum``).

Run again, it checks that each original still has its recorded
``original_sha256`` and rewrites nothing that is unchanged.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CATALOGUE = DATA / "catalogue.csv"
COMPRESS_ABOVE = 1_000_000  # bytes: the four BRES CSVs above 1 MB, 29 of the bundle's 34 MB
FOLDERS = ("census", "bres", "reference", "geography")


def deterministic_gzip(data: bytes) -> bytes:
    """gzip bytes that depend on the input only (no name, mtime 0)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as fh:
        fh.write(data)
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def storage_note(rows: list[dict[str, str]]) -> str:
    """The section appended to a folder's PROVENANCE.md: which of its files are stored compressed."""
    compressed = [row for row in rows if row["path"].endswith(".gz")]
    lines = ["", "---", "", f"{STORAGE_HEADING}", ""]
    if compressed:
        lines.append("These files are stored gzip-compressed in the repository's `data/` (CSVs over 1 MB; "
                     "see `data/README.md`); the checksums above are of the files as published, that is "
                     "of the decompressed bytes (`gzip -dc FILE | sha256sum`):")
        lines.append("")
        lines += [f"- `{row['path'].split('/', 1)[1]}`" for row in compressed]
        lines.append("")
        lines.append("Every other file here is stored byte for byte as published.")
    else:
        lines.append("Every file here is stored in the repository's `data/` byte for byte as published "
                     "(none is compressed).")
    return "\n".join(lines) + "\n"


STORAGE_HEADING = "## How these files are stored in this repository (issue 19)"


def pack(bundle: Path) -> None:
    with open(CATALOGUE, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    if "original_sha256" not in fields:
        fields.append("original_sha256")
    for row in rows:
        original_path = row["path"].removesuffix(".gz")
        source = (bundle / original_path).read_bytes()
        digest = sha256(source)
        recorded = row.get("original_sha256") or row["sha256"]
        if digest != recorded:
            sys.exit(f"{original_path}: sha256 {digest}, the catalogue records {recorded}")
        compress = original_path.endswith(".csv") and len(source) > COMPRESS_ABOVE
        stored = deterministic_gzip(source) if compress else source
        row["path"] = original_path + (".gz" if compress else "")
        row["sha256"], row["original_sha256"] = sha256(stored), digest
        target = DATA / row["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != stored:
            target.write_bytes(stored)
        print(f"{row['path']}: {len(source)} -> {len(stored)} bytes")
    for folder in FOLDERS:
        text = (bundle / folder / "PROVENANCE.md").read_text(encoding="utf-8")
        stored = [row for row in rows if row["path"].startswith(f"{folder}/")]
        (DATA / folder / "PROVENANCE.md").write_text(text.rstrip("\n") + "\n" + storage_note(stored),
                                                     encoding="utf-8")
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    CATALOGUE.write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    pack(Path(sys.argv[1]))

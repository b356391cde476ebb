"""Command line: ``python -m placeblind verify | tables [study options] | figures | build | fetch | check-official``.

    python -m placeblind tables                                   # the book's tables
    python -m placeblind tables --authority "North East" --out DIR  # any combined authority
    python -m placeblind tables --districts E08000021,E08000037 --out DIR
    python -m placeblind fetch bres-districts --year 2018         # BRES from the Nomis API
    python -m placeblind check-official bres_lad_2015_2017_div    # a bundled copy against Nomis
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import config
from .data.catalogue import verify_all
from .errors import DataError, SettingsError

USAGE_ERROR, DATA_ERROR = 2, 1


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m placeblind", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True,
                                  metavar="verify|tables|figures|build|fetch|check-official")
    commands.add_parser("verify", help="check every catalogued data file against its SHA-256")
    tables = commands.add_parser(
        "tables", help="write tables as CSV: the book's, or the paper's tables for any authority or districts")
    tables.add_argument("--authority", action="append", default=[], metavar="NAME_OR_CODE",
                        help="a combined authority by name or E47 code (repeat for several)")
    tables.add_argument("--districts", default="", metavar="CODE,CODE,...",
                        help="district codes, comma-separated (any vintage the data know)")
    tables.add_argument("--lookup-year", type=int, choices=(2023, 2024, 2025), default=2025,
                        help="which ONS combined-authority lookup gives membership (default 2025)")
    tables.add_argument("--out", type=Path, metavar="DIR",
                        help="folder for the CSV files (default: TABLES_DIR or _build/tables for the book's "
                             "tables, _build/study-tables/<study> for a study)")
    commands.add_parser("figures", help="draw every figure as PNG into figures/")
    book = commands.add_parser("build", help="verify the data, then build the book (make book): jupyter-book "
                                             "build -W --keep-going, reading the chapters in BOOK_JOBS processes, "
                                             "while the book's results are computed beside it (one process per "
                                             "core, once per state of the source and data)")
    book.add_argument("--all", action="store_true", help="rebuild every page, not only the changed ones")
    fetch = commands.add_parser("fetch", help="download official data from the Nomis API (NOMIS_API) into "
                                              "DATA_DIR/nomis and record it in FETCHED.csv")
    fetch.add_argument("what", choices=("bres-districts",),
                       help="bres-districts: BRES for every GB district and GB, 18 broad groups, counts")
    fetch.add_argument("--year", type=int, required=True, help="BRES year, 2015 onwards")
    fetch.add_argument("--status", choices=("employment", "employees"), default="employment",
                       help="employment (employees and working owners, default) or employees")
    fetch.add_argument("--from-file", metavar="PATH",
                       help="a response saved by hand from the query URL (no network needed): checked and "
                            "recorded like a download")
    fetch.add_argument("--print-query", action="store_true", help="print the query URL and stop")
    official = commands.add_parser("check-official", help="compare bundled files, cell by cell, with the official "
                                                          "data from the Nomis API (NOMIS_API)")
    official.add_argument("ids", nargs="*", metavar="ID", help="catalogue ids (default: every file with a query)")
    official.add_argument("--out", type=Path, metavar="FILE", help="write every difference to this CSV")
    return top


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "study"


def run_tables(args: argparse.Namespace) -> int:
    from .publishing.table_files import remove_tables, write_tables

    districts = [c for c in args.districts.split(",") if c.strip()]
    if args.authority or districts:
        from .data.study import study_from
        from .publishing.study_tables import STUDY_TABLE_NAMES, study_tables

        study = study_from(args.authority, districts, args.lookup_year)
        out = args.out or config.REPO_ROOT / "_build" / "study-tables" / _slug(study.label)
        names, build = list(STUDY_TABLE_NAMES), lambda: study_tables(study)
        print(f"study: {study.description}, {len(study.codes)} districts", file=sys.stderr)
    else:
        from .publishing.registry import TABLES, registered_table

        out = args.out or config.tables_dir()
        names, build = list(TABLES), lambda: {name: registered_table(name) for name in TABLES}
    from .publishing import manifest

    names.append(manifest.NAME)
    try:
        frames = build()  # every table is built before any is written
        frames[manifest.NAME] = manifest.manifest()  # the inputs and settings they were made from
    except DataError:
        for path in remove_tables(names, out):
            print(f"removed stale {path}", file=sys.stderr)
        raise
    changed = frames[manifest.NAME].query("not matches")["path"].tolist()
    if changed:
        print(f"warning: these tables were made from {len(changed)} file(s) that do not match the catalogue "
              f"({', '.join(changed)}); {manifest.NAME}.csv records it", file=sys.stderr)
    for path in write_tables(frames, out):
        print(path)
    if "study_notes" in frames and len(frames["study_notes"]):
        for note in frames["study_notes"].itertuples():
            print(f"note: {note.name or 'all'} ({note.vintage}): {note.note}", file=sys.stderr)
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    from .data import nomis

    if args.print_query:
        print(nomis.bres_districts_query(args.year, args.status))
        return 0
    record = nomis.fetch_bres_districts(args.year, args.status, args.from_file)
    print(f"fetched {record.data_rows} rows into {config.data_dir() / 'nomis' / record.file}")
    print(f"query: {record.query}")
    return 0


def run_check_official(args: argparse.Namespace) -> int:
    from .data.official import check_official

    summary, differences = check_official(args.ids)
    for row in summary.itertuples():
        other = row.differences - row.rounding
        print(f"{row.id}: {row.cells} cells, {other} differ" + (f", {row.rounding} more by rounding of merged "
                                                                  "districts" if row.rounding else ""))
        for diff in differences[(differences["id"] == row.id) & (differences["note"] != "rounding")].head(10) \
                .itertuples():
            print(f"  {diff.key}: bundled {diff.bundled:g}, official {diff.official:g} ({diff.note})")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        differences.to_csv(args.out, index=False, lineterminator="\n")
        print(f"differences written to {args.out}")
    return DATA_ERROR if (summary["differences"] > summary["rounding"]).any() else 0


def main(argv: list[str]) -> int:
    try:
        args = parser().parse_args(argv[1:])
    except SystemExit as exc:  # argparse has printed the usage and the problem
        return int(exc.code or 0) and USAGE_ERROR
    from .data.study import StudyError

    # A data file or a setting at fault is told in one line; anything else is a bug,
    # and its traceback goes through (an unexpected ValueError included).
    try:
        if args.command in ("verify", "build"):  # the book is built only from verified data
            results = verify_all()
            print(f"verified {len(results)} files in {config.data_dir()} (DATA_VERIFY={config.verify_mode()})")
        if args.command == "tables":
            return run_tables(args)
        elif args.command == "figures":
            import matplotlib

            matplotlib.use("Agg")  # no screen needed to draw files
            from .publishing.export import export_figures

            for path in export_figures():
                print(path)
        elif args.command == "build":
            from .publishing.make_book import book

            return book(everything=args.all)  # the results the chapters read computed, and the book built
        elif args.command == "fetch":
            return run_fetch(args)
        elif args.command == "check-official":
            return run_check_official(args)
    except DataError as exc:
        print(f"data error: {exc}", file=sys.stderr)
        return DATA_ERROR
    except StudyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except SettingsError as exc:  # a mistyped setting such as DATA_VERIFY, or an --out folder that is not ours
        print(f"configuration error: {exc}", file=sys.stderr)
        return DATA_ERROR
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Command line: ``python -m placeblind verify|tables|figures``."""

from __future__ import annotations

import sys

from . import config
from .catalogue import verify_all
from .errors import DataError


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    try:
        if command == "verify":
            results = verify_all()
            print(f"verified {len(results)} files in {config.data_dir()} (DATA_VERIFY={config.verify_mode()})")
        elif command == "tables":
            from .export import export_tables
            for path in export_tables():
                print(path)
        elif command == "figures":
            import matplotlib

            matplotlib.use("Agg")  # no screen needed to draw files
            from .export import export_figures
            for path in export_figures():
                print(path)
        else:
            print("usage: python -m placeblind verify|tables|figures", file=sys.stderr)
            return 2
    except DataError as exc:
        print(f"data error: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # a mistyped setting such as DATA_VERIFY
        print(f"configuration error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

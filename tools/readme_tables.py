"""The README's generated blocks: every table and figure (from the registry) and the data sources (from the catalogue).

    python tools/readme_tables.py          # rewrite the block between the markers in README.md
    python tools/readme_tables.py check    # exit 1 when README.md's block is out of date

See :mod:`placeblind.publishing.contents` for where the numbers come from.
"""

from __future__ import annotations

import sys

from placeblind import config
from placeblind.publishing.contents import generated_readme

README = config.REPO_ROOT / "README.md"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    updated = generated_readme(text)
    if argv[1:] == ["check"]:
        if updated != text:
            print("README.md's generated lists (tables and figures, data sources) are out of date: "
                  "run python tools/readme_tables.py",
                  file=sys.stderr)
            return 1
        return 0
    if argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    if updated != text:
        README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

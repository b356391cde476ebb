"""Every glue recorded in the committed chapter notebooks, read once for the tests
that check what the pages print (one spelling, one number per thing)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = "application/papermill.record/text/plain"


def committed_glues() -> list[tuple[str, str, str]]:
    """(chapter, glue name, recorded text) for every glue of every committed notebook."""
    out = []
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                scrap = output.get("metadata", {}).get("scrapbook")
                if scrap and RECORD in output.get("data", {}):
                    out.append((notebook.stem, scrap["name"], output["data"][RECORD]))
    return out

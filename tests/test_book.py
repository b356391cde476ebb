"""The book as a whole: sources in sync, exports with their fixed columns, and a
full warning-free build whose pages carry captioned tables with CSV links and
figures with alt text."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

# Column contracts researchers script against (the spine and chapter issues).
EXPORT_COLUMNS = {
    "attainment_2011": ["code", "name", "authority", "all_16plus", "pct_no_qualifications", "pct_level4_plus"],
    "claims": ["claim_id", "source", "statement", "published", "reproduced", "unit", "vintage", "verdict", "reason"],
    "sector_shares": ["code", "name", "vintage", "sector", "share_pct"],
    "location_quotients": ["code", "name", "vintage", "sector", "lq", "lq_low", "lq_high"],
    "education_sector_fit": ["sample", "vintage", "census", "sector", "education", "n", "r", "r2", "slope", "p_value",
                             "r2_ci_low", "r2_ci_high", "r_ci_low", "r_ci_high", "p_value_hc3"],
    "is8_location_quotients": ["itl2_code", "itl2_name", "year", "definition", "sector", "employment", "lq",
                               "lq_low", "lq_high"],
    "attainment_2021": ["code", "name", "authority", "all_16plus", "pct_no_qualifications", "pct_level4_plus",
                        "authority_2025"],
    "attainment_change": ["code", "name", "authority_2025", "pct_level4_plus_2011", "pct_level4_plus_2021",
                          "change_level4_plus_pp", "pct_no_qualifications_2011", "pct_no_qualifications_2021",
                          "change_no_qualifications_pp"],
    "robustness": ["finding", "specification_id", "bres_year", "base", "census_year", "sample", "region_year",
                   "sector_definition", "frontier_codes", "lq_cutoff", "estimate", "supports_published"],
    "robustness_summary": ["finding", "claim_id", "published", "main_estimate", "min_estimate", "max_estimate",
                           "share_supporting", "decisive_choice"],
    "authorities_2025": ["authority_code", "authority", "districts", "residents_16plus_2021", "pct_level4_plus_2021",
                         "pct_no_qualifications_2021", "change_level4_plus_pp", "change_no_qualifications_pp",
                         "professional_lq_min", "professional_lq_max", "digital_lq_min", "digital_lq_max",
                         "largest_sector"],
}


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def test_notebooks_match_their_myst_sources():
    result = subprocess.run([sys.executable, "tools/notebooks.py", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_chapter_notebook_has_a_source_and_is_in_the_toc():
    notebooks = {p.stem for p in (ROOT / "chapters").glob("*.ipynb")}
    sources = {p.stem for p in (ROOT / "chapters" / "myst").glob("*.md")}
    assert notebooks == sources
    in_toc = {Path(f).name for f in toc_files()}
    assert notebooks <= in_toc


@pytest.fixture(scope="module")
def exported(book_tables):
    """What `make tables` writes, into a temporary folder (conftest: made once per session)."""
    return book_tables


def test_make_tables_exports_every_table_with_its_contract(exported):
    written = {p.stem for p in exported.glob("*.csv")}
    assert set(EXPORT_COLUMNS) <= written
    for name, columns in EXPORT_COLUMNS.items():
        frame = pd.read_csv(exported / f"{name}.csv")
        assert set(columns) <= set(frame.columns), name
        assert len(frame) > 0
    attainment = pd.read_csv(exported / "attainment_2011.csv")
    assert "K04000001" in set(attainment["code"])


def test_make_tables_stops_on_bad_data_dir(tmp_path):
    env = {**os.environ, "TABLES_DIR": str(tmp_path), "DATA_DIR": str(tmp_path / "nowhere")}
    result = subprocess.run([sys.executable, "-m", "placeblind", "tables"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "nowhere" in result.stderr and "DATA_DIR" in result.stderr
    assert not list(tmp_path.glob("*.csv"))


def test_every_toc_page_is_built(built_site):
    for file in toc_files():
        assert (built_site / f"{file}.html").is_file(), file


def test_tables_are_captioned_with_a_working_csv_link(built_site, exported):
    """Every table has a caption with its source and a CSV link, and the CSV it
    links is byte for byte what `make tables` writes under the same name."""
    pages = [built_site / f"{f}.html" for f in toc_files()]
    n_tables = 0
    for page in pages:
        html = page.read_text()
        assert "```{table}" not in html and ":::{table}" not in html, f"unrendered table directive in {page.name}"
        for caption in re.findall(r"<caption>(.*?)</caption>", html, flags=re.S):
            n_tables += 1
            assert "Source:" in caption, page.name
            links = re.findall(r'href="([^"]+\.csv)"', caption)
            assert links, f"table without CSV link in {page.name}"
            for link in links:
                linked = (page.parent / link).resolve()
                assert linked.is_file(), link
                assert linked.read_bytes() == (exported / linked.name).read_bytes(), linked.name
    assert n_tables >= 5


def test_figures_have_alt_text(built_site):
    from placeblind.publishing.registry import FIGURES

    n_images = 0
    for file in toc_files():
        html = (built_site / f"{file}.html").read_text()
        for tag in re.findall(r"<img [^>]*>", html):
            n_images += 1
            if "logo" in tag:
                continue
            alt = re.search(r'alt="([^"]*)"', tag)
            assert alt and len(alt.group(1)) > 20, f"{file}: image without meaningful alt text: {tag[:120]}"
    assert n_images >= len(FIGURES), "every registered figure is shown in the book"


def test_no_unresolved_glue(built_site):
    for file in toc_files():
        html = (built_site / f"{file}.html").read_text()
        assert "glue:text" not in html and "{glue" not in html, file


def test_verify_command_reports_a_mistyped_setting_in_one_line():
    env = {**os.environ, "DATA_VERIFY": "wrong"}
    result = subprocess.run([sys.executable, "-m", "placeblind", "verify"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == "configuration error: DATA_VERIFY must be one of ('strict', 'warn'), not 'wrong'"


def test_no_notebook_output_holds_a_path_of_this_checkout():
    """An output that names a file by its absolute path differs between checkouts
    (nbval would then fail on a clean clone): outputs carry no path."""
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        text = notebook.read_text(encoding="utf-8")
        assert str(ROOT) not in text and "_build/tables/" not in text.replace("</_build/tables/", ""), notebook.name


def test_every_table_and_figure_is_referred_to_in_the_text(built_site):
    """A table or figure nobody points to is easy to miss: each is the target of
    at least one cross-reference (the caption's own permalink does not count)."""
    pages = {Path(f).name: (built_site / f"{f}.html").read_text() for f in toc_files()}
    referenced = set()
    for name, html in pages.items():
        for href in re.findall(r'<a class="reference internal" href="([^"]*)"', html):
            page, _, fragment = href.partition("#")
            referenced.add((Path(page).stem if page else name, fragment))
    orphans = [f"{name}#{target}" for name, html in pages.items()
               for target in re.findall(r'<(?:table|figure)[^>]*\bid="((?:tbl|fig)-[^"]+)"', html)
               if (name, target) not in referenced]
    assert orphans == []


def test_every_citation_links_to_its_bibliography_entry(built_site):
    references = (built_site / "chapters" / "references.html").read_text()
    entries = set(re.findall(r'<div class="citation" id="([^"]+)"', references))
    assert entries, "the references page lists no entries"
    n_citations = 0
    for file in toc_files():
        html = (built_site / f"{file}.html").read_text()
        for citation in re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', html, flags=re.S):
            n_citations += 1
            targets = re.findall(r'href="(?:references\.html)?#([^"]+)"', citation)
            assert targets and set(targets) <= entries, f"{file}: citation not linked to its entry: {citation[:120]}"
    assert n_citations > 5
    # Readable labels: author and year, no pybtex alpha keys, no TeX left in the text.
    labels = re.findall(r'<span class="label"><span class="fn-bracket">\[</span>(.*?)<span', references)
    assert labels and all(re.search(r"\d{4}[a-z]?$", label) for label in labels), labels
    for entry in re.findall(r'<div class="citation"[^>]*>(.*?)</div>', references, flags=re.S):
        text = re.sub(r"<[^>]+>", "", entry)
        assert "\\url" not in text and "`" not in text and "{" not in text, text


def test_a_result_shared_by_the_run_s_workers_is_made_once(tmp_path):
    """conftest.once_per_run: the first asker makes it in the run's folder, later askers read it."""
    from conftest import once_per_run

    made = []

    def make(folder):
        made.append(folder)
        (folder / "made.txt").write_text("once", encoding="utf-8")
        return {"count": len(made)}

    name = f"once-{tmp_path.name}"
    assert once_per_run(name, make) == {"count": 1}
    assert once_per_run(name, make) == {"count": 1}
    assert len(made) == 1 and (made[0] / "made.txt").read_text(encoding="utf-8") == "once"


def test_the_build_reads_the_chapters_in_parallel(built_site_log):
    """Read in several processes, Sphinx reports each batch of pages as a range
    ("reading sources... [ 25%] chapters/a .. chapters/d"); read serially, one page a
    line. An extension not declared safe for parallel reading would have made it read
    serially, with a warning that -W turns into a failed build."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", built_site_log)
    assert re.search(r"^reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+$", plain, re.M), plain[-3000:]
    assert "doing serial read" not in plain

"""What the site offers readers beyond the chapters: the ledger page, the
headline figure, the tables zip, the citation and the repository address set in
one place. Hand-made inputs, so each property is checked where it is known."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import pandas as pd
import pytest
import yaml

from placeblind import config
from placeblind.publishing import downloads, ledger_page
from placeblind.publishing.registry import FIGURE_DATA, FIGURES, TABLES


def claims(**changes) -> pd.DataFrame:
    rows = [
        {"claim_id": "P01", "source": "Paper", "statement": "Share <b>here</b> & there", "published": "47.3",
         "reproduced": "47.3", "unit": "%", "vintage": "2011", "verdict": "reproduced", "reason": ""},
        {"claim_id": "P02", "source": "Paper", "statement": "Ratio", "published": "8", "reproduced": "5.1",
         "unit": "ratio", "vintage": "2017", "verdict": "differs", "reason": "Another year."},
        {"claim_id": "B01", "source": "Blog", "statement": "None", "published": "0", "reproduced": "2",
         "unit": "count", "vintage": "2021", "verdict": "differs", "reason": "Another measure."},
    ]
    frame = pd.DataFrame(rows)
    for column, value in changes.items():
        frame.loc[0, column] = value
    return frame


def test_every_claim_has_its_own_anchor_and_a_labelled_badge():
    html = ledger_page.ledger_html(claims())
    for claim_id in ("P01", "P02", "B01"):
        assert html.count(f'id="{claim_id}"') == 1
    # two claims, and two groups each named in the index and in their title
    assert html.count('class="claim-verdict verdict-differs"') == 2 + 2 + 2
    assert "\u2717</span> differs" in html  # a symbol and the word, not colour alone


def test_claims_are_grouped_by_source_then_verdict_differences_first():
    html = ledger_page.ledger_html(claims())
    assert html.index('id="paper-differs"') < html.index('id="paper-reproduced"') < html.index('id="blog-differs"')
    assert html.index('id="P02"') < html.index('id="P01"')
    assert 'href="#paper-differs"' in html and 'href="#blog-differs"' in html
    assert 'id="blog-reproduced"' not in html  # an empty group is left out


def test_ledger_text_is_escaped_and_an_empty_reason_shows_no_line():
    html = ledger_page.ledger_html(claims())
    assert "Share &lt;b&gt;here&lt;/b&gt; &amp; there" in html
    p01 = html[html.index('id="P01"'):]
    p01 = p01[:p01.index("</div>")]
    assert "claim-reason" not in p01
    assert "<b>Why:</b> Another year." in html


def test_ledger_rejects_an_unknown_verdict_and_duplicate_ids():
    with pytest.raises(ValueError, match="unknown verdict"):
        ledger_page.ledger_html(claims(verdict="maybe"))
    with pytest.raises(ValueError, match="duplicate claim ids"):
        ledger_page.ledger_html(claims(claim_id="P02"))
    with pytest.raises(ValueError, match="not a claim id"):
        ledger_page.claim_link("P01<script>")
    assert ledger_page.claim_link("P04") == '<a class="claim-link" href="claims_ledger.html#P04">P04</a>'


def test_result_words_follow_the_numbers():
    from placeblind.claims.summary_findings import not_spots_reading

    assert not_spots_reading(5, 5, 0) == "hold in the official data"
    assert not_spots_reading(0, 5, 2) == "do not hold in the official data"
    assert not_spots_reading(2, 5, 2) == "hold only in part in the official data"
    assert not_spots_reading(5, 5, 2) == "hold only in part in the official data"   # Greater Manchester decides


def test_tables_zip_holds_each_csv_byte_for_byte_and_is_reproducible():
    frames = {"b": pd.DataFrame({"x": [1.5, 2.0]}), "a": pd.DataFrame({"y": ["p", "q"]})}
    first, second = downloads.tables_zip_bytes(frames), downloads.tables_zip_bytes(dict(reversed(frames.items())))
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert archive.namelist() == ["a.csv", "b.csv"]
    assert archive.read("b.csv").decode() == "x\n1.5\n2\n"


def test_citation_uses_the_repository_address_only_once_set():
    unset, set_ = downloads.citation_markdown(""), downloads.citation_markdown("https://example.org/book")
    assert "url" not in downloads.citation_bibtex("") and "has not been set" in unset
    assert "url    = {https://example.org/book}" in set_ and "<https://example.org/book>" in set_
    assert set_.count("```bibtex") == 1


def test_repository_address_citation_file_and_config_agree():
    settings = yaml.safe_load((config.REPO_ROOT / "_config.yml").read_text())
    citation = yaml.safe_load((config.REPO_ROOT / "CITATION.cff").read_text())
    assert "url" in settings["repository"], "repository.url is the one place the address is set"
    assert citation["title"] == settings["title"]
    assert [a["name"] for a in citation["authors"]] == [settings["author"]]
    assert citation.get("repository-code", "") == (settings["repository"]["url"] or "")


def test_every_figure_offers_the_data_it_draws():
    assert set(FIGURE_DATA) == set(FIGURES)
    assert set(FIGURE_DATA.values()) <= set(TABLES)


def test_the_bristol_sentence_names_sectors_not_the_region():
    """A glued value once put the region's name where the missed sector belongs."""
    from placeblind.data.is8_definitions import IS8_SECTORS
    from placeblind.publishing.facts import cell

    missed = cell("is8_findings", "is8_bristol_missing")
    names = [part.split(" (LQ ")[0] for part in missed.split("; ")]
    assert names and set(names) <= set(IS8_SECTORS), missed


def test_long_paths_get_break_opportunities_and_stay_escaped():
    from placeblind.publishing.displays import breakable

    assert breakable("a/b_c") == "a/<wbr>b\\_<wbr>c"  # the underscore escaped for Markdown
    assert breakable("x?p=1&q=<2>") == "x?<wbr>p=<wbr>1&amp;<wbr>q=<wbr>&lt;2&gt;"
    assert breakable("plain") == "plain"


# --- read on a phone: the ledger's notes, tables of sentences, heatmaps, map captions

def test_a_claims_notes_sit_in_a_disclosure_open_in_the_page():
    """The long notes (robustness, why, the rule) are in a details element written
    open (a wide screen shows everything; site.js closes it on a phone); the
    statement, the verdict and the figures stay outside it."""
    frame = claims(robustness="holds in 90% of 10 specifications")
    frame["rule"] = ["share: within 0.5 pp", "", ""]
    html = ledger_page.ledger_html(frame)
    p01 = html[html.index('id="P01"'):]
    p01 = p01[:p01.index('<div class="claim"') if '<div class="claim"' in p01 else len(p01)]
    head, notes = p01.split('<details class="claim-more" open>')
    assert "Share &lt;b&gt;here" in head and "verdict-reproduced" in head
    assert '<span class="claim-official"><b>Official data:</b> 47.3</span>' in head
    assert f"<summary>{ledger_page.NOTES_SUMMARY}</summary>" in notes
    assert "holds in 90% of 10 specifications" in notes and "Rule: share: within 0.5 pp." in notes
    assert html.count("<details") == 3  # P01 its robustness and rule, P02 and B01 their reasons
    assert "Another year." in html[html.index('id="P02"'):]


def test_a_claim_without_notes_has_no_empty_disclosure():
    frame = claims(reason="")
    html = ledger_page.ledger_html(frame.iloc[[0]])
    assert "<details" not in html


def test_a_table_of_sentences_can_read_as_cards_on_a_phone():
    from placeblind.publishing.tables import CARDS_CLASS, show_table

    frame = pd.DataFrame({"kind": ["share"], "close": ["within 0.5 percentage points"]})
    with_cards = show_table(frame, "Rules.", "tbl-x", "claims_rules", cards=True).data
    plain = show_table(frame, "Rules.", "tbl-x", "claims_rules").data
    assert f":class: {CARDS_CLASS}\n" in with_cards and CARDS_CLASS not in plain
    assert with_cards.replace(f":class: {CARDS_CLASS}\n", "") == plain  # the table itself unchanged


@pytest.mark.parametrize("name", ["is8_lq_heatmap", "sectors_lq_heatmap"])
def test_heatmap_text_reads_on_a_phone_and_nothing_runs_off_the_figure(name):
    """Shown across a phone's column, every text of the heatmap is at least
    PHONE_TEXT_PX tall, and every text lies inside the picture (a title once ran
    off its right edge)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from placeblind.publishing import figures, registry

    fig = registry.figure_builder(name)()
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # lays the figure out as saving it does
    renderer = canvas.get_renderer()
    box = fig.bbox
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert len(texts) > 100  # the cells' values are texts too
    small = {t.get_text(): round(figures.phone_pixels(fig, t.get_fontsize()), 1) for t in texts
             if figures.phone_pixels(fig, t.get_fontsize()) < figures.PHONE_TEXT_PX - 0.01}
    assert small == {}
    outside = [t.get_text() for t in texts if not (box.x0 - 1 <= t.get_window_extent(renderer).x0
                                                   and t.get_window_extent(renderer).x1 <= box.x1 + 1
                                                   and box.y0 - 1 <= t.get_window_extent(renderer).y0
                                                   and t.get_window_extent(renderer).y1 <= box.y1 + 1)]
    assert outside == []
    # each printed value fits inside its cell, with room either side
    ax = fig.axes[0]
    cell = ax.get_window_extent(renderer).width / len(ax.get_xticks())
    values = [t for t in ax.texts if t.get_text().replace(".", "").isdigit()]
    assert values and max(t.get_window_extent(renderer).width for t in values) < 0.9 * cell


def test_claim_tiles_are_drawn_for_a_phone_and_marked_so():
    """Fig. 1 (the claim tiles) is drawn for a phone's column as the heatmaps are:
    PHONE_WIDTH wide (so taller than wide, where it was twice as wide as tall),
    every text at least PHONE_TEXT_PX on a phone and inside the picture, and the
    introduction gives it the class that sizes such figures (phone-legible)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from placeblind.publishing import figures, registry

    fig = registry.figure_builder("claims_verdicts")()
    assert fig.get_figwidth() == figures.PHONE_WIDTH and fig.get_figheight() > fig.get_figwidth()
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer, box = canvas.get_renderer(), fig.bbox
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert len(texts) > 100  # two per claim
    small = {t.get_text(): round(figures.phone_pixels(fig, t.get_fontsize()), 1) for t in texts
             if figures.phone_pixels(fig, t.get_fontsize()) < figures.PHONE_TEXT_PX - 0.01}
    assert small == {}
    outside = [t.get_text() for t in texts if not (box.padded(1).contains(*t.get_window_extent(renderer).min)
                                                   and box.padded(1).contains(*t.get_window_extent(renderer).max))]
    assert outside == []
    intro = (config.REPO_ROOT / "chapters" / "myst" / "introduction.md").read_text()
    figure = intro[intro.index(":name: fig-claims-verdicts"):]
    assert figure[:figure.index("\n\n")].endswith(":figclass: phone-legible")


def test_heatmap_row_labels_take_at_most_two_lines():
    from placeblind.publishing.figures import lq_heatmap

    values = pd.DataFrame({"a": [1.0, 2.0]}, index=["short", "a very long name indeed that wraps more than twice"])
    with pytest.raises(ValueError, match="more than two lines"):
        lq_heatmap(values, ["x", "x"], title="t", xlabel="x", ylabel="y", max_ratio=4, height=3, colorbar={},
                   wrap=12)
    fig, _ = lq_heatmap(values, ["x", "y"], title="t", xlabel="x", ylabel="y", max_ratio=4, height=3,
                        colorbar={}, wrap=30)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        "short", "a very long name indeed that\nwraps more than twice"]


def test_the_maps_licence_is_said_once_above_the_authorities_maps():
    """Every authority's map keeps its own caption, without the boundaries' licence,
    which the page says once, before the first section."""
    from placeblind.publishing import places_page
    from placeblind.publishing.registry import registered_table

    sections = registered_table("authority_sections")
    first = places_page.authority_section(sections.iloc[0])
    assert "Crown copyright" not in first and "Licence" not in first
    assert f"{sections.iloc[0]['authority']}'s districts, named, shaded by" in first
    page = places_page.authority_sections_markdown().data
    assert page.count("Crown copyright") == 1 and page.count("Open Government Licence") == 1
    assert page.index("Crown copyright") < page.index('class="authority-section"')


def test_an_edited_static_file_reaches_the_site_without_a_full_build(tmp_path):
    """Sphinx copies ``_static/`` only when a page is rebuilt; the extension copies a
    changed (or new) file of the book's own at every build, and leaves the rest alone."""
    from types import SimpleNamespace

    from placeblind.publishing.sphinx_site import refresh_own_static

    (tmp_path / "_static" / "sub").mkdir(parents=True)
    (tmp_path / "_static" / "site.css").write_text("a { color: red; }")
    (tmp_path / "_static" / "sub" / "new.js").write_text("x = 1;")
    out = tmp_path / "html"
    (out / "_static").mkdir(parents=True)
    (out / "_static" / "site.css").write_text("a { color: blue; }")
    (out / "_static" / "theme.css").write_text("theme")
    app = SimpleNamespace(builder=SimpleNamespace(format="html"), confdir=str(tmp_path), outdir=str(out),
                          config=SimpleNamespace(html_static_path=["_static"]))
    refresh_own_static(app, None)
    assert (out / "_static" / "site.css").read_text() == "a { color: red; }"
    assert (out / "_static" / "sub" / "new.js").read_text() == "x = 1;"
    assert (out / "_static" / "theme.css").read_text() == "theme"
    (tmp_path / "_static" / "site.css").write_text("changed")
    refresh_own_static(app, RuntimeError("the build failed"))  # a failed build copies nothing
    assert (out / "_static" / "site.css").read_text() == "a { color: red; }"


def test_every_linked_term_is_a_glossary_entry():
    from placeblind.publishing.glossary_links import GLOSSARY_LINKS

    glossary = (config.REPO_ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    entries = {line.strip() for line in glossary.splitlines() if line and not line.startswith((" ", "`", "#", "("))}
    assert {entry for entry, _ in GLOSSARY_LINKS} <= entries


def test_a_pages_first_prose_use_of_a_term_links_to_the_glossary():
    from docutils import nodes
    from docutils.core import publish_doctree
    from sphinx import addnodes

    from placeblind.publishing.glossary_links import link_first_uses

    doctree = publish_doctree(
        "BRES and HC3\n============\n\n"          # a heading is not linked
        "+------+\n| BRES |\n+------+\n\n"          # nor a table
        "Jobs from BRES, then BRES again, with HC3 errors and a location\nquotient.\n\n"
        "Moran's I and LQs here.\n",
        settings_overrides={"report_level": 5})
    prose = [p for p in doctree.findall(nodes.paragraph) if not any(isinstance(a, nodes.table) for a in _ancestors(p))]
    # the page links HC3 itself already
    prose[-1].append(addnodes.pending_xref("", refdomain="std", reftype="term", reftarget="hc3"))
    assert link_first_uses(doctree, "chapters/x") == ["BRES", "Location quotient", "Moran's I"]
    links = [(n["reftarget"], n.astext()) for n in doctree.findall(addnodes.pending_xref) if n.astext()]
    assert links == [("bres", "BRES"), ("location quotient", "location\nquotient"), ("moran's i", "Moran's I")]
    assert prose[0].astext() == "Jobs from BRES, then BRES again, with HC3 errors and a location\nquotient."
    assert [n.astext() for n in prose[0].findall(addnodes.pending_xref)] == ["BRES", "location\nquotient"]


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def test_an_italic_symbol_and_its_suffix_link_as_one_term():
    from docutils.core import publish_doctree
    from sphinx import addnodes

    from placeblind.publishing.glossary_links import link_first_uses

    doctree = publish_doctree("A fit with *r*\\ ² = 0.7, a *p*-value of 0.01 and *r* = 0.8.\n",
                              settings_overrides={"report_level": 5})
    assert link_first_uses(doctree, "chapters/x") == ["r²", "p-value"]
    assert [n.astext() for n in doctree.findall(addnodes.pending_xref)] == ["r²", "p-value"]
    assert doctree.astext() == "A fit with r² = 0.7, a p-value of 0.01 and r = 0.8."


def test_every_linked_term_resolves_to_its_entry_in_a_warning_free_build(tmp_path):
    """A small Sphinx build (the book's glossary, one page using every term):
    each term links to its own entry and nothing warns (the book builds with -W)."""
    from sphinx.application import Sphinx

    from placeblind.publishing.glossary_links import GLOSSARY_LINKS

    examples = {"Location quotient": "location\nquotients", "r": "Pearson's", "r²": "r²", "OLS": "least squares",
                "Combined authority": "combined authority", "Broad industrial group": "broad groups",
                "Permutation test": "permutation", "Specialism": "specialisms", "Percentage point": "percentage points",
                "Confidence interval": "95% interval", "Bootstrap": "bootstrap", "Huber line": "Huber",
                "Specification curve": "specification curve", "Rounding bounds": "rounding bounds",
                "ITL2": "ITL3"}
    source = tmp_path / "src"
    (source / "chapters").mkdir(parents=True)
    (source / "chapters" / "glossary.md").write_text(
        (config.REPO_ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8"), encoding="utf-8")
    words = [examples.get(entry, entry) for entry, _ in GLOSSARY_LINKS]
    (source / "chapters" / "page.md").write_text(
        "# A page\n\n" + "\n\n".join(f"Here {word} is used, and {word} again." for word in words) + "\n",
        encoding="utf-8")
    (source / "index.md").write_text("# Book\n\n```{toctree}\nchapters/page\nchapters/glossary\n```\n", encoding="utf-8")
    (source / "conf.py").write_text(
        "extensions = ['myst_parser']\n"
        "def setup(app):\n"
        "    from placeblind.publishing.glossary_links import LinkGlossaryTerms\n"
        "    app.add_transform(LinkGlossaryTerms)\n", encoding="utf-8")
    warnings = io.StringIO()
    app = Sphinx(str(source), str(source), str(tmp_path / "html"), str(tmp_path / "doctrees"), "html",
                 status=None, warning=warnings, freshenv=True)
    app.build()
    # (an earlier Sphinx application in the same process re-registers Sphinx's own node classes: not ours)
    assert [line for line in warnings.getvalue().splitlines() if "is already registered" not in line] == []
    html = (tmp_path / "html" / "chapters" / "page.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="glossary.html#(term-[^"]+)"', html)
    assert len(linked) == len(GLOSSARY_LINKS) == len(set(linked))


# ---------------------------------------------------------------------------
# Alt texts that print glued facts (placeblind.publishing.alt_texts).

def test_an_alt_text_prints_each_glued_name_with_its_format():
    from placeblind.publishing.alt_texts import glued_alt

    texts = {("n", ""): "fifteen", ("share", ".1f"): "47.3"}
    alt = "Map of the {glue:text}`n` authorities, {glue:text}`share:.1f`% at most; no glue here."
    assert glued_alt(alt, lambda name, spec: texts[(name, spec)]) == \
        "Map of the fifteen authorities, 47.3% at most; no glue here."


def test_a_figure_s_alt_text_prints_a_glued_count_and_a_name_never_glued_fails_the_build(tmp_path):
    """A small Sphinx build of one notebook page that glues a word and two figures,
    with the book's alt-text directive: the first figure's alt text prints the
    word; the second's names a fact the page never glued, which warns (and so
    stops the book's -W build)."""
    png = ("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
           "1f15c4890000000d49444154789c6360000002000105fe02fea70000000049454e44ae426082")
    figure = "```{{glue:figure}} fig_x\n:alt: {alt}\n:name: {name}\n\nThe {{glue:text}}`n_areas` areas.\n```\n\n"
    source = tmp_path / "src"
    source.mkdir()
    (source / "page.md").write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n  name: python3\n"
        "  display_name: Python 3\n---\n\n# A page\n\n```{code-cell} ipython3\n"
        "from IPython.display import Image\nfrom myst_nb import glue\n"
        "glue('n_areas', 'fifteen', display=False)\n"
        f"glue('fig_x', Image(data=bytes.fromhex('{png}'), format='png'), display=False)\n```\n\n"
        + figure.format(alt="A map of the {glue:text}`n_areas` areas.", name="fig-good")
        + figure.format(alt="A map of the {glue:text}`n_regions` regions.", name="fig-bad"),
        encoding="utf-8")
    (source / "index.md").write_text("# Book\n\n```{toctree}\npage\n```\n", encoding="utf-8")
    (source / "conf.py").write_text(
        "extensions = ['myst_nb', 'placeblind.publishing.alt_texts']\nnb_execution_mode = 'force'\n",
        encoding="utf-8")
    # In a process of its own: a Sphinx application with MyST-NB after another one with MyST in the same
    # process finds no Markdown parser (the source suffixes leak between applications).
    built = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", str(source),
                            str(tmp_path / "html")], capture_output=True, text=True, cwd=tmp_path)
    html = (tmp_path / "html" / "page.html").read_text(encoding="utf-8")
    warned = [line for line in built.stderr.splitlines()
              if ("WARNING" in line or "ERROR" in line) and "IPKernelApp" not in line]
    assert 'alt="A map of the fifteen areas."' in html
    assert len(warned) == 1 and "alt text of 'fig_x'" in warned[0] and "n_regions" in warned[0]


# ---------------------------------------------------------------------------
# Seen on the built pages (a reader's look at 1280 and 390 px).

def test_the_london_inset_names_each_of_london_s_regions_with_its_count():
    """The IS-8 map names London once on the main map; its inset once printed only
    the five regions' counts, so a reader could not tell which was which."""
    from placeblind.analysis.is8_regions import EXACT, EXACT_YEAR, is8_lq_itl2, specialisms
    from placeblind.publishing import registry
    from placeblind.publishing.figures_maps import LONDON_ITL1, london_region_name

    counts = specialisms(is8_lq_itl2(EXACT_YEAR, EXACT))
    london = counts[counts["itl2_code"].str.startswith(LONDON_ITL1)]
    assert len(london) == 5
    fig = registry.figure_builder("is8_specialism_map")()
    inset = [child for ax in fig.axes for child in ax.child_axes if child.get_title() == "London, enlarged"]
    assert len(inset) == 1
    printed = {" ".join(t.get_text().split()) for t in inset[0].texts}
    for name, n in zip(london["itl2_name"], london["n_specialisms"]):
        assert f"{london_region_name(name)}: {int(n)}" in printed, (name, printed)
    assert london_region_name("Outer London - East and North East") == "Outer East and North East"


def test_the_2021_attainment_table_is_grouped_by_authority_as_table_1_is():
    """Table 3.3 repeated each district's authority in a column of its own (a third
    of a phone's width); it now reads like Table 3.1, one heading row per authority."""
    from placeblind.publishing.displays import attainment_change_display
    from placeblind.publishing.tables import markdown_table

    change = pd.DataFrame({"code": ["a", "b", "c", "x"], "name": ["A", "B", "C", "England and Wales"],
                           "authority": ["P", "P", "Q", ""],
                           "pct_no_qualifications_2011": [10.0, 11, 12, 13], "pct_level4_plus_2011": [30.0, 31, 32, 33],
                           "pct_no_qualifications_2021": [9.0, 10, 11, 12], "pct_level4_plus_2021": [35.0, 36, 37, 38],
                           "change_no_qualifications_pp": [-1.0] * 4, "change_level4_plus_pp": [5.0] * 4})
    shown = attainment_change_display(change)
    assert "authority" not in shown.columns and "Combined authority" not in shown.columns
    assert list(shown["District"]) == ["**P**", "A", "B", "**Q**", "C", "England and Wales"]
    assert list(shown.columns[1:]) == ["No qualifications 2011 (%)", "No qualifications 2021 (%)",
                                       "Level 4+ 2011 (%)", "Level 4+ 2021 (%)"]
    assert "| **P** |  |  |  |  |" in markdown_table(shown)


def test_png_width_reads_the_header_and_rejects_other_files():
    from placeblind.publishing.places_page import png_width

    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000002d0000002580806000000")
    assert png_width(png) == 720
    with pytest.raises(ValueError, match="not a PNG"):
        png_width(b"GIF89a" + png)


def test_linking_terms_keeps_every_line_break_where_it_was():
    """MyST keeps a paragraph's line breaks and empty strings as Text nodes of their
    own; docutils finds a Text child by its value, so joining them once moved the
    break after a bold heading at a line's end to before the heading, and the page
    read "districts.Professional" (what_survives). Each break stays in its place."""
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    from placeblind.publishing.glossary_links import link_first_uses

    source = ("**The promoted sectors are thin.**\nProfessional activities are less concentrated\n"
              "than in Great Britain, a location\nquotient below 1, and *r*² of 0.5, *r*² again.\n")
    doctree = publish_doctree(source, parser=Parser(), settings_overrides={"report_level": 5})
    assert link_first_uses(doctree, "chapters/x") == ["Location quotient", "r²"]
    assert doctree.children[0].astext() == ("The promoted sectors are thin.\nProfessional activities are less "
                                            "concentrated\nthan in Great Britain, a location\nquotient below 1, "
                                            "and r² of 0.5, r² again.")


def test_a_claims_r2_prints_as_r_squared_on_the_page_and_stays_plain_in_its_csv():
    """The claims' texts write "r2" (so claims.csv does); the ledger, the chapters'
    claim tables and the robustness summary print r², as the prose does."""
    from placeblind.publishing.displays import claims_display
    from placeblind.publishing.ledger_page import page_text

    assert page_text("2017: r2 0.51 (95% 0.24-0.78), r +0.71") == "2017: r² 0.51 (95% 0.24-0.78), r +0.71"
    assert page_text("r2 = 0.84; labelled r2.") == "r² = 0.84; labelled r²."
    assert page_text("r2_ci_low, lr2, 0.r2, TLR2, r20") == "r2_ci_low, lr2, 0.r2, TLR2, r20"
    frame = claims(reproduced="r = -0.928; r2 = 0.862", reason="Pearson's r labelled r2.")
    html = ledger_page.ledger_html(frame)
    assert "r² = 0.862" in html and "labelled r²." in html and "r2" not in html
    shown = claims_display(frame)
    assert shown.loc[0, "Official data"] == "r = -0.928; r² = 0.862" and shown.loc[0, "Why"] == "Pearson's r labelled r²."
    assert frame.loc[0, "reproduced"] == "r = -0.928; r2 = 0.862"  # the data themselves unchanged


def test_the_specification_space_is_grouped_by_choice_and_its_csv_is_not():
    """Table 10.1 named its choice on every row; it now reads like Table 3.1, one
    heading row per choice (in words, capitalised) above its values, each value
    under the heading of its own choice, while the CSV keeps one tidy row per value."""
    from placeblind.analysis.specifications import DIMENSION_LABELS
    from placeblind.publishing.displays_robustness import dimensions_display
    from placeblind.publishing.tables import markdown_table

    space = pd.DataFrame({"dimension": ["base", "base", "census_year"], "value": ["GB", "GB_without_London", "2011"],
                          "label": ["Great Britain", "GB less London", "2011 Census"], "main": [True, False, True],
                          "weighed_as": ["Great Britain", "GB less London", "2011 Census"]})
    shown = dimensions_display(space)
    base, census = DIMENSION_LABELS["base"], DIMENSION_LABELS["census_year"]
    assert list(shown.columns) == ["Value (in the CSV)", "Meaning", "The book's main choice", "Weighed as"]
    assert list(shown["Value (in the CSV)"]) == [f"**{base[0].upper()}{base[1:]}**", "GB", "GB\\_<wbr>without\\_<wbr>London",
                                                 f"**{census[0].upper()}{census[1:]}**", "2011"]
    printed = markdown_table(shown)
    assert f"| **{base[0].upper()}{base[1:]}** |  |  |  |" in printed
    assert printed.lower().count(base.lower()) == 1  # the choice's name only in its heading row
    assert list(space.columns) == ["dimension", "value", "label", "main", "weighed_as"]  # the frame left as it was


def test_a_district_s_link_leads_to_its_authority_s_row_else_to_the_table():
    """The places page's region list: a district of a combined authority links to its
    row in its authority's table, any other to its row of the interactive table; the
    ids come from the 2021 code alone."""
    from placeblind.publishing.places_page import district_target

    assert district_target(pd.Series({"code": "E08000003", "authority_2025_code": "E47000001"})) == "district-E08000003"
    assert district_target(pd.Series({"code": "E06000052", "authority_2025_code": ""})) == "place-E06000052"

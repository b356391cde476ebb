"""The built site read in a real browser: Debian's headless Chromium, driven by
Playwright, with the network blocked (every request that is not for one of the
site's own files is aborted and recorded).

Every page of the table of contents is opened at 1280 x 900 (a laptop) and at
390 x 844 (a phone). The tests fail when a page asks another host for anything,
logs a console error, shows a broken image or raw TeX, when a table or the page
is wider than the text column at 1280 px, when the page itself scrolls sideways
at 390 px or anything runs off its right edge (a table may scroll inside its own
box), when a figure does not open at full size, when the ledger's verdicts are
out of view at 1280 px, and when the introduction's first screen holds no
finding; when a table that scrolls at 390 px squeezes a sentence to one word a
line or lets its first column scroll away, when a bold lead-in runs into the next
word, and when an authority's map is shown narrower than the column allows.
A screenshot of every page at 1280 px is saved under
``_build/screenshots/`` for review. Then the places page and the search: a
district typed into the table or into the site's search box (while typing,
offline) is found, every authority has a labelled map, and the page stays light.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_book import toc_files

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
WIDE, NARROW = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

# Measured in the page: the text column, every table wider than it, the page's
# own width, visible raw TeX, images that failed, the ledger's verdict badges
# out of view, and the findings on the first screen.
MEASURE = """() => {
  const column = document.querySelector('article.bd-article');
  const style = getComputedStyle(column), box = column.getBoundingClientRect();
  // The text column is the article's content box (its padding excluded).
  const width = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const right = box.right - parseFloat(style.paddingRight);
  const label = t => t.id || (t.querySelector('caption') || {innerText: '?'}).innerText.slice(0, 80);
  // A table inside an interactive table's own scroll box (itables, scrollX) scrolls there, its
  // first column fixed; the box itself must fit the column like any table.
  const wideTables = [...column.querySelectorAll('table'), ...column.querySelectorAll('.dt-scroll')]
    .filter(t => t.classList.contains('dt-scroll') || !t.closest('.dt-scroll'))
    .filter(t => Math.max(t.classList.contains('dt-scroll') ? 0 : t.scrollWidth,
                          t.getBoundingClientRect().width) > width + 1)
    .map(t => `${label(t)} (${Math.round(t.getBoundingClientRect().width)} of ${Math.round(width)} px)`);
  // Anything in the article that reaches past the window's right edge without a
  // scroll box of its own inside the window (the body hides sideways overflow, so
  // the page's width alone would not show text cut off on a phone).
  const beyond = [...column.querySelectorAll('*')].filter(e => {
    if (e.getBoundingClientRect().right <= window.innerWidth + 1 || !e.getClientRects().length) return false;
    for (let up = e.parentElement; up && up !== column; up = up.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)
          && up.getBoundingClientRect().right <= window.innerWidth + 1) return false;
    }
    return true;
  }), outermost = new Set(beyond);
  const clipped = beyond.filter(e => !outermost.has(e.parentElement))
    .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}: ${(e.innerText || e.alt || '').slice(0, 60)}`);
  const text = column.innerText;
  const tex = ['\\\\frac', '\\\\mathrm', '\\\\sum', '$$'].filter(s => text.includes(s));
  // every figure opens at full size (a phone shrinks it): its image is a link to the image file
  const unlinkedFigures = [...column.querySelectorAll('figure img')]
    .filter(i => !(i.closest('a') && /\\.(png|svg|jpe?g)$/.test(i.closest('a').getAttribute('href')))).map(i => i.src);
  const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src);
  const verdicts = [...document.querySelectorAll('.claim-verdict')];
  const hiddenVerdicts = verdicts.filter(v => {
    const box = v.getBoundingClientRect();
    return box.width === 0 || box.left < 0 || box.right > Math.min(right, window.innerWidth) + 1;
  }).map(v => v.closest('[id]').id);
  const firstScreenFindings = [...document.querySelectorAll('.findings li')]
    .filter(f => f.getBoundingClientRect().top < window.innerHeight && /\\d/.test(f.innerText)).length;
  // a chapter's answer ("In brief." and a glued number) begins on its first screen
  const answerFirst = [...column.querySelectorAll('p')].some(p => p.innerText.startsWith('In brief.')
    && /\\d/.test(p.innerText) && p.getBoundingClientRect().top < window.innerHeight);
  const glossaryLinks = column.querySelectorAll('a[href*="glossary.html#term-"]').length;
  // the ledger's claims: each one's height, and its notes (open or closed)
  const claims = [...column.querySelectorAll('.claims-ledger .claim')]
    .map(c => [c.id, Math.round(c.getBoundingClientRect().height)]);
  const notes = [...column.querySelectorAll('.claims-ledger details.claim-more')];
  // tables shown as cards on a phone: each cell's width, and whether it carries its column's label
  const cardCells = [...column.querySelectorAll('table.cards-on-phone tbody td')]
    .map(td => ({width: td.getBoundingClientRect().width, label: td.dataset.label || '', first: !td.previousElementSibling}));
  // figures drawn for a phone's column: the width they are shown at
  const phoneFigures = [...column.querySelectorAll('figure.phone-legible img')]
    .map(i => ({id: i.closest('figure').id, width: i.getBoundingClientRect().width}));
  const licenceLines = text.split('Crown copyright').length - 1;
  // cells holding a sentence (PROSE_CELL_CHARS or more) in tables read as tables: their widths
  const proseCells = [...column.querySelectorAll('table.table:not(.cards-on-phone) tbody td')]
    .filter(td => td.textContent.trim().length >= PROSE_CELL_CHARS)
    .map(td => ({table: td.closest('table').id, width: td.getBoundingClientRect().width, text: td.textContent.trim().slice(0, 40)}));
  // tables that scroll in their own box with a first column of at most STICKY_FIRST_SHARE of it: where
  // their first cell is when the box is scrolled to its end (its distance from the box's left edge)
  const scrolledFirst = [...column.querySelectorAll('.pst-scrollable-table-container > table.table')]
    .filter(t => getComputedStyle(t).display === 'table' && t.parentElement.scrollWidth > t.parentElement.clientWidth + 1)
    .filter(t => Math.max(...[...t.querySelectorAll('tr > :first-child')].map(c => c.getBoundingClientRect().width))
                 <= STICKY_FIRST_SHARE * t.parentElement.clientWidth)
    .map(t => {
      const box = t.parentElement, first = t.querySelector('tbody td');
      box.scrollLeft = box.scrollWidth;
      const shift = first.getBoundingClientRect().left - box.getBoundingClientRect().left;
      box.scrollLeft = 0;
      return {table: t.id, shift: Math.round(shift)};
    });
  // a bold lead-in ending a sentence that runs into the next word ("districts.Professional")
  const runTogether = [...column.querySelectorAll('strong')].filter(b => {
    const next = b.nextSibling;
    return next && next.nodeType === Node.TEXT_NODE && /^[A-Za-z]/.test(next.textContent) && /[.:;!?]$/.test(b.textContent.trim());
  }).map(b => `${b.textContent.slice(-30)}|${b.nextSibling.textContent.slice(0, 20)}`);
  // the places page's authority maps: the width shown, the column's and the map's own
  const authorityMaps = [...column.querySelectorAll('img.authority-map')]
    .map(i => ({shown: i.getBoundingClientRect().width, natural: i.naturalWidth}));
  // table cells with nothing in them (but a group's heading row, its name alone), and the
  // cells showing the dash for a value the data do not give
  const emptyCells = [...column.querySelectorAll('table.table tbody tr')]
    .map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent.trim()))
    .filter(cells => !cells.slice(1).every(text => !text))
    .reduce((n, cells) => n + cells.filter(text => !text).length, 0);
  const dashCells = [...column.querySelectorAll('table.table td')].filter(td => td.textContent.trim() === '–').length;
  // how the page opens: its first two visible blocks, a code cell's toggle named as such
  const opening = [...column.querySelectorAll('h1, h2, h3, h4, p, summary, figure, table, ul, ol, pre, img')]
    .filter(e => e.getClientRects().length && e.getBoundingClientRect().height > 0).slice(0, 2)
    .map(e => e.closest('details.hide') ? 'code toggle' : e.tagName.toLowerCase());
  return {opening, columnWidth: width, wideTables, clipped, unlinkedFigures, pageWidth: document.documentElement.scrollWidth,
          viewport: window.innerWidth, tex, broken, verdicts: verdicts.length, hiddenVerdicts,
          firstScreenFindings, answerFirst, glossaryLinks, claims, notes: notes.length, closedNotes: notes.filter(d => !d.open).length,
          cardCells, phoneFigures, licenceLines, emptyCells, dashCells, proseCells, scrolledFirst, authorityMaps, runTogether,
          rem: parseFloat(getComputedStyle(document.documentElement).fontSize)};
}"""


def site_js_constant(name: str) -> float:
    """A number _static/site.js sets (``const NAME = 30;``): the tests measure with the site's own."""
    import re

    from placeblind import config

    found = re.search(rf"^const {name} = ([0-9.]+);", (config.REPO_ROOT / "_static" / "site.js").read_text(), re.M)
    assert found, f"no const {name} in _static/site.js"
    return float(found.group(1))


PROSE_CELL_CHARS = int(site_js_constant("PROSE_CELL_CHARS"))
STICKY_FIRST_SHARE = site_js_constant("STICKY_FIRST_SHARE")
MEASURE = (MEASURE.replace("PROSE_CELL_CHARS", str(PROSE_CELL_CHARS))
           .replace("STICKY_FIRST_SHARE", str(STICKY_FIRST_SHARE)))


# Images marked to load lazily (the places page's fifteen maps) are loaded now,
# so that every image is checked.
LOAD_LAZY_IMAGES = """async () => {
  const lazy = [...document.images].filter(i => i.loading === 'lazy');
  lazy.forEach(i => { i.loading = 'eager'; });
  await Promise.all(lazy.map(i => i.decode().catch(() => null)));
}"""


def _wait_for_maths(page) -> None:
    page.evaluate("""() => (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise)
                     ? window.MathJax.startup.promise : null""")


@pytest.fixture(scope="module")
def site_in_browser(built_site):
    """Each page's measurements at both widths, its console errors and the
    requests the blocked network refused."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium when it is missing")
    playwright_api = pytest.importorskip("playwright.sync_api")
    shots = built_site.parent / "screenshots"
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    report: dict[str, dict] = {}
    refused: list[str] = []

    def only_own_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            for size_name, size in (("wide", WIDE), ("narrow", NARROW)):
                context = browser.new_context(viewport=size)
                context.route("**/*", only_own_files)
                for file in toc_files():
                    page, errors = context.new_page(), []
                    page.on("console", lambda message, errors=errors:
                            errors.append(message.text) if message.type == "error" else None)
                    page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                    page.goto((built_site / f"{file}.html").as_uri(), wait_until="load")
                    _wait_for_maths(page)
                    if size_name == "wide":
                        page.evaluate(LOAD_LAZY_IMAGES)
                    measured = page.evaluate(MEASURE)
                    measured["errors"] = errors
                    report.setdefault(file, {})[size_name] = measured
                    if size_name == "wide":
                        page.screenshot(path=str(shots / f"{Path(file).name}.png"))
                    page.close()
                context.close()
        finally:
            browser.close()
    return {"pages": report, "refused": refused, "screenshots": shots}


def test_every_page_opens_with_its_title_then_its_text(site_in_browser):
    """Each page's first visible block in the article is its title (h1), and what
    follows it is the page's own text, not a hidden code cell's toggle (the data
    chapter opened so: a cell of imports, shown as "Show code cell source")."""
    openings = {(file, size): measured["opening"] for file, sizes in site_in_browser["pages"].items()
                for size, measured in sizes.items()}
    assert {k: o for k, o in openings.items() if o[:1] != ["h1"] or "code toggle" in o} == {}


def test_no_request_leaves_the_site(site_in_browser):
    assert site_in_browser["refused"] == []


def test_no_console_errors(site_in_browser):
    errors = {f"{file} ({size})": m["errors"] for file, sizes in site_in_browser["pages"].items()
              for size, m in sizes.items() if m["errors"]}
    assert errors == {}


def test_every_image_loads(site_in_browser):
    broken = {file: m["wide"]["broken"] for file, m in site_in_browser["pages"].items() if m["wide"]["broken"]}
    assert broken == {}


def test_every_figure_opens_at_full_size(site_in_browser):
    unlinked = {file: m["narrow"]["unlinkedFigures"] for file, m in site_in_browser["pages"].items()
                if m["narrow"]["unlinkedFigures"]}
    assert unlinked == {}


def test_no_raw_tex_is_visible(site_in_browser):
    raw = {file: m["wide"]["tex"] for file, m in site_in_browser["pages"].items() if m["wide"]["tex"]}
    assert raw == {}


def test_no_table_or_page_is_wider_than_the_column_at_1280(site_in_browser):
    wide = {file: m["wide"]["wideTables"] for file, m in site_in_browser["pages"].items() if m["wide"]["wideTables"]}
    assert wide == {}
    for file, m in site_in_browser["pages"].items():
        assert m["wide"]["pageWidth"] <= m["wide"]["viewport"], file


def test_the_page_never_scrolls_sideways_at_390(site_in_browser):
    for file, m in site_in_browser["pages"].items():
        assert m["narrow"]["pageWidth"] <= m["narrow"]["viewport"], file


def test_nothing_is_cut_off_at_the_right_edge_at_390(site_in_browser):
    """Text, tables, figures and equations either fit a phone's width or scroll
    inside a box of their own; nothing runs off the edge unseen."""
    clipped = {file: m["narrow"]["clipped"] for file, m in site_in_browser["pages"].items() if m["narrow"]["clipped"]}
    assert clipped == {}


def test_every_ledger_verdict_is_in_view_at_1280(site_in_browser):
    ledger = site_in_browser["pages"]["chapters/claims_ledger"]["wide"]
    assert ledger["verdicts"] > 0, "the ledger shows no verdict badges"
    assert ledger["hiddenVerdicts"] == []


LEDGER = "chapters/claims_ledger"
CLAIM_MAX_PX_AT_390 = 600  # a claim's block fits on one phone screen (844 px, the header apart)


def test_every_ledger_claim_fits_a_phone_screen_with_its_notes_a_tap_away(site_in_browser):
    """At 390 px each claim shows its statement, verdict and figures, its notes
    (why, the rule, the robustness) closed, and no block is taller than a screen;
    at 1280 px every note is open, so the ledger reads in full."""
    narrow, wide = site_in_browser["pages"][LEDGER]["narrow"], site_in_browser["pages"][LEDGER]["wide"]
    assert narrow["claims"] and len(narrow["claims"]) == len(wide["claims"])
    tall = {claim: height for claim, height in narrow["claims"] if height > CLAIM_MAX_PX_AT_390}
    assert tall == {}
    assert narrow["notes"] == len(narrow["claims"]) and narrow["closedNotes"] == narrow["notes"]
    assert wide["notes"] == len(wide["claims"]) and wide["closedNotes"] == 0


def test_the_ledger_rule_table_reads_as_cards_on_a_phone(site_in_browser):
    """The rule set's table (sentences, not numbers) is one card per kind of claim
    at 390 px: every cell as wide as the card and, but the title, labelled with its
    column's heading; at 1280 px it is a table whose cells share the row."""
    narrow = site_in_browser["pages"][LEDGER]["narrow"]["cardCells"]
    wide = site_in_browser["pages"][LEDGER]["wide"]["cardCells"]
    column = site_in_browser["pages"][LEDGER]["narrow"]["columnWidth"]
    assert narrow and all(cell["width"] > 0.8 * column for cell in narrow)
    assert all(cell["label"] for cell in narrow if not cell["first"])
    assert max(cell["width"] for cell in wide) < 0.5 * site_in_browser["pages"][LEDGER]["wide"]["columnWidth"]


def test_heatmaps_are_shown_across_a_phone_column(site_in_browser):
    """The figures drawn for a phone's column (their text sized for it:
    placeblind.publishing.figures.PHONE_COLUMN_PX) fill the column at 390 px, and
    are no wider than 34rem at 1280 px."""
    from placeblind.publishing.figures import PHONE_COLUMN_PX

    shown = {file: m["narrow"]["phoneFigures"] for file, m in site_in_browser["pages"].items()
             if m["narrow"]["phoneFigures"]}
    assert {f["id"] for figures in shown.values() for f in figures} >= {"fig-is8-heatmap", "fig-lq-heatmap",
                                                                      "fig-claims-verdicts"}
    for file, figures in shown.items():
        for figure in figures:
            assert figure["width"] >= PHONE_COLUMN_PX - 2, (file, figure)
        wide = site_in_browser["pages"][file]["wide"]
        for figure in wide["phoneFigures"]:
            assert figure["width"] <= 34 * wide["rem"] + 1, (file, figure)


PROSE_CELL_MIN_PX = 120  # a sentence's cell on a phone: about fifteen characters a line, not one word


def test_a_table_s_sentences_keep_a_readable_width_on_a_phone(site_in_browser):
    """At 390 px a table that scrolls sideways once squeezed each column to its
    longest word, so a cell holding a sentence (a verdict's reading, a list of
    districts) read one word a line in a row a screen tall: every such cell of a
    table read as a table is at least PROSE_CELL_MIN_PX wide."""
    cells = {file: m["narrow"]["proseCells"] for file, m in site_in_browser["pages"].items()}
    assert sum(map(len, cells.values())) > 50
    squeezed = {file: [c for c in found if c["width"] < PROSE_CELL_MIN_PX] for file, found in cells.items()}
    assert {file: found for file, found in squeezed.items() if found} == {}


def test_a_wide_table_keeps_its_first_column_in_view_on_a_phone(site_in_browser):
    """At 390 px, in every table that scrolls sideways in its own box and whose
    first column (the district, the sector, the claim) is narrow enough to leave
    room, that column stays at the box's left edge when the rest is scrolled to its end."""
    scrolled = {file: m["narrow"]["scrolledFirst"] for file, m in site_in_browser["pages"].items()}
    assert sum(map(len, scrolled.values())) >= 20  # the district tables of the sector chapters among them
    moved = {file: [t for t in tables if abs(t["shift"]) > 1] for file, tables in scrolled.items()}
    assert {file: tables for file, tables in moved.items() if tables} == {}
    assert all(not m["wide"]["scrolledFirst"] for m in site_in_browser["pages"].values())  # nothing scrolls at 1280


def test_the_authority_maps_are_shown_as_wide_as_the_column_allows(site_in_browser):
    """Each authority's map is shown at its own width, or the column's where that is
    narrower (at 480 px of 688 its district names were 7 px tall at 1280 px)."""
    from placeblind.publishing.registry import registered_table

    for size in ("wide", "narrow"):
        measured = site_in_browser["pages"][PLACES][size]
        maps = measured["authorityMaps"]
        assert len(maps) == len(registered_table("authority_sections")), size
        for shown in maps:
            # (at 390 px the maps load lazily, so their own width may not be known: wider than a phone's column)
            assert shown["shown"] >= min(measured["columnWidth"], shown["natural"] or 1e9) - 2, (size, shown)


def test_no_bold_lead_in_runs_into_the_next_word(site_in_browser):
    """A paragraph's bold first sentence is followed by a space (a line break lost
    in the build once printed "districts.Professional")."""
    joined = {file: m["wide"]["runTogether"] for file, m in site_in_browser["pages"].items() if m["wide"]["runTogether"]}
    assert joined == {}


def test_a_missing_number_shows_the_dash_the_text_columns_use(site_in_browser):
    """A table cell the data leave empty (the IS-8 definitions give no GB employment
    for a sector SIC cannot measure) shows "–", never a blank; only a group's heading
    row (the authority's name above its districts) leaves its other cells blank."""
    pages = site_in_browser["pages"]
    assert sum(m["wide"]["emptyCells"] for m in pages.values()) == 0
    assert pages["chapters/is8_regions"]["wide"]["dashCells"] > 0


def test_the_boundaries_licence_is_said_once_on_the_places_page(site_in_browser):
    """Fifteen authority maps, one line giving their boundaries' source and licence."""
    assert site_in_browser["pages"][PLACES]["wide"]["licenceLines"] == 1


def test_the_first_screen_of_the_introduction_holds_findings(site_in_browser):
    introduction = site_in_browser["pages"][toc_files()[0]]["wide"]
    assert introduction["firstScreenFindings"] >= 1


# The chapters that report results open with their answer ("In brief."); the
# introduction's findings and the robustness chapter's "answer first" box are
# checked on their own.
ANSWER_FIRST = ("chapters/attainment", "chapters/sector_composition", "chapters/location_quotients",
                "chapters/education_and_sectors", "chapters/is8_regions", "chapters/authorities_2025",
                "chapters/decade")


def test_each_results_chapter_gives_its_answer_on_the_first_screen(site_in_browser):
    late = [f"{file} ({size})" for file in ANSWER_FIRST for size in ("wide", "narrow")
            if not site_in_browser["pages"][file][size]["answerFirst"]]
    assert late == []


def test_every_page_links_its_terms_to_the_glossary(site_in_browser):
    unlinked = [file for file, m in site_in_browser["pages"].items()
                if file not in ("chapters/glossary", "chapters/references") and m["wide"]["glossaryLinks"] == 0]
    assert unlinked == []


def test_a_screenshot_of_every_page(site_in_browser):
    names = {p.stem for p in site_in_browser["screenshots"].glob("*.png")}
    assert names == {Path(file).name for file in toc_files()}


# ---------------------------------------------------------------------------
# Find your place: the search a reader types, the authorities' labelled maps,
# and the site search over HTTP (under file:// the browser blocks the page
# fetches that its excerpts need).

PLACES = "chapters/places"
PLACES_PAGE_BUDGET = 400_000  # bytes of the page's HTML, maps and the shared DataTables copy apart


def _open(browser, built_site, file, size, refused):
    context = browser.new_context(viewport=size)

    def only_own_files(route):
        if route.request.url.startswith(("file://", "http://127.0.0.1")):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_own_files)
    page = context.new_page()
    page.goto((built_site / f"{file}.html").as_uri(), wait_until="load")
    return context, page


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium when it is missing")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield launched
        finally:
            launched.close()


def _search_places(page, text: str) -> list[str]:
    box = page.locator(".dt-container", has=page.locator("#places-table")).locator("input[type=search]")
    box.fill(text)
    page.wait_for_timeout(300)
    return page.locator("#places-table tbody tr").all_inner_texts()


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["1280", "390"])
def test_typing_a_district_shows_its_row(built_site, browser, size):
    """A reader types "Kingston upon Hull" and sees its 2021 Level 4+ share (as the
    registry prints it); "Cornwall", in no combined authority, is found too."""
    from placeblind.publishing.registry import registered_table

    table = registered_table("places").set_index("code")
    refused = []
    context, page = _open(browser, built_site, PLACES, size, refused)
    try:
        page.wait_for_selector(".dt-container input[type=search]", timeout=15000)
        rows = _search_places(page, "Kingston upon Hull")
        assert len(rows) == 1 and "Kingston upon Hull" in rows[0]
        assert f"{table.loc['E06000010', 'pct_level4_plus_2021']:.1f}" in rows[0].split()
        rows = _search_places(page, "Cornwall")  # its region's other district (Isles of Scilly) matches too
        cornwall = [r for r in rows if r.split("\t")[0] == "Cornwall"]
        assert len(cornwall) == 1 and "\tnone\t" in cornwall[0]  # in no combined authority
        info = page.locator(".dt-container", has=page.locator("#places-table")).locator(".dt-info").inner_text()
        assert f"from {len(table)} total" in info, info  # every district is in the table
    finally:
        context.close()
    assert refused == []


def test_every_authority_has_a_section_with_a_labelled_map(built_site, browser):
    from placeblind.data.study import district_names
    from placeblind.publishing.registry import registered_table

    sections = registered_table("authority_sections")
    places = registered_table("places")
    refused = []
    context, page = _open(browser, built_site, PLACES, WIDE, refused)
    try:
        # before loading: each lazily loaded map's box already has its shape (links land true)
        boxes = page.evaluate("""() => [...document.querySelectorAll('img.authority-map')].map(i => {
            const box = i.getBoundingClientRect(); return box.height > 0 ? box.width / box.height : 0; })""")
        page.evaluate(LOAD_LAZY_IMAGES)
        found = page.evaluate("""() => [...document.querySelectorAll('h3.authority-section')].map(h => {
            let node = h.nextElementSibling, img = null;
            while (node && node.tagName !== 'H3' && !img) { img = node.querySelector('img'); node = node.nextElementSibling; }
            return {id: h.id, alt: img ? img.alt : '', loaded: img ? img.naturalWidth > 0 : false,
                    shape: img && img.naturalHeight ? img.naturalWidth / img.naturalHeight : 0};
        })""")
    finally:
        context.close()
    assert [f["id"] for f in found] == list(sections["section"])
    assert len(boxes) == len(found)
    names = district_names()
    for entry, code, box in zip(found, sections["authority_code"], boxes):
        assert entry["loaded"], entry["id"]
        assert box == pytest.approx(entry["shape"], rel=0.01), entry["id"]
        # the map is on 2025 codes: North Yorkshire's former districts are one district there
        for name in set(places.loc[places["authority_2025_code"] == code, "code_2025"].map(names)):
            assert name in entry["alt"], (entry["id"], name)
    assert refused == []


def test_site_search_over_http_shows_excerpts(built_site, browser):
    """The theme's search, served over HTTP as a published site is: results for
    "Cornwall" come with an excerpt of each page."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # no request log in the test output
            pass

    handler = functools.partial(Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    refused = []
    try:
        context, page = _open(browser, built_site, "search", WIDE, refused)
        try:
            page.goto(f"http://127.0.0.1:{server.server_port}/search.html?q=Cornwall", wait_until="load")
            page.wait_for_selector("ul.search li p.context", timeout=20000)
            results = page.locator("ul.search li").all_inner_texts()
            excerpts = page.locator("ul.search li p.context").all_inner_texts()
        finally:
            context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert any("Find your place" in r for r in results)
    assert any(e.strip() for e in excerpts)
    assert refused == []


def test_the_search_box_finds_a_district_as_one_types_offline(built_site, browser):
    """From the introduction on a phone, read from files with the network blocked:
    typing "Cornwall" into the site's search lists the places page while one types
    (no Enter), with no console error, and following it opens the places table at
    Cornwall's row."""
    refused, errors = [], []
    context, page = _open(browser, built_site, toc_files()[0], NARROW, refused)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.keyboard.press("Control+k")
        page.locator("#pst-search-dialog input[name=q]").press_sequentially("Cornwall")
        result = page.locator("#search-results li a", has_text="Find your place").first
        result.wait_for(timeout=10000)
        result.click()
        page.wait_for_url("**/places.html*")
        page.wait_for_function("""() => [...document.querySelectorAll('#places-table tbody tr')]
                                  .some(row => row.innerText.startsWith('Cornwall'))""", timeout=15000)
        rows = page.locator("#places-table tbody tr").all_inner_texts()
        box = page.locator(".dt-container", has=page.locator("#places-table")).locator("input[type=search]")
        assert box.input_value().lower() == "cornwall"
    finally:
        context.close()
    assert [r.split("\t")[0] for r in rows if r.startswith("Cornwall")] == ["Cornwall"]
    assert len(rows) <= 2  # Cornwall, and the Isles of Scilly by its region's name
    assert errors == [] and refused == []


def test_the_places_page_stays_light(built_site):
    """The places page carries its table's data once and loads DataTables from the
    site's own copy: its HTML stays under a budget (it was 1.28 MB with the code
    inlined), and the copy is where the page looks for it."""
    page = built_site / f"{PLACES}.html"
    assert page.stat().st_size < PLACES_PAGE_BUDGET, page.stat().st_size
    for name in ("dt_bundle.js", "dt_bundle.css"):
        assert (built_site / "_static" / "itables" / name).is_file(), name


def test_every_page_searches_as_one_types(built_site):
    """The theme's page settings reach every page (a script list replaced too early
    once dropped them, and the search box then showed nothing while typing)."""
    missing = [file for file in toc_files()
               if "DOCUMENTATION_OPTIONS.search_as_you_type = true;" not in (built_site / f"{file}.html").read_text()]
    assert missing == []


def _region_list_links(built_site) -> list[tuple[str, str]]:
    """(target id, name) of every link in the places page's region list."""
    import re

    page = (built_site / f"{PLACES}.html").read_text()
    section = page[page.index('id="every-district-by-region"'):page.index('id="district-codes"')]
    return re.findall(r'<a href="#((?:district|place)-[EW]\d{8})">([^<]+)</a>', section)


def test_every_district_in_the_region_list_links_to_its_own_row(built_site):
    """Each of the region list's names is a link, every district once, to its own row:
    a district of a combined authority to its row in its authority's table (an id in
    the page), any other to its row in the interactive table (whose loader gives each
    row it draws that id, and shows the row an address names)."""
    import html as html_text
    import re

    from placeblind.publishing.places_page import AUTHORITY_ROW, TABLE_ROW, district_target
    from placeblind.publishing.registry import registered_table

    places = registered_table("places")
    page = (built_site / f"{PLACES}.html").read_text()
    links = _region_list_links(built_site)
    assert sorted(html_text.unescape(name).replace("\u2019", "'") for _, name in links) == sorted(places["name"])
    assert sorted(target for target, _ in links) == sorted(places.apply(district_target, axis=1))
    in_authorities = [t for t, _ in links if t.startswith(AUTHORITY_ROW)]
    assert len(in_authorities) == (places["authority_2025_code"] != "").sum() > 0
    for target in in_authorities:  # a static row, in the page's HTML, once
        assert page.count(f'id="{target}"') == 1, target
    in_table = [t for t, _ in links if t.startswith(TABLE_ROW)]
    assert in_table and f'"{TABLE_ROW}"' in page  # the loader that marks the rows is in the page
    for target in in_table:  # the code is in the table's data (a JSON text in the page), which the loader searches
        assert re.search(rf'\\?"{target[len(TABLE_ROW):]}\\?"', page), target


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["1280", "390"])
def test_following_a_district_s_link_shows_its_row(built_site, browser, size):
    """Clicked in the region list: Cornwall (in no combined authority) shows its row
    of the interactive table, and Manchester its row in Greater Manchester's table,
    each on the screen, marked, with the district's name."""
    from placeblind.publishing.registry import registered_table

    codes = registered_table("places").set_index("name")["code"]
    refused, errors = [], []
    context, page = _open(browser, built_site, PLACES, size, refused)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.wait_for_selector("#places-table tbody tr", timeout=15000)
        shown = {}
        for name, target in (("Cornwall", f"place-{codes['Cornwall']}"),
                             ("Manchester", f"district-{codes['Manchester']}")):
            page.locator(f'a[href="#{target}"]').click()
            page.wait_for_timeout(400)
            shown[name] = page.evaluate("""(id) => {
                const node = document.getElementById(id), row = node && node.closest('tr');
                if (!row) return null;
                const box = row.getBoundingClientRect();
                return {text: row.innerText, top: box.top, bottom: box.bottom, height: window.innerHeight,
                        marked: getComputedStyle(row.firstElementChild).backgroundColor};
            }""", target)
    finally:
        context.close()
    for name, row in shown.items():
        assert row is not None, name
        assert row["text"].startswith(name), row
        assert 0 <= row["top"] and row["bottom"] <= row["height"], (name, row)  # on the screen
        assert row["marked"] not in ("rgba(0, 0, 0, 0)", "transparent"), (name, row)
    assert errors == [] and refused == []

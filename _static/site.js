/* The site read from its files (file://, offline): the browser refuses the page
   fetches Sphinx's search makes for each result's excerpt, so results are listed
   by page and section title only (instead of an error per result). Served over
   HTTP, every result shows an excerpt. See placeblind/publishing/sphinx_site.py. */
if (window.location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}

/* Every figure opens at full size when tapped or clicked (a figure shrunk to a
   phone's width has small print; Sphinx links only the figures given a size). */
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".bd-article figure img").forEach(image => {
    if (image.closest("a")) return;
    const link = document.createElement("a");
    link.href = image.getAttribute("src");
    link.className = "figure-full-size";
    link.title = "Open the figure at full size";
    image.replaceWith(link);
    link.appendChild(image);
  });
});

/* Search results listed while typing link relative to the site's root; the theme
   (pydata-sphinx-theme 0.17.1) rewrites them relative to the page, but misses a
   result list that is filled in one step (a single result keeps a link that leads
   nowhere from a chapter page). Every result link in the dialog is checked here,
   with the theme's own test, so none is rewritten twice. */
document.addEventListener("DOMContentLoaded", () => {
  const dialog = document.getElementById("pst-search-dialog");
  const root = document.documentElement.dataset.content_root;
  if (!dialog || !root) return;
  new MutationObserver(() => {
    dialog.querySelectorAll("#search-results .search a").forEach(link => {
      const href = link.getAttribute("href");
      if (!href.startsWith(root)) link.setAttribute("href", root + href);
    });
  }).observe(dialog, {childList: true, subtree: true});
});

/* Tables of sentences (class "cards-on-phone", placeblind.publishing.tables.CARDS_CLASS)
   read as one card per row on a phone (_static/tables.css): each cell is labelled
   here with its column's heading, which the card shows before the cell's text. */
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.cards-on-phone").forEach(table => {
    const headings = [...table.querySelectorAll("thead th")].map(th => th.textContent.replace(/\s+/g, " ").trim());
    table.querySelectorAll("tbody tr").forEach(row => {
      [...row.children].forEach((cell, i) => { if (headings[i]) cell.dataset.label = headings[i]; });
    });
  });
});

/* The claims ledger on a phone: each claim's notes (why, the rule, the robustness;
   placeblind/publishing/ledger_page.py) start closed, a tap away, so the page is a
   list of claims with their figures; the claim a link leads to opens its notes.
   On a wide screen they stay open, as written in the page. */
const PHONE = window.matchMedia("(max-width: 36em)");
document.addEventListener("DOMContentLoaded", () => {
  const notes = [...document.querySelectorAll(".claims-ledger details.claim-more")];
  if (!notes.length) return;
  const openTarget = () => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    const details = target && target.querySelector("details.claim-more");
    if (details) details.open = true;
  };
  const fit = () => { notes.forEach(details => { details.open = !PHONE.matches; }); openTarget(); };
  fit();
  PHONE.addEventListener("change", fit);
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", () => { notes.forEach(details => { details.open = true; }); });
});

/* Tables wider than the column scroll sideways in their own box (the theme's
   .pst-scrollable-table-container). Laid out at its narrowest, such a table squeezes
   every column to its longest word, and a column of sentences (a verdict's reading,
   a district list) became one word a line, its rows a screen tall on a phone. So a
   table that scrolls is marked "scrolls" (_static/tables.css): its cells that hold a
   sentence keep a readable width (class "prose-cell"), and its first column (the
   district, the claim, the choice) stays in view while the rest scrolls past, when it
   is narrow enough to leave room (class "sticky-first"). Measured again when the
   window's width changes. */
const PROSE_CELL_CHARS = 30;      // a cell this long reads as a sentence
const STICKY_FIRST_SHARE = 0.4;   // the first column stays put if it takes at most this share of the box
function fitScrollingTables() {
  document.querySelectorAll(".bd-article .pst-scrollable-table-container > table.table").forEach(table => {
    if (table.classList.contains("cards-on-phone") && PHONE.matches) return;
    const box = table.parentElement;
    table.classList.remove("scrolls", "sticky-first");
    if (table.scrollWidth <= box.clientWidth + 1) return;
    table.classList.add("scrolls");
    table.querySelectorAll("tbody td").forEach(cell => {
      cell.classList.toggle("prose-cell", cell.textContent.trim().length >= PROSE_CELL_CHARS);
    });
    const first = table.querySelector("tbody tr td:first-child");
    const widest = Math.max(...[...table.querySelectorAll("tr > :first-child")].map(c => c.getBoundingClientRect().width));
    if (first && widest <= STICKY_FIRST_SHARE * box.clientWidth) table.classList.add("sticky-first");
  });
}
document.addEventListener("DOMContentLoaded", () => {
  fitScrollingTables();
  let pending = null;
  window.addEventListener("resize", () => { clearTimeout(pending); pending = setTimeout(fitScrollingTables, 150); });
});

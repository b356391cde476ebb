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

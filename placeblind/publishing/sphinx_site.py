"""Sphinx extension for how the site reads: everything it loads comes from its
own files, and the repository link appears once an address is set.

- MathJax is served from the site itself: the copy shipped by the
  ``django-static-mathjax`` package on PyPI (Apache-2.0; no Django needed to
  read its files) is copied into ``_static/mathjax`` at every build, so
  equations render offline and the pages ask no other host for anything. The
  files are not committed (about 8 MB); the pinned package is the source.
- Bibliography entries are labelled by author and year ("Nurse and Sykes
  2020", "Office for National Statistics 2023a"), as the citations read,
  instead of pybtex's default alpha labels built from organisations' names.
- ``repository.url`` in ``_config.yml`` is the one place the public address is
  set. While it is empty the header shows no repository button (an empty link
  would mislead); once set, the button appears and the introduction's citation
  uses the same address (:func:`repository_url`).
- A build from data that do not match the catalogue (``DATA_VERIFY=warn``)
  carries a notice at the top of every page (the theme's announcement bar,
  text from :mod:`placeblind.publishing.manifest`).
- The header's "download this page" menu offers, besides the notebook, every
  table the page links as CSV and a print view (the browser's print dialog,
  which saves a PDF) under a plain name (:func:`_page_downloads`).
- The search box shows results while the reader types (the theme's
  search-as-you-type, off by default). It reads the index every page already
  loads (``searchindex.js``), so it works offline and under ``file://``; there
  the browser refuses the page fetches that result excerpts need, so
  ``_static/site.js`` lists results by title without them (and without an
  error per result); served over HTTP, each result shows an excerpt.
- The places page's table code (DataTables, from the pinned itables package)
  is copied into ``_static/itables`` at every build and loaded from there,
  rather than inlined in the page (:func:`placeblind.publishing.places_page.itables_bundle_files`).
- On every page the first use of each glossary term in running text links to
  the glossary (:mod:`placeblind.publishing.glossary_links`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .. import config

MATHJAX_SCRIPT = "mathjax/tex-mml-chtml.js"
# The combined TeX/MathML-to-HTML script and what it loads on demand (fonts,
# TeX extensions, the menu and its accessibility parts); the SVG output and the
# other combined scripts are never requested.
MATHJAX_PARTS = ("tex-mml-chtml.js", "input", "output/chtml", "ui", "a11y", "adaptors", "sre")


def mathjax_source() -> Path:
    import mathjax  # the django-static-mathjax package: only its static files are used

    return Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"


def repository_url() -> str:
    """The book's public repository address from ``_config.yml`` ('' while unset)."""
    settings = yaml.safe_load((config.REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    return str((settings.get("repository") or {}).get("url") or "").strip()


def author_names(entry) -> str:
    """The author part of an author-year label: one or two surnames, or the first
    and "et al."; an organisation (a braced name) whole."""
    names = [" ".join(person.prelast_names + person.last_names).replace("{", "").replace("}", "")
             for person in entry.persons.get("author", [])]
    if not names:
        raise ValueError(f"bibliography entry {entry.key} has no author")
    if len(names) > 2:
        return f"{names[0]} et al."
    return " and ".join(names)


def _register_bibliography_style() -> None:
    """An author-year label style and a formatting style that uses it, named
    'placeblind' for ``bibtex_default_style``. The a/b of two works by the same
    author in one year is in their year fields, so labels and citations agree."""
    from pybtex.plugin import register_plugin
    from pybtex.style.formatting.plain import Style as PlainStyle
    from pybtex.style.labels import BaseLabelStyle

    class AuthorYearLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            for entry in sorted_entries:
                yield f"{author_names(entry)} {entry.fields.get('year', 'n.d.')}"

    class AuthorYearStyle(PlainStyle):
        default_label_style = "placeblind-author-year"

    register_plugin("pybtex.style.labels", "placeblind-author-year", AuthorYearLabels, force=True)
    register_plugin("pybtex.style.formatting", "placeblind", AuthorYearStyle, force=True)


def _configure(app, sphinx_config):
    sphinx_config.mathjax_path = MATHJAX_SCRIPT
    # pydata-sphinx-theme reads the colour mode from the page context; left
    # empty it logs a console error on every page.
    sphinx_config.html_context = {**(sphinx_config.html_context or {}), "default_mode": "light"}
    options = sphinx_config.html_theme_options
    options["search_as_you_type"] = True
    if options.get("repository_url"):
        options["use_repository_button"] = True
    # A build from data that do not match the catalogue (DATA_VERIFY=warn) says so at the top of every page.
    from .manifest import banner_html, changed_inputs

    if notice := banner_html(changed_inputs()):
        options["announcement"] = notice


def _drop_repeated_scripts(app, pagename, templatename, context, doctree):
    """Each script once per page: sphinx-thebe adds its inline configuration on
    every read pass, and a second copy re-declares a constant, a console error.

    Runs after the themes' own handlers and edits the list in place: the theme
    adds its page settings (``DOCUMENTATION_OPTIONS.search_as_you_type``, the
    page name) to the builder's list during this event, and a new list put in
    the context before that would leave them out of the page."""
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # An inline script is filed under None by one extension and "" by another.
        key = (getattr(script, "filename", str(script)) or "",
               tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique


def page_tables(doctree) -> list[str]:
    """The CSV files a page offers for download, in page order, each once (the
    names its download links were copied under in ``_downloads``)."""
    from sphinx import addnodes

    names = []
    for node in doctree.findall(addnodes.download_reference):
        name = node.get("filename", "")
        if name.endswith(".csv") and name not in names:
            names.append(name)
    return names


def _page_downloads(app, pagename, templatename, context, doctree):
    """Add the page's tables to the theme's download menu and call its print
    entry what it does (runs after the theme has built the menu)."""
    groups = [b for b in context.get("header_buttons", []) if b.get("label") == "download-buttons"]
    if not groups or doctree is None:
        return
    buttons = groups[0]["buttons"]
    for button in buttons:
        if button.get("label") == "download-pdf-button":
            button["text"], button["tooltip"] = "Print or save as PDF", "Print this page, or save it as a PDF"
    downloads = context["pathto"]("_downloads", 1)
    for index, name in enumerate(page_tables(doctree)):
        shown = name.split("/")[-1]
        buttons.append({"type": "link", "url": f"{downloads}/{name}", "text": shown, "icon": "fas fa-table",
                        "tooltip": f"Download the table {shown}", "label": f"download-table-{index}"})


def _copy_mathjax(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    source, target = mathjax_source(), Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        origin = source / part
        if origin.is_dir():
            shutil.copytree(origin, target / part, dirs_exist_ok=True)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, target / part)


def _copy_itables(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    from .places_page import ITABLES_STATIC, itables_bundle_files

    target = Path(app.outdir) / ITABLES_STATIC
    target.mkdir(parents=True, exist_ok=True)
    for name, text in itables_bundle_files().items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def refresh_own_static(app, exception):
    """Copy the book's own static files (``_static/``: the site's CSS and script)
    that changed since the last build. Sphinx copies them only when some page is
    rebuilt, so an edited stylesheet alone would not reach the site until a full
    build; the files are small, and only a changed one is written."""
    if exception is not None or app.builder.format != "html":
        return
    for folder in app.config.html_static_path:
        source = Path(app.confdir) / folder
        for origin in (p for p in source.rglob("*") if p.is_file() and not p.name.endswith("_t")):
            target = Path(app.outdir) / "_static" / origin.relative_to(source)
            if not target.is_file() or target.read_bytes() != origin.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(origin, target)


def encrypt_kernel_channels() -> None:
    """The chapters' kernels talk to whoever runs them (Sphinx, the notebooks' sync,
    nbval) over CurveZMQ-encrypted channels, which the kernel (ipykernel 7) asks for:
    with jupyter_client's default ("disabled") each kernel logs a warning that its
    plain TCP traffic could be read. MyST-NB, nbclient and nbval create their kernel
    managers without a configuration of ours, so the policy is set as the managers'
    default; "auto" encrypts when the kernel declares support (the python3 kernel
    does) and leaves any other kernel as it was."""
    from jupyter_client.manager import KernelManager

    KernelManager.transport_encryption.default_value = "auto"


def setup(app):
    _register_bibliography_style()
    encrypt_kernel_channels()
    app.connect("config-inited", _configure)
    from .glossary_links import LinkGlossaryTerms

    app.add_transform(LinkGlossaryTerms)
    app.setup_extension("placeblind.publishing.alt_texts")  # glue:figure alt texts that print glued facts
    app.connect("html-page-context", _drop_repeated_scripts, priority=900)  # after the themes (500, 501)
    app.connect("html-page-context", _page_downloads, priority=502)  # after the theme's menu (501)
    app.connect("build-finished", _copy_mathjax)
    app.connect("build-finished", _copy_itables)
    app.connect("build-finished", refresh_own_static)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""Reading the brief on the web (issue 22, item 6; sphinx_brief.site.reading).

The website (html, dirhtml, singlehtml), never the ePub nor the PDF: a note previewed
beside its mark (hover, focus, tap), marks with a 24 × 24 px target, a "Notes" heading over
each page's notes, the search page's own field at a phone's width.  Asserted on the HTML
and, in Debian's chromium (Playwright, ``executable_path``: no browser is downloaded), on
what a reader sees and does, with axe-core (every rule) while a preview is open.
"""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from sphinx_brief.site import reading

from .conftest import ROOT, Build, run_sphinx

sys.path.insert(0, str(ROOT / "tools"))
import audit

VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
SCRIPT = f"_static/{reading.PREVIEW_JS}"
CSS = f"_static/{reading.READING_CSS}"
PAGES_WITHOUT_NOTES = ("chronology.html", "quotations.html", "sources.html", "search.html")


def soup_of(build: Build, name: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(name), "html.parser")


def scripts(soup: BeautifulSoup) -> list[Tag]:
    return [s for s in soup.find_all("script", src=True) if reading.PREVIEW_JS in str(s["src"])]


def stylesheets(soup: BeautifulSoup) -> list[Tag]:
    return [
        link
        for link in soup.find_all("link", rel="stylesheet")
        if reading.READING_CSS in str(link.get("href", ""))
    ]


# -- the HTML ---------------------------------------------------------------------------


def test_the_script_is_deferred_on_the_website_pages_with_notes(brief_html: Build) -> None:
    index = soup_of(brief_html, "index.html")
    (script,) = scripts(index)
    assert script.has_attr("defer") and script["data-go-to-note"] == "Go to note {}"
    assert (brief_html.outdir / SCRIPT).is_file()
    assert len(stylesheets(index)) == 1 and (brief_html.outdir / CSS).is_file()
    for name in PAGES_WITHOUT_NOTES:
        page = soup_of(brief_html, name)
        assert scripts(page) == [], name  # no notes, no script
        assert len(stylesheets(page)) == 1, name  # the marks' and the search page's CSS


def test_the_epub_has_neither_the_script_nor_the_stylesheet(brief_epub: Build) -> None:
    (epub,) = brief_epub.outdir.glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        documents = {n: archive.read(n).decode("utf-8") for n in names if n.endswith(".xhtml")}
    assert not any(reading.PREVIEW_JS in n or reading.READING_CSS in n for n in names)
    for name, markup in documents.items():
        assert reading.PREVIEW_JS not in markup and reading.READING_CSS not in markup, name
        assert reading.HEADING_CLASS not in markup, name  # its notes show in place


def test_a_notes_heading_stands_right_before_the_notes(brief_html: Build) -> None:
    index = soup_of(brief_html, "index.html")
    (heading,) = index.select(f".{reading.HEADING_CLASS}")
    assert heading.name == "h2" and heading.get_text() == "Notes"
    assert heading["id"] == "notes" and len(index.find_all(id="notes")) == 1
    after = heading.find_next_sibling()
    assert after is not None and after.name == "aside" and "footnote-list" in after["class"]
    # before it: the text's last section and MyST's rule; after it: every note
    assert heading.find_previous_sibling().name == "hr"
    assert len(after.select("aside.footnote")) == len(index.select("aside.footnote")) > 0
    assert heading.find_parent("article") is not None
    # never in the navigation nor the page's contents
    for drawer in index.select("aside.sidebar-drawer, aside.toc-drawer"):
        assert "Notes" not in [a.get_text(strip=True) for a in drawer.find_all("a")]
        assert not drawer.select("a[href$='#notes']")
    assert "Notes" not in brief_html.app.env.tocs["index"].astext().split("\n")
    for name in PAGES_WITHOUT_NOTES:
        assert not soup_of(brief_html, name).select(f".{reading.HEADING_CLASS}"), name


def test_the_marks_target_is_24_px_on_screens_only() -> None:
    css = (ROOT / "ext" / "sphinx_brief" / "static" / reading.READING_CSS).read_text("utf-8")
    screen = css[css.index("@media screen {") :]
    rule = re.search(r"a\.footnote-reference \{([^}]*)\}", screen)
    assert rule is not None and css.index("a.footnote-reference") > css.index("@media screen")
    padding = re.search(r"padding: (\d+)px (\d+)px;", rule.group(1))
    margin = re.search(r"margin: 0 -(\d+)px;", rule.group(1))
    assert padding is not None and margin is not None
    # furo's "[1]" is 12 × 14 px: padded, at least 24 × 24; the text around does not move
    assert 14 + 2 * int(padding.group(1)) >= 24 and 12 + 2 * int(padding.group(2)) >= 24
    assert margin.group(1) == padding.group(2)
    assert "prefers-reduced-motion: reduce" in css
    for variable in ("--color-background-primary", "--color-foreground-primary"):
        assert f"var({variable}" in css


def test_the_search_page_has_its_own_field(brief_html: Build) -> None:
    search = soup_of(brief_html, "search.html")
    form = search.select_one("article form.brief-search-page")
    assert form is not None and form.find("input", attrs={"name": "q"}) is not None
    assert form.find("button", attrs={"type": "submit"}) is not None


# -- another brief: every website builder, the other formats -----------------------------

BIB = """
@article{hall2010, author = {Hall, Kevin}, title = {{Sanctions}}, journal = {The Times},
  date = {2010-05-13}}
@article{landay2010, author = {Landay, Jonathan}, title = {{Talks}}, journal = {McClatchy},
  date = {2010-06-01}}
"""

CONF = """\
project = "Reading"
author = "Editor"
language = "fr"
extensions = ["sphinx_brief"]
brief_date = "2010-07-01"
"""

SMALL = {
    # a {note} and a [^x]: docutils footnotes; a section whose id is "notes"
    "index.md": "# Brief\n\nFirst.{note}`@hall2010`\n\n## Notes\n\nSecond.[^x]\n\n"
    "[^x]: Plain.\n\n```{toctree}\nlight\nplain\nrest\n```\n",
    # the extension's light notes only
    "light.md": "# Light\n\nOnly a note.{note}`@landay2010`\n",
    "plain.md": "# Plain\n\nNo note.\n",
    # reST: the notes in the page's last section
    "rest.rst": "Rest\n====\n\nSection\n-------\n\nText.\\ :note:`@hall2010`\n",
}
SMALL_PAGES = ("index", "light", "plain", "rest")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("reading")
    src = root / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    for name, text in SMALL.items():
        (src / name).write_text(text, encoding="utf-8")
    builders = ("html", "dirhtml", "singlehtml", "latex", "text")
    return {b: run_sphinx(src, b, root / b) for b in builders}


def headings(soup: BeautifulSoup) -> list[Tag]:
    return list(soup.select(f".{reading.HEADING_CLASS}"))


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_each_website_page_with_notes_has_one_heading(
    small: dict[str, Build], builder: str
) -> None:
    build = small[builder]
    assert "WARNING" not in build.warnings, build.warnings
    suffix = ".html" if builder == "html" else "/index.html"
    pages = {n: "index.html" if n == "index" else n + suffix for n in SMALL_PAGES}
    ids = {}
    for name, path in pages.items():
        soup = soup_of(build, path)
        found = headings(soup)
        if name == "plain":
            assert found == [] and scripts(soup) == [], name
            continue
        (heading,) = found
        assert heading.name == "h2" and heading.get_text() == "Notes", name
        after = heading.find_next_sibling()
        assert after is not None and "footnote-list" in after["class"], name
        assert len(soup.find_all(id=heading["id"])) == 1, name
        ids[name] = heading["id"]
        (script,) = scripts(soup)
        assert script["data-go-to-note"] == "Aller à la note {}"  # the brief's language
    # beside a section named Notes, the heading's id is another
    assert ids == {"index": "notes-2", "light": "notes", "rest": "notes"}
    rest = soup_of(build, pages["rest"])
    assert headings(rest)[0].find_parent("section").find("h2").get_text(strip=True) == "Section¶"


def test_a_single_page_website_has_a_heading_per_page_with_notes(
    small: dict[str, Build],
) -> None:
    soup = soup_of(small["singlehtml"], "index.html")
    found = headings(soup)
    assert len(found) == 3  # index, light, rest
    ids = [str(h["id"]) for h in found]
    assert len(set(ids)) == 3 and all(len(soup.find_all(id=i)) == 1 for i in ids)
    for heading in found:
        assert "footnote-list" in heading.find_next_sibling()["class"]
    assert len(scripts(soup)) == 1


def test_the_pdf_and_the_text_have_no_heading(small: dict[str, Build]) -> None:
    (tex,) = small["latex"].outdir.glob("*.tex")
    latex = tex.read_text(encoding="utf-8")
    assert latex.count("{Notes}") == 1  # the author's section only
    assert "brief-note-preview" not in latex
    text = small["text"].read("light.txt")
    assert "Notes" not in text


# -- in a browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(brief_html: Build) -> Iterator[str]:
    with audit.serve(brief_html.outdir) as base:
        yield base


def open_page(browser: Any, url: str, viewport: str, scheme: str = "light", **options: Any) -> Any:
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        color_scheme=scheme,
        has_touch=viewport == "phone",
        **options,
    )
    context.add_init_script(f"localStorage.setItem('theme', '{scheme}')")
    page = context.new_page()
    page.goto(url, wait_until="load")
    return page


#: What a reader sees of the preview, and of the note at the page's end.
STATE = """(mark) => {
  const preview = document.querySelector('.brief-note-preview');
  const note = document.getElementById(mark.getAttribute('href').slice(1));
  const box = preview ? preview.getBoundingClientRect() : null;
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  return {
    shown: !!preview && !preview.hidden && box.width > 0,
    text: preview ? preview.querySelector('.brief-note-preview-text').textContent.trim() : '',
    note: [...note.children].filter(c => !c.matches('.label, .backrefs'))
      .map(c => c.textContent).join('').trim(),
    box: box ? [box.left, box.top, box.right, box.bottom] : null,
    width: document.documentElement.clientWidth,
    height: window.innerHeight,
    describedBy: mark.getAttribute('aria-describedby'),
    previewId: preview ? preview.id : null,
    role: preview ? preview.getAttribute('role') : null,
    hash: location.hash,
    duplicates: ids.filter((id, i) => ids.indexOf(id) !== i),
    noteParent: note.parentElement.className,
  };
}"""


def state(page: Any, mark: Any) -> dict[str, Any]:
    return mark.evaluate(STATE)  # type: ignore[no-any-return]


def assert_shown(page: Any, mark: Any) -> dict[str, Any]:
    seen = state(page, mark)
    assert seen["shown"], seen
    assert seen["text"] == seen["note"] and seen["text"]
    left, top, right, bottom = seen["box"]
    assert left >= 0 and right <= seen["width"] and top >= 0 and bottom <= seen["height"], seen
    assert seen["role"] == "tooltip" and seen["describedBy"] == seen["previewId"]
    assert seen["duplicates"] == []
    assert "footnote-list" in seen["noteParent"]  # the note stays where it was
    return seen


def wait_shown(page: Any, shown: bool = True) -> None:
    selector = ".brief-note-preview" + (":not([hidden])" if shown else "[hidden]")
    page.wait_for_selector(selector, state="attached", timeout=3000)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_note_shows_on_hover_and_focus_and_escape_closes_it(
    site: str, browser: Any, viewport: str
) -> None:
    page = open_page(browser, site + "index.html", viewport)
    mark = page.locator("a.footnote-reference").nth(2)
    mark.scroll_into_view_if_needed()
    # hover: shown after a short delay; it stays while the pointer is on the preview
    mark.hover()
    wait_shown(page)
    seen = assert_shown(page, mark)
    link = page.locator(".brief-note-preview-text a").first
    link.hover()
    page.wait_for_timeout(700)
    assert state(page, mark)["shown"]
    # its link can be clicked: nothing covers it
    assert link.evaluate(
        "a => { const r = a.getClientRects()[0];"
        " return document.elementFromPoint(r.left + 2, r.top + r.height / 2) === a; }"
    )
    page.keyboard.press("Escape")
    wait_shown(page, False)
    assert state(page, mark)["describedBy"] is None
    page.mouse.move(1, seen["height"] - 1)  # away
    # focus: shown at once; Escape closes it and the focus stays on the mark
    mark.focus()
    wait_shown(page)
    assert_shown(page, mark)
    page.keyboard.press("Escape")
    wait_shown(page, False)
    assert page.evaluate("document.activeElement.classList.contains('footnote-reference')")
    # Enter follows the mark to the note
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash.length > 1")
    assert state(page, mark)["hash"] == mark.get_attribute("href")
    page.context.close()


def test_a_tap_shows_the_note_and_a_second_tap_follows_the_mark(site: str, browser: Any) -> None:
    page = open_page(browser, site + "index.html", "phone")
    mark = page.locator("a.footnote-reference").nth(4)
    mark.scroll_into_view_if_needed()
    mark.tap()
    wait_shown(page)
    seen = assert_shown(page, mark)
    assert seen["hash"] == ""  # the first tap did not follow the mark
    # a tap elsewhere closes it
    page.locator("article h1").first.tap()
    wait_shown(page, False)
    # open again; the preview's link to the note follows the mark
    mark.tap()
    wait_shown(page)
    go = page.locator(".brief-note-preview-go a")
    assert go.get_attribute("href") == mark.get_attribute("href")
    assert re.fullmatch(r"Go to note \d+", go.inner_text())
    go.tap()
    page.wait_for_function("location.hash.length > 1")
    assert state(page, mark)["hash"] == mark.get_attribute("href")
    wait_shown(page, False)
    # the second tap on a mark follows it
    page.evaluate("history.replaceState(null, '', location.pathname)")
    other = page.locator("a.footnote-reference").nth(1)
    other.scroll_into_view_if_needed()
    other.tap()
    wait_shown(page)
    assert state(page, other)["hash"] == ""
    other.tap()
    page.wait_for_function("location.hash.length > 1")
    assert state(page, other)["hash"] == other.get_attribute("href")
    page.context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_mark_is_a_24_px_target_and_the_lines_keep_their_spacing(
    site: str, browser: Any, viewport: str
) -> None:
    measure = """() => ({
      marks: [...document.querySelectorAll('a.footnote-reference')].map(a => {
        const r = a.getBoundingClientRect(); return [r.width, r.height, r.left + 0]; }),
      paragraphs: [...document.querySelectorAll('article p')]
        .map(p => Math.round(p.getBoundingClientRect().height)),
      align: getComputedStyle(document.querySelector('a.footnote-reference')).verticalAlign,
    })"""
    page = open_page(browser, site + "index.html", viewport, java_script_enabled=False)
    padded = page.evaluate(measure)
    page.context.close()
    page = open_page(browser, site + "index.html", viewport, java_script_enabled=False)
    page.route("**/" + reading.READING_CSS + "*", lambda r: r.fulfill(body=""))
    page.reload(wait_until="load")
    plain = page.evaluate(measure)
    page.context.close()
    assert len(padded["marks"]) == len(plain["marks"]) > 20
    small = [(w, h) for w, h, _ in padded["marks"] if w < 24 or h < 24]
    assert small == [], small
    assert all(w < 24 and h < 24 for w, h, _ in plain["marks"])  # they were smaller
    assert padded["paragraphs"] == plain["paragraphs"]  # not a line moved
    # the text does not move sideways: each mark's box grows by its padding on both sides
    shifts = {round(p[2] - q[2]) for p, q in zip(padded["marks"], plain["marks"], strict=True)}
    assert len(shifts) == 1
    assert padded["align"] == plain["align"] == "super"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_a_preview_open(
    site: str, browser: Any, viewport: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import ALL_RULES, describe

    page = open_page(browser, site + "index.html", viewport, scheme)
    assert page.evaluate("document.body.dataset.theme") == scheme
    mark = page.locator("a.footnote-reference").nth(2)
    mark.scroll_into_view_if_needed()
    mark.focus()
    wait_shown(page)
    assert_shown(page, mark)
    colours = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.brief-note-preview'));"
        " return [s.backgroundColor, s.color, getComputedStyle(document.body).backgroundColor]; }"
    )
    assert colours[0] == colours[2] and colours[0] != colours[1]  # furo's page colours
    axe = Axe()
    page.evaluate(axe.axe_script)
    rules = page.evaluate(ALL_RULES)
    result = axe.run(
        page, options={"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": rules}}
    )
    violations = result.response["violations"]
    assert state(page, mark)["shown"]  # still open when axe looked
    page.context.close()
    assert not violations, describe(violations)


def test_without_javascript_nothing_changes(site: str, browser: Any) -> None:
    page = open_page(browser, site + "index.html", "phone", java_script_enabled=False)
    mark = page.locator("a.footnote-reference").first
    mark.scroll_into_view_if_needed()
    mark.tap()
    assert page.locator(".brief-note-preview").count() == 0
    assert page.evaluate("location.hash") == mark.get_attribute("href")
    page.context.close()


def test_reduced_motion_has_no_animation(site: str, browser: Any) -> None:
    page = open_page(browser, site + "index.html", "desktop", reduced_motion="reduce")
    page.locator("a.footnote-reference").first.focus()
    wait_shown(page)
    name = page.evaluate(
        "getComputedStyle(document.querySelector('.brief-note-preview')).animationName"
    )
    assert name == "none"
    page.context.close()


def test_the_search_field_is_visible_on_the_search_page_of_a_phone(site: str, browser: Any) -> None:
    inside = """(el) => { const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0
        && r.right <= document.documentElement.clientWidth && r.bottom <= innerHeight; }"""
    page = open_page(browser, site + "search.html?q=missile", "phone")
    field = page.locator("form.brief-search-page input[name='q']")
    assert field.is_visible() and field.evaluate(inside)
    assert field.input_value() == "missile"  # searchtools.js fills it in
    assert not page.locator(".sidebar-drawer input[name='q']").evaluate(inside)
    # searching from it
    field.fill("uranium enrichment")
    page.locator("form.brief-search-page button").tap()
    page.wait_for_url("**/search.html?q=uranium+enrichment*")
    page.context.close()
    # the header's menu opens the sidebar, whose search field leads to the search page
    page = open_page(browser, site + "index.html", "phone")
    page.locator("header.mobile-header label.nav-overlay-icon").tap()
    sidebar = page.locator(".sidebar-drawer input[name='q']")
    page.wait_for_function(
        "() => document.querySelector('.sidebar-drawer').getBoundingClientRect().left >= 0"
    )
    assert sidebar.evaluate(inside)
    sidebar.fill("missile")
    sidebar.press("Enter")
    page.wait_for_url("**/search.html?q=missile*")
    assert page.locator("form.brief-search-page input[name='q']").is_visible()
    page.context.close()
    # on a desktop, the sidebar's field is the one (the page's own is not shown)
    page = open_page(browser, site + "search.html", "desktop")
    assert not page.locator("form.brief-search-page").is_visible()
    assert page.locator(".sidebar-drawer input[name='q']").evaluate(inside)
    page.context.close()

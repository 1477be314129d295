"""One link policy (issue 24, item 1): only http, https and mailto addresses become links
(a DOI as its https://doi.org/ address), in the notes, the Sources page, the schema.org data
and the PDF; any other address prints as text, with a warning naming its bib entry."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from .conftest import Build, run_sphinx

BIB = r"""
@misc{js, title = {JS}, howpublished = {P}, url = {javascript:alert(1)}, date = {2010}}
@misc{dat, title = {Data}, howpublished = {P}, url = {data:text/html,x}, date = {2010}}
@misc{file, title = {File}, howpublished = {P}, url = {file:///etc/passwd}, date = {2010}}
@misc{ftp, title = {Ftp}, howpublished = {P}, url = {ftp://example.org/f}, date = {2010}}
@misc{upper, title = {Upper}, howpublished = {P}, url = {HTTPS://Example.org/A}, date = {2010}}
@misc{mail, title = {Mail}, howpublished = {P}, url = {mailto:desk@example.org}, date = {2010}}
@misc{doi, title = {Doi}, howpublished = {P}, doi = {doi:10.1000/182}, date = {2010}}
@misc{arch, title = {Arch}, howpublished = {P}, url = {https://example.org/b},
  archiveurl = {javascript:alert(2)}, date = {2010}}
"""
KEYS = ("js", "dat", "file", "ftp", "upper", "mail", "doi", "arch")
NOT_WEB = {"js": "javascript:alert(1)", "dat": "data:text/html,x",
           "file": "file:///etc/passwd", "ftp": "ftp://example.org/f"}  # fmt: skip
WEB = {"HTTPS://Example.org/A", "mailto:desk@example.org", "https://doi.org/10.1000/182",
       "https://example.org/b"}  # fmt: skip


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    root = tmp_path_factory.mktemp("links")
    src = root / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "Links"\nextensions = ["sphinx_brief"]\nbibtex_bibfiles = ["refs.bib"]\n'
        'brief_archive_links = "lookup"\n'
        'latex_documents = [("index", "links.tex", "Links", "A", "howto")]\n',
        encoding="utf-8",
    )
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    notes = " ".join(f"Claim.{{note}}`@{key}`" for key in KEYS)
    (src / "index.md").write_text(
        f"# Links\n\n{notes}\n\n```{{bibliography}}\n:all:\n```\n", encoding="utf-8"
    )
    return {b: run_sphinx(src, b, root / b) for b in ("html", "latex")}


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_each_address_that_is_no_web_address_is_warned_at_its_entry(
    builds: dict[str, Build], builder: str
) -> None:
    build = builds[builder]
    for key, url in NOT_WEB.items():
        said = [w for w in build.warnings.splitlines() if f"bib entry '{key}'" in w]
        assert len(said) == 1, build.warnings
        assert f"{build.srcdir / 'refs.bib'}:" in said[0]
        assert f"its url {url!r} is no web address" in said[0]
        assert said[0].endswith("[brief.bibtex]")
    assert "bib entry 'upper'" not in build.warnings and "bib entry 'doi'" not in build.warnings


def test_the_website_links_web_addresses_only(builds: dict[str, Build]) -> None:
    page = builds["html"].read("index.html")
    soup = BeautifulSoup(page, "html.parser")
    external = {unquote(str(a["href"])) for a in soup.select("a.reference.external")}
    assert external >= WEB
    assert all(href.lower().startswith(("http://", "https://", "mailto:")) for href in external)
    text = soup.get_text()
    for url in NOT_WEB.values():
        assert url in text  # printed, as written
        assert not any(url in href for href in external)  # never linked, nor archived
    # printed as linked: the DOI as its address
    doi = soup.find("a", href="https://doi.org/10.1000/182")
    assert doi is not None and doi.get_text() == "https://doi.org/10.1000/182"
    # a web archive copy only of a web page: not of a mailto, a DOI or an address of no web
    archived = {href for href in external if href.startswith("https://web.archive.org/")}
    assert archived == {"https://web.archive.org/web/20100101/HTTPS://Example.org/A"}


def test_schema_org_names_web_addresses_only(builds: dict[str, Build]) -> None:
    soup = BeautifulSoup(builds["html"].read("index.html"), "html.parser")
    data = [json.loads(s.get_text()) for s in soup.find_all("script", type="application/ld+json")]
    text = json.dumps(data)
    urls = set(re.findall(r'"(?:url|archivedAt)": "([^"]+)"', text))
    assert urls, text
    assert all(u.lower().startswith(("http://", "https://", "mailto:")) for u in urls), urls
    for url in NOT_WEB.values():
        assert url not in urls


def test_the_pdf_links_web_addresses_only(builds: dict[str, Build]) -> None:
    tex = builds["latex"].read("links.tex")
    linked = re.findall(r"\\(?:sphinxurl|url|href)\{([^}]*)\}", tex)
    assert linked and all(
        u.lower().startswith(("http://", "https://", "mailto:")) for u in linked
    ), linked
    assert "https://doi.org/10.1000/182" in linked

"""``sphinx-brief archive``: snapshots found through a local server that answers as the
Internet Archive's availability API does, and written into refs.bib byte for byte.

The server (http.server on 127.0.0.1, in a thread) answers by the page asked about: a
snapshot, no snapshot, a capture that answered 302, HTTP 500, 429 with Retry-After, an
answer after the client's timeout, an answer that is no JSON.  The sleep and the clock of
the rate limit are injected: the tests wait for nothing but the one timeout.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pybtex.database import parse_string

from sphinx_brief import cli
from sphinx_brief.archive import command, sources, wayback
from sphinx_brief.archive.bibfile import read

from .conftest import run_sphinx

SNAPSHOT = "snapshot"


@dataclass
class Api:
    """What the server answers for each page (``behaviour``) and what it was asked."""

    behaviour: dict[str, Any] = field(default_factory=dict)
    asked: list[dict[str, str]] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def pages(self) -> list[str]:
        return [query["url"] for query in self.asked]


def _answer(handler: BaseHTTPRequestHandler, api: Api) -> None:
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(handler.path).query))
    page = query.get("url", "")
    with api.lock:
        api.asked.append(query)
        api.agents.append(handler.headers.get("User-Agent", ""))
        count = api.counts[page] = api.counts.get(page, 0) + 1
    kind = api.behaviour.get(page, ("none",))
    body: bytes
    if kind[0] == SNAPSHOT:
        closest = {
            "status": kind[2] if len(kind) > 2 else "200",
            "available": True,
            "url": f"http://web.archive.org/web/{kind[1]}/{page}",
            "timestamp": kind[1],
        }
        body = json.dumps({"url": page, "archived_snapshots": {"closest": closest}}).encode()
    elif kind[0] == "none":
        body = json.dumps({"url": page, "archived_snapshots": {}}).encode()
    elif kind[0] == "status":
        handler.send_error(kind[1])
        return
    elif kind[0] == "later":  # 429 the first kind[1] times, then a snapshot
        if count <= kind[1]:
            handler.send_response(429)
            handler.send_header("Retry-After", str(kind[2]))
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        return _answer_snapshot(handler, page, "20150101000000")
    elif kind[0] == "slow":
        time.sleep(kind[1])
        body = json.dumps({"archived_snapshots": {}}).encode()
    else:  # "garbled"
        body = b'{"archived_snapshots": {"closest": '
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _answer_snapshot(handler: BaseHTTPRequestHandler, page: str, stamp: str) -> None:
    closest = {"status": "200", "available": True, "url": page, "timestamp": stamp}
    body = json.dumps({"archived_snapshots": {"closest": closest}}).encode()
    handler.send_response(200)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def api() -> Iterator[Api]:
    state = Api()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # the client may have given up waiting (the timeout test)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                _answer(self, state)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/wayback/available"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


class Clock:
    """A clock that only sleeps move: the rate limit's waits, recorded, instantly."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def archive(
    api: Api, directory: Path, *options: str, clock: Clock | None = None, sleep: Any = None
) -> int:
    args = cli.parser().parse_args(["archive", str(directory), "--api", api.url, *options])
    clock = clock or Clock()
    return command.run(args, sleep=sleep or clock.sleep, clock=clock)


def brief(tmp_path: Path, bib: str, conf: str = 'bibtex_bibfiles = ["refs.bib"]\n') -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f'project = "Archive"\nextensions = ["sphinx_brief"]\n{conf}', encoding="utf-8"
    )
    (src / "refs.bib").write_bytes(bib.encode("utf-8"))
    return src


def assert_inserted(before: str, after: str, *pieces: str) -> None:
    """``after`` is ``before`` with ``pieces`` inserted, each once, and nothing else changed
    (a diff of the two holds insertions only)."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert changes and all(op[0] == "insert" for op in changes), changes
    rest = after
    for piece in pieces:
        assert rest.count(piece) == 1, piece
        rest = rest.replace(piece, "", 1)
    assert rest == before


MIXED = """\
% The brief's sources. A {comment} with an odd brace: {
@string{ex = "https://example.org"}

@online{found,
  title   = {Found},
  url     = {https://example.org/found},
  urldate = {2009-08-29},
}

@online{gone,
  title = {Gone},
  url = {https://example.org/gone},
  date = {2010-05},
}

@online{redirect,
\ttitle = {Redirect},
\turl = {https://example.org/redirect}
}
@online{fails, title = {Fails}, url = {https://example.org/fails}, year = 2011}
@online{slow, title = {Slow}, url = ex # "/slow"}
@online{garbled, title = {Garbled}, url = {https://example.org/garbled}}
@online(paren, title = {Paren}, url = {https://example.org/paren}, year = {2012}, month = aug)
@online{kept, title = {Kept}, url = {https://example.org/kept},
  archiveurl = {https://web.archive.org/web/2001/https://example.org/kept}}
@misc{ftp, title = {Ftp}, url = {ftp://example.org/f}}
@book{book, title = {Book}, year = 1999}
"""
BEHAVIOUR = {
    "https://example.org/found": (SNAPSHOT, "20090830123456"),
    "https://example.org/gone": ("none",),
    "https://example.org/redirect": (SNAPSHOT, "20100101000000", "302"),
    "https://example.org/fails": ("status", 500),
    "https://example.org/slow": ("slow", 3.0),
    "https://example.org/garbled": ("garbled",),
    "https://example.org/paren": (SNAPSHOT, "20120815000000"),
}


def test_a_run_archives_reports_and_touches_nothing_else(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.behaviour.update(BEHAVIOUR)
    src = brief(tmp_path, MIXED)
    clock = Clock()
    status = archive(api, src, "--timeout", "1", "--report", str(tmp_path / "r.md"), clock=clock)
    out = capsys.readouterr().out
    assert status == 1  # some entries had errors
    after = (src / "refs.bib").read_text(encoding="utf-8")
    assert_inserted(
        MIXED,
        after,
        "\n  archiveurl = {https://web.archive.org/web/20090830123456/https://example.org/found},"
        "\n  archivedate = {2009-08-30},",
        ", archiveurl = {https://web.archive.org/web/20120815000000/https://example.org/paren}, "
        "archivedate = {2012-08-15}",
    )
    entries = parse_string(after, "bibtex").entries
    assert entries["found"].fields["archivedate"] == "2009-08-30"
    assert (
        entries["paren"].fields["archiveurl"].endswith("/20120815000000/https://example.org/paren")
    )
    # every web source without an archiveurl asked once, at its day, in file order
    assert api.pages == [
        f"https://example.org/{p}"
        for p in ("found", "gone", "redirect", "fails", "slow", "garbled", "paren")
    ]
    stamps = {q["url"].rsplit("/", 1)[1]: q.get("timestamp") for q in api.asked}
    assert stamps == {
        "found": "20090829",
        "gone": "201005",
        "redirect": None,
        "fails": "2011",
        "slow": None,
        "garbled": None,
        "paren": "201208",
    }
    assert set(api.agents) == {wayback.user_agent()}
    assert api.agents[0].startswith("sphinx-brief/0.")
    assert out.splitlines() == [
        "Archived (2):",
        "  found  2009-08-30  https://web.archive.org/web/20090830123456/https://example.org/found",
        "  paren  2012-08-15  https://web.archive.org/web/20120815000000/https://example.org/paren",
        "No snapshot (2):",
        "  gone  https://example.org/gone: no capture",
        "  redirect  https://example.org/redirect: the closest capture (20100101000000) answered 302",
        "Errors (3):",
        "  fails  https://example.org/fails: HTTP 500 Internal Server Error",
        "  slow  https://example.org/slow: no answer within 1 s (--timeout)",
        "  garbled  https://example.org/garbled: the answer is not JSON (Expecting value: line 1 column 36 (char 35))",
        "Skipped (2):",
        "  already archived: kept",
        "  not a web page: ftp (ftp://example.org/f)",
        "2 archived, 2 without a snapshot, 3 errors, 2 skipped, 1 entry without a url; 7 requests.",
    ]
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "## Archived (2)" in report and "## Errors (3)" in report
    assert (
        "| `found` | <https://web.archive.org/web/20090830123456/https://example.org/found> | 2009-08-30 | refs.bib |"
        in report
    )
    assert "| `ftp` | not a web page: ftp://example.org/f | refs.bib |" in report
    # the entries without a snapshot are remembered beside refs.bib; the errors are not
    state = json.loads((src / ".refs.bib.archive.json").read_text(encoding="utf-8"))
    assert sorted(state["missing"]) == ["gone", "redirect"]
    assert state["missing"]["gone"]["url"] == "https://example.org/gone"
    assert state["missing"]["gone"]["timestamp"] == "201005"

    # a rerun asks again about the errors only, and changes nothing more
    api.asked.clear()
    assert archive(api, src, "--timeout", "1") == 1
    assert api.pages == [f"https://example.org/{p}" for p in ("fails", "slow", "garbled")]
    assert (src / "refs.bib").read_text(encoding="utf-8") == after
    out = capsys.readouterr().out
    assert "  already archived: found, paren, kept" in out
    assert "  no snapshot when last asked (--retry-missing asks again): gone (asked " in out


CLEAN = """\
@online{found,
  title = {Found},
  url = {https://example.org/found},
  urldate = {2009-08-29}
}
@online{gone, title = {Gone}, url = {https://example.org/gone}}
@misc{mail, title = {Mail}, url = {mailto:desk@example.org}}
@misc{doi, title = {Doi}, url = {doi:10.1000/182}}
"""


def test_a_rerun_asks_nothing_and_retry_missing_asks_again(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.behaviour.update(BEHAVIOUR)
    src = brief(tmp_path, CLEAN)
    assert archive(api, src) == 0
    first = (src / "refs.bib").read_bytes()
    assert len(api.asked) == 2
    assert "  not a web page: mail (mailto:desk@example.org), doi (doi:10.1000/182)" in (
        capsys.readouterr().out
    )

    api.asked.clear()
    assert archive(api, src) == 0
    assert api.asked == []
    assert (src / "refs.bib").read_bytes() == first
    assert "0 archived, 0 without a snapshot, 0 errors, 4 skipped" in capsys.readouterr().out

    api.behaviour["https://example.org/gone"] = (SNAPSHOT, "20200202020202")
    assert archive(api, src, "--retry-missing") == 0
    assert api.pages == ["https://example.org/gone"]
    assert_inserted(
        first.decode(),
        (src / "refs.bib").read_text(encoding="utf-8"),
        ", archiveurl = {https://web.archive.org/web/20200202020202/https://example.org/gone}, "
        "archivedate = {2020-02-02}",
    )
    assert not (src / ".refs.bib.archive.json").exists()  # nothing left to remember
    assert (
        "  gone  2020-02-02  https://web.archive.org/web/20200202020202/" in capsys.readouterr().out
    )


def test_a_dry_run_writes_nothing(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api.behaviour.update(BEHAVIOUR)
    src = brief(tmp_path, CLEAN)
    assert archive(api, src, "--dry-run", "--report", str(tmp_path / "r.md")) == 0
    assert (src / "refs.bib").read_bytes() == CLEAN.encode()
    assert sorted(p.name for p in src.iterdir()) == ["conf.py", "refs.bib"]
    out = capsys.readouterr().out
    assert out.startswith("Would archive (1):\n  found  2009-08-30  https://web.archive.org/web/")
    assert out.endswith("Dry run: nothing written.\n")
    assert "## Would be archived (1)" in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert len(api.asked) == 2
    # and a dry run remembered nothing: the next run asks again
    api.asked.clear()
    assert archive(api, src, "--dry-run") == 0
    assert len(api.asked) == 2


def test_the_rate_limit_spaces_requests_and_waits_out_429(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = "".join(
        f"@online{{k{i}, title = {{T}}, url = {{https://example.org/{i}}}}}\n" for i in range(4)
    )
    api.behaviour["https://example.org/1"] = ("later", 2, 7)  # two 429s, then a snapshot
    api.behaviour["https://example.org/2"] = ("later", 99, 1)  # 429 for ever
    api.behaviour["https://example.org/3"] = ("later", 1, 3600)  # asks for an hour
    src = brief(tmp_path, bib)
    clock = Clock()
    assert archive(api, src, "--delay", "2.5", "--retries", "2", clock=clock) == 1
    assert api.counts == {
        "https://example.org/0": 1,
        "https://example.org/1": 3,
        "https://example.org/2": 3,  # the request and two retries
        "https://example.org/3": 1,  # an hour is too long to wait
    }
    # 2.5 s between requests; Retry-After waited out (7 s twice), 1 s < 2.5 s: the delay
    assert clock.sleeps == [2.5, 7.0, 7.0, 2.5, 1.0, 1.5, 1.0, 1.5, 2.5]
    out = capsys.readouterr().out
    assert (
        "  k1  2015-01-01  https://web.archive.org/web/20150101000000/https://example.org/1" in out
    )
    assert "  k2  https://example.org/2: HTTP 429 Too Many Requests, still after 2 retries" in out
    assert "the archive asks to wait 3600 s; run the command again later" in out
    assert "8 requests." in out


def test_a_run_without_delay_never_sleeps(api: Api, tmp_path: Path) -> None:
    bib = "".join(f"@online{{k{i}, url = {{https://example.org/{i}}}}}\n" for i in range(3))
    src = brief(tmp_path, bib)
    clock = Clock()
    assert archive(api, src, "--delay", "0", clock=clock) == 0
    assert clock.sleeps == [] and len(api.asked) == 3


def test_an_interrupted_run_keeps_what_it_found_and_a_rerun_goes_on(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = "".join(f"@online{{k{i}, url = {{https://example.org/{i}}}}}\n" for i in range(3))
    for i in range(3):
        api.behaviour[f"https://example.org/{i}"] = (SNAPSHOT, f"2019010{i + 1}000000")
    src = brief(tmp_path, bib)

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt  # Ctrl-C while waiting before the second request

    assert archive(api, src, sleep=interrupt) == 130
    assert (
        parse_string((src / "refs.bib").read_text(encoding="utf-8"), "bibtex")
        .entries["k0"]
        .fields["archivedate"]
        == "2019-01-01"
    )
    assert "Interrupted: 2 web sources of refs.bib not asked about" in capsys.readouterr().out
    api.asked.clear()
    assert archive(api, src) == 0
    assert api.pages == ["https://example.org/1", "https://example.org/2"]
    assert (src / "refs.bib").read_text(encoding="utf-8").count("archivedate") == 3


def test_a_bib_file_changed_during_the_run_is_not_overwritten(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = "".join(f"@online{{k{i}, url = {{https://example.org/{i}}}}}\n" for i in range(2))
    api.behaviour["https://example.org/1"] = (SNAPSHOT, "20190101000000")
    src = brief(tmp_path, bib)
    edited = bib + "@misc{new, title = {Added by the author meanwhile}}\n"

    def author_edits(seconds: float) -> None:
        (src / "refs.bib").write_text(edited, encoding="utf-8")

    assert archive(api, src, sleep=author_edits) == 1
    assert (src / "refs.bib").read_text(encoding="utf-8") == edited
    assert "Stopped: refs.bib changed on disk during the run" in capsys.readouterr().out


ODD = (
    "\ufeff% Odd but valid: a byte order mark, CRLF, tabs, macros, quotes, comments\r\n"
    '@STRING{ site = "https://example.org" }\r\n'
    "@Online{ Odd:Key-1 ,\r\n"
    '\tTitle\t= "A {\\"U}ber \\& {Bra{ced}} title",\r\n'
    '\tURL\t= site # "/odd?a=1&b=%20" ,\r\n'
    "\tUrlDate\t= {2009-08-29}   \r\n"
    "   }   trailing words, not a comment\r\n"
    "@comment{ kept as it is }\r\n"
)


def test_an_odd_file_is_kept_byte_for_byte(api: Api, tmp_path: Path) -> None:
    api.behaviour["https://example.org/odd?a=1&b=%20"] = (SNAPSHOT, "20090901000000")
    src = brief(tmp_path, ODD)
    assert archive(api, src) == 0
    before, after = ODD.encode(), (src / "refs.bib").read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert_inserted(
        before.decode(),
        after.decode(),
        ",\r\n\tarchiveurl\t= {https://web.archive.org/web/20090901000000/https://example.org/odd?a=1&b=%20},"
        "\r\n\tarchivedate\t= {2009-09-01}",
    )
    assert api.asked[0] == {"url": "https://example.org/odd?a=1&b=%20", "timestamp": "20090829"}


def test_fields_aligned_in_a_column_stay_aligned(api: Api, tmp_path: Path) -> None:
    bib = (
        "@online{aligned,\n"
        "    title           = {T},\n"
        "    url             = {https://example.org/a},\n"
        "}\n"
    )
    api.behaviour["https://example.org/a"] = (SNAPSHOT, "20090901000000")
    src = brief(tmp_path, bib)
    assert archive(api, src) == 0
    assert (src / "refs.bib").read_text(encoding="utf-8").splitlines()[3:5] == [
        "    archiveurl      = {https://web.archive.org/web/20090901000000/https://example.org/a},",
        "    archivedate     = {2009-09-01},",
    ]


def test_entries_that_cannot_be_edited_are_skipped_with_their_reason(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = (
        "@online{dated, url = {https://example.org/d}, archivedate = {2001-01-01}}\n"
        "@online{empty, url = {https://example.org/e}, archiveurl = {}}\n"
        "@online{broken, url = {https://example.org/b}, title = {unclosed}\n"
        "@online{after, url = {https://example.org/a}}\n"
    )
    src = brief(tmp_path, bib)
    assert archive(api, src) == 0
    out = capsys.readouterr().out
    assert (
        "an archivedate without an archiveurl (write the archiveurl, or delete the date): dated"
        in out
    )
    assert "  an empty archiveurl (delete it, and the command fills it in): empty" in out
    assert "  pybtex cannot read it: broken (syntax error in line 4:" in out
    assert api.pages == ["https://example.org/a"]


def test_bib_files_from_conf_py_the_first_key_wins(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = brief(
        tmp_path, "", conf='bibtex_bibfiles = ["a.bib"]\nbibtex_bibfiles += ["sub/b.bib"]\n'
    )
    (src / "a.bib").write_text("\n@online{Same, url = {https://example.org/a}}\n", encoding="utf-8")
    (src / "sub").mkdir()
    (src / "sub" / "b.bib").write_text(
        "@online{same, url = {https://example.org/b}}\n@online{other, url = {https://example.org/o}}\n",
        encoding="utf-8",
    )
    assert archive(api, src) == 0
    assert api.pages == ["https://example.org/a", "https://example.org/o"]
    out = capsys.readouterr().out
    assert (
        "  a repeated key (the first entry of that key counts): same (sub/b.bib) (first at a.bib:2)"
        in out
    )
    assert (src / "refs.bib").read_bytes() == b""  # not named in conf.py
    assert (src / ".a.bib.archive.json").exists() and (src / "sub" / ".b.bib.archive.json").exists()


def test_bib_option_and_the_refs_bib_default(api: Api, tmp_path: Path) -> None:
    src = brief(tmp_path, "@online{r, url = {https://example.org/r}}\n", conf="")
    other = tmp_path / "other.bib"
    other.write_text("@online{x, url = {https://example.org/x}}\n", encoding="utf-8")
    assert archive(api, src, "--bib", str(other)) == 0
    assert api.pages == ["https://example.org/x"]
    assert archive(api, src) == 0  # no bibtex_bibfiles: refs.bib beside conf.py
    assert api.pages[1:] == ["https://example.org/r"]


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        (
            "bibtex_bibfiles = sorted(['refs.bib'])\n",
            "bibtex_bibfiles is computed; name the bib files with --bib",
        ),
        ("if True:\n    bibtex_bibfiles = ['refs.bib']\n", "bibtex_bibfiles is computed"),
        ("bibtex_bibfiles = ['missing.bib']\n", "missing.bib: no such bib file"),
        ("bibtex_bibfiles = 'refs.bib'\n", "bibtex_bibfiles is not a list of file names"),
        ("bibtex_bibfiles = [\n", "cannot read it"),
    ],
)
def test_usage_errors_exit_2(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str], conf: str, message: str
) -> None:
    src = brief(tmp_path, "@online{r, url = {https://example.org/r}}\n", conf=conf)
    assert archive(api, src) == 2
    assert message in capsys.readouterr().err
    assert api.asked == []


def test_no_conf_py_and_bad_options_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["archive", str(tmp_path)]) == 2
    assert (
        "no conf.py (not a brief's source folder); name the bib files with --bib"
        in capsys.readouterr().err
    )
    for bad in (["--delay", "-1"], ["--timeout", "0"], ["--api", "ftp://x"], ["--retries", "x"]):
        with pytest.raises(SystemExit) as exit_:
            cli.main(["archive", str(tmp_path), *bad])
        assert exit_.value.code == 2


def test_a_bib_file_is_read_and_written_in_its_encoding(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = brief(tmp_path, "")
    latin = b"@online{r, title = {Caf\xe9}, url = {https://example.org/r}}\n"
    (src / "refs.bib").write_bytes(latin)
    assert cli.main(["archive", str(src)]) == 2  # not UTF-8, and conf.py does not say
    assert "refs.bib: not utf-8" in capsys.readouterr().err
    (src / "conf.py").write_text(
        'bibtex_bibfiles = ["refs.bib"]\nbibtex_encoding = "latin-1"\n', encoding="utf-8"
    )
    api.behaviour["https://example.org/r"] = (SNAPSHOT, "20100101000000")
    assert archive(api, src) == 0
    assert (src / "refs.bib").read_bytes() == latin[:-2] + (
        b", archiveurl = {https://web.archive.org/web/20100101000000/https://example.org/r}, "
        b"archivedate = {2010-01-01}}\n"
    )


def test_the_day_asked_about() -> None:
    assert sources.timestamp({"urldate": "2009-08-29", "date": "2001"}) == "20090829"
    assert sources.timestamp({"urldate": "soon", "date": "2009-06~"}) == "200906"
    assert sources.timestamp({"date": "{2007-01/2007-02}"}) == "200701"
    assert sources.timestamp({"date": "2009-21"}) == "2009"  # a season: the year
    assert sources.timestamp({"year": "2009", "month": "August", "day": "3"}) == "20090803"
    assert sources.timestamp({"year": "2009", "month": "13"}) == "2009"
    assert sources.timestamp({"year": "n.d."}) is None
    assert sources.timestamp({}) is None


def test_answers_the_api_may_give() -> None:
    found = wayback.read_answer(
        b'{"url": "example.com", "archived_snapshots": {"closest": {"status": "200", '
        b'"available": true, "url": "http://web.archive.org/web/20130919044612/http://example.com/", '
        b'"timestamp": "20130919044612"}}}'
    )
    assert found.snapshot is not None and found.snapshot.date == "2013-09-19"
    assert found.snapshot.address("http://example.com/") == (
        "https://web.archive.org/web/20130919044612/http://example.com/"
    )
    assert wayback.read_answer(b'{"archived_snapshots": {}}').snapshot is None
    for bad in (
        b"[]",
        b'{"archived_snapshots": []}',
        b"\xff",
        b'{"archived_snapshots": {"closest": {"status": "200", "timestamp": "2013"}}}',
    ):
        with pytest.raises(wayback.LookupFailed):
            wayback.read_answer(bad)


def test_the_grammar_s_spans_are_the_entries() -> None:
    text = '@string{a = "x"}\n@misc{k1, title = "a } b"}\n@misc(k2, t = {)}) @misc{k3, t = 1}'
    entries = read(text).entries
    assert [e.key for e in entries] == ["k1", "k2", "k3"]
    assert entries[0].problem is not None  # a lone brace in quotes: BibTeX refuses it too
    assert text[entries[1].start : entries[1].end] == "@misc(k2, t = {)})"
    assert text[entries[2].start : entries[2].end] == "@misc{k3, t = 1}"


def test_nothing_is_sent_when_the_command_is_imported() -> None:
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise SystemExit('a connection at import time')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "import sphinx_brief.cli, sphinx_brief.archive.command\n"
        "sphinx_brief.cli.parser().parse_args(['archive', '--help'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "--retry-missing" in result.stdout and "--dry-run" in result.stdout


def test_a_built_brief_prints_the_archived_copy_in_its_note(api: Api, tmp_path: Path) -> None:
    bib = (
        "@online{found,\n"
        "  title = {Found},\n"
        "  organization = {Example},\n"
        "  url = {https://example.org/found},\n"
        "  urldate = {2009-08-29},\n"
        "}\n"
    )
    api.behaviour["https://example.org/found"] = (SNAPSHOT, "20090830123456")
    src = brief(tmp_path, bib)
    (src / "index.md").write_text("# Archive\n\nA claim.{note}`@found`\n", encoding="utf-8")
    assert archive(api, src) == 0
    build = run_sphinx(src, "text", tmp_path / "build")
    assert build.warnings == ""
    # the text builder wraps lines, inside the address too: compared without white space
    note = (
        "(accessed August 29, 2009; archived at "
        "https://web.archive.org/web/20090830123456/https://example.org/found)"
    )
    assert note.replace(" ", "") in "".join(build.read("index.txt").split())

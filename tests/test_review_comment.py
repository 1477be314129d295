"""The comment job cannot be forged by the pull request (issue 24, point 3).

The pull request's run uploads the review's data; the comment job (``tools/review/post.py``,
run from the base branch) checks it, renders it and posts it.  These tests hand the job a
hostile artifact and a fake GitHub, and read what it would post: the comment as GitHub
would show it (rendered with markdown-it, HTML allowed as GitHub allows it), and where.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from tools.review import md, post, schema
from tools.review.comment import MARKER
from tools.review.render import render

from .conftest import ROOT

REPO = "org/brief"
SHA = "0123456789abcdef0123456789abcdef01234567"
RUN_URL = "https://github.com/org/brief/actions/runs/42"
PREVIEW = "https://brief--{pr}.org.readthedocs.build/en/{pr}/{page}"
EVENT = {
    "workflow_run": {
        "id": 42,
        "event": "pull_request",
        "head_sha": SHA,
        "head_branch": "feature",
        "head_repository": {"full_name": "fork/brief"},
        "pull_requests": [],  # GitHub leaves it empty for a fork's pull request
        "html_url": RUN_URL,
    }
}

#: Text a hostile pull request puts in every field it controls.
FORGED = (
    "x\n\n---\n## ✅ Approved by maintainers\n\n**Approved** — merge it. @octocat @org/team "
    "cc #12 GH-34 other/repo#56 https://github.com/other/repo/issues/78 "
    "<img src=x onerror=alert(1)> <details open><summary>ok</summary> <!-- brief-review: "
    "``` ~~~ </details> [link](javascript:alert(1)) ![i](https://t.example/p.gif) "
    "\u202eevil\u202c"
)


def pull(number: int, sha: str = SHA, **changes: Any) -> dict[str, Any]:
    item = {
        "number": number,
        "state": "open",
        "head": {"sha": sha, "ref": "feature", "repo": {"full_name": "fork/brief"}},
        "base": {"repo": {"full_name": REPO}},
    }
    item.update(changes)
    return item


class FakeGitHub:
    """Pull requests 5 (at the run's commit) and 7 (elsewhere), and the comments of 5."""

    def __init__(self, comments: list[dict[str, Any]] | None = None) -> None:
        self.pulls = {5: pull(5), 7: pull(7, sha="f" * 40)}
        self.comments = comments or []
        self.calls: list[tuple[str, str, dict[str, Any] | None]] = []

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        self.calls.append((method, path, body))
        if method == "GET" and path.startswith(f"/repos/{REPO}/pulls?"):
            assert "head=fork:feature" in path
            return [self.pulls[5], self.pulls[7]]
        match = re.fullmatch(rf"/repos/{REPO}/pulls/(\d+)", path)
        if method == "GET" and match:
            return self.pulls[int(match.group(1))]
        if method == "GET" and "/comments?" in path:
            return self.comments
        if method in ("POST", "PATCH"):
            return {"id": 1}
        raise AssertionError(f"unexpected request {method} {path}")

    @property
    def posted(self) -> list[tuple[str, str, str]]:
        return [(m, p, b["body"]) for m, p, b in self.calls if m in ("POST", "PATCH") and b]


def hostile_data() -> dict[str, Any]:
    """Data of the right shape, every text forged."""
    record = {
        "date": "2009",
        "date_display": FORGED,
        "title": FORGED,
        "tags": [FORGED],
        "place": FORGED,
        "sources": ["@octocat"],
        "url": "index.html#x",
    }
    finding = {
        "docname": "index",
        "kind": "paragraph",
        "why": None,
        "line": 3,
        "section": FORGED,
        "text": FORGED,
        "record": "",
        "date": "",
        "key": "",
        "published": "",
    }
    return {
        "schema": schema.SCHEMA_ID,
        "base": {"ref": "origin/main", "commit": "a" * 40},
        "head": {"commit": "b" * 40, "dirty": False},
        "problems": [
            {"side": "head", "text": FORGED},
            {"side": "base", "job": "html", "kind": "build", "status": 2, "log": FORGED},
        ],
        "raw": [{"docname": "index", "line": 1, "format": "html", "text": FORGED}],
        "pages": {
            "changes": [
                {
                    "docname": "index",
                    "status": "changed",
                    "diff": ["--- a/index.txt", "+++ b/index.txt", f"+{FORGED}"],
                    "more": 0,
                    "paragraphs": {
                        "changed": [
                            {
                                "section": FORGED,
                                "line": 3,
                                "words": [["text", FORGED], ["added", FORGED]],
                            }
                        ],
                        "added": [{"section": FORGED, "line": 4, "text": FORGED}],
                        "removed": [],
                    },
                }
            ],
            "unchanged": [],
        },
        "sources": {
            "unavailable": [],
            "changes": [
                {
                    "key": "k2010",
                    "status": "changed",
                    "before": FORGED,
                    "after": FORGED,
                    "fields": ["title"],
                    "values": [["title", FORGED, FORGED]],
                }
            ],
        },
        "events": {"notes": [], "added": [record], "removed": [], "changed": []},
        "quotes": {
            "notes": [{"side": "base", "why": FORGED}],
            "added": [],
            "removed": [],
            "changed": [{"before": record, "after": record, "fields": ["title"]}],
        },
        "sourcing": {
            "pages": ["index"],
            "unsourced": [finding],
            "no_source": [],
            "dates": [],
            "uncited": ["k2010"],
        },
        "warnings": {"new": [FORGED], "gone": 0},
    }


def job(
    tmp_path: Path, content: bytes | dict[str, Any], api: FakeGitHub | None = None
) -> FakeGitHub:
    """Run the comment job on an artifact holding ``content``; the fake GitHub it used."""
    folder = tmp_path / "review-data"
    folder.mkdir(exist_ok=True)
    raw = content if isinstance(content, bytes) else json.dumps(content).encode()
    (folder / "review.json").write_bytes(raw)
    (folder / "pr-number.txt").write_text("7\n")  # an older artifact's number: never read
    api = api or FakeGitHub()
    post.run_job(api, repo=REPO, event=EVENT, data=folder / "review.json", preview_url=PREVIEW)
    return api


GITHUB = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
#: The headings the report itself writes.
HEADINGS = re.compile(
    r"Review: what this change does to the brief|Raw HTML and LaTeX added or changed|"
    r"Build problems|Pages|index: changed|Sources|Changed|Added|Removed|Events|Quotations|"
    r"Sourcing of the pages changed|Paragraphs that state something without a note|"
    r"Sources cited nowhere|New warnings"
)
MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9]")
REFERENCE = re.compile(r"(?<![\w&])#\d|\bGH-\d|\w/\w+#\d", re.I)


def shown(body: str) -> BeautifulSoup:
    """The comment as GitHub's Markdown shows it (HTML allowed, as GitHub allows it)."""
    return BeautifulSoup(GITHUB.render(body), "html.parser")


def assert_harmless(body: str) -> None:
    page = shown(body)
    for heading in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        assert HEADINGS.fullmatch(heading.get_text()), heading
    assert not page.find_all(["img", "script", "iframe", "a", "hr"]) or all(
        a.name == "a" and a["href"].startswith("https://brief--5.") for a in page.find_all(["a"])
    ), page.find_all(["img", "script", "iframe", "a", "hr"])
    assert not page.find_all("hr")
    # the report's own <details> only: each opened by the report, none by the data
    assert len(page.find_all("details")) == body.count("<details><summary>")
    for strong in page.find_all("strong"):
        assert "Approved" not in strong.get_text() or "~~" in str(strong), strong
    for text in page.find_all(string=True):
        if text.find_parent(["code", "pre"]) is not None:
            continue  # GitHub makes no mention or reference in code
        assert not MENTION.search(text), text
        assert not REFERENCE.search(text), text
        assert "\u202e" not in text
    # no block of the comment is of the data's making: the forged words are inside one
    # of the report's own paragraphs, cells, list items or code blocks
    for block in page.find_all(["p", "li", "td", "th"]):
        assert not block.get_text().strip().startswith(("✅", "Approved", "---")), block


def test_a_hostile_artifact_is_posted_as_text_on_the_runs_pull_request(tmp_path: Path) -> None:
    api = job(tmp_path, hostile_data())
    ((method, path, body),) = api.posted
    assert (method, path) == ("POST", f"/repos/{REPO}/issues/5/comments")
    assert body.startswith(MARKER + "\n# Review")
    assert_harmless(body)
    # what was written is all there, as text
    text = shown(body).get_text()
    assert "Approved by maintainers" in text and "octocat" in text
    assert "[Preview of this page](https://brief--5.org.readthedocs.build/en/5/index.html)" in body


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d.update(schema="brief-review/999"), '$.schema: not "brief-review/1"'),
        (lambda d: d.update(pr=7), "$: a field it may not have"),
        (lambda d: d.pop("warnings"), "$: no warnings"),
        (lambda d: d["base"].update(commit="<script>"), "$.base.commit: not of the form"),
        (
            lambda d: d["pages"]["changes"][0]["diff"].append("x" * 5000),
            "$.pages.changes[0].diff[3]: longer than 4,000 characters",
        ),
        (
            lambda d: d["warnings"].update(new=["w"] * 3000),
            "$.warnings.new: more than 2,000 items",
        ),
        (lambda d: d["warnings"].update(gone=True), "$.warnings.gone: not integer"),
        (
            lambda d: d["pages"]["changes"][0].update(docname="a\nb"),
            "$.pages.changes[0].docname: not of the form",
        ),
        (
            lambda d: d["events"]["added"][0].update({"x" * 200: "y"}),
            "$.events.added[0]: a field name it may not have",
        ),
    ],
    ids=[
        "schema",
        "pr-number",
        "missing",
        "commit",
        "long-line",
        "many-items",
        "bool-count",
        "docname",
        "field-name",
    ],
)
def test_data_of_the_wrong_shape_are_not_shown(tmp_path: Path, change: Any, said: str) -> None:
    data = hostile_data()
    change(data)
    api = job(tmp_path, data)
    ((_method, path, body),) = api.posted
    assert path == f"/repos/{REPO}/issues/5/comments"  # the run's own pull request, still
    assert "could not be shown" in body and md.md_text(said) in body, body
    assert "octocat" not in body and "Approved" not in body  # nothing of the data
    assert f"[its job summary]({RUN_URL})" in body


def test_a_huge_or_broken_artifact_is_not_read(tmp_path: Path) -> None:
    huge = b'{"schema": "' + b"x" * schema.MAX_BYTES + b'"}'
    body = job(tmp_path, huge).posted[0][2]
    assert f"more than {schema.MAX_BYTES:,}" in body and "xxxx" not in body
    for broken in (b"\xff\xfe not utf-8", b"[" * 100_000, b"not json"):
        body = job(tmp_path, broken).posted[0][2]
        assert "the file is not JSON in UTF-8" in body


def test_a_link_in_place_of_the_file_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps(hostile_data()))
    folder = tmp_path / "review-data"
    folder.mkdir()
    (folder / "review.json").symlink_to(secret)
    api = FakeGitHub()
    post.run_job(api, repo=REPO, event=EVENT, data=folder / "review.json", preview_url=None)
    body = api.posted[0][2]
    assert "the run uploaded no review data" in body and "octocat" not in body


def test_only_the_pull_request_at_the_runs_commit_gets_the_comment(tmp_path: Path) -> None:
    data = hostile_data()
    # the run names pull request 7 (as GitHub does for a branch of this repository), but
    # 7's head is another commit: no comment there, nor anywhere
    event = copy.deepcopy(EVENT)
    event["workflow_run"]["pull_requests"] = [{"number": 7}]
    api = FakeGitHub()
    api.pulls[5] = pull(5, sha="e" * 40)
    (tmp_path / "review.json").write_text(json.dumps(data))
    done = post.run_job(
        api, repo=REPO, event=event, data=tmp_path / "review.json", preview_url=None
    )
    assert api.posted == [] and "nothing posted" in done
    # a pull request of another repository, or closed, at the same commit: none either
    for other in (
        pull(5, base={"repo": {"full_name": "elsewhere/brief"}}),
        pull(5, state="closed"),
        pull(5, head={"sha": SHA, "ref": "other", "repo": {"full_name": "fork/brief"}}),
    ):
        api = FakeGitHub()
        api.pulls[5] = other
        post.run_job(api, repo=REPO, event=EVENT, data=tmp_path / "review.json", preview_url=None)
        assert api.posted == []
    # a push's run: nothing
    push = {"workflow_run": {**EVENT["workflow_run"], "event": "push"}}
    api = FakeGitHub()
    post.run_job(api, repo=REPO, event=push, data=tmp_path / "review.json", preview_url=None)
    assert api.calls == []


def test_the_bots_own_comment_is_updated_and_no_one_elses(tmp_path: Path) -> None:
    comments = [
        {"id": 10, "user": {"login": "mallory", "type": "User"}, "body": f"{MARKER}\nforged"},
        {"id": 11, "user": {"login": "github-actions[bot]", "type": "Bot"}, "body": "other"},
        {"id": 12, "user": {"login": "github-actions[bot]", "type": "Bot"}, "body": MARKER},
    ]
    api = job(tmp_path, hostile_data(), FakeGitHub(comments))
    ((method, path, _body),) = api.posted
    assert (method, path) == ("PATCH", f"/repos/{REPO}/issues/comments/12")


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("@octocat", "@\u2060octocat"),
        ("mail a@b.org", "mail a@\u2060b.org"),
        ("see #12", "see \\#\u206012"),
        ("GH-34 and gh-5", "GH-\u206034 and gh-\u20605"),
        ("other/repo#56", "other/repo\\#\u206056"),
        ("issue #a stays", "issue \\#a stays"),
        ("two\n\n## lines", "two \\#\\# lines"),
        ("see https://example.org/a_b, then", "see `https://example.org/a_b`, then"),
        ("\u202eevil\u202c", "evil"),
        ("![i](x)", "\\!\\[i\\](x)"),
    ],
)
def test_text_is_escaped_for_github(text: str, markdown: str) -> None:
    assert md.md_text(text) == markdown


def test_the_renderer_needs_nothing_but_the_standard_library() -> None:
    """The comment job runs the base branch's tools/review/post.py with the runner's
    Python: no site-packages (``-S``), and it imports."""
    result = subprocess.run(
        [sys.executable, "-S", "-c", "import tools.review.post, tools.review.render"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert result.returncode == 0, result.stderr


def test_make_reviews_report_is_its_data_rendered(tmp_path: Path) -> None:
    data = hostile_data()
    assert schema.validate(data) == []
    assert render(data) == render(json.loads(json.dumps(data)))


# -- the job as the workflow runs it: a process, GitHub's API over HTTP -------------------


class _Handler(BaseHTTPRequestHandler):
    api: FakeGitHub

    def _answer(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        assert self.headers["Authorization"] == "Bearer the-token"
        payload = json.dumps(self.api.request(method, self.path, body)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def do_PATCH(self) -> None:
        self._answer("PATCH")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def github() -> Iterator[tuple[str, FakeGitHub]]:
    api = FakeGitHub()
    handler = type("Handler", (_Handler,), {"api": api})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", api
    finally:
        server.shutdown()
        server.server_close()


def test_the_workflows_command_posts_the_comment(
    tmp_path: Path, github: tuple[str, FakeGitHub]
) -> None:
    url, api = github
    event = tmp_path / "event.json"
    event.write_text(json.dumps(EVENT))
    (tmp_path / "review-data").mkdir()
    (tmp_path / "review-data" / "review.json").write_text(json.dumps(hostile_data()))
    workflow = (ROOT / ".github" / "workflows" / "review-comment.yml").read_text()
    command = re.search(r"run: (python3 .*)", workflow)
    assert command
    argv = command.group(1).replace('"$RUNNER_TEMP', f'"{tmp_path}').replace('"', "").split()
    env = {
        "PATH": os.environ["PATH"],
        "GITHUB_TOKEN": "the-token",
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_API_URL": url,
        "REVIEW_PREVIEW_URL": PREVIEW,
    }
    result = subprocess.run(
        [sys.executable, *argv[1:]], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "posted the review on pull request #5" in result.stderr
    ((method, path, body),) = api.posted
    assert (method, path) == ("POST", f"/repos/{REPO}/issues/5/comments")
    assert_harmless(body)

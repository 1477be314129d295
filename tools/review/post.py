"""The comment job: a pull request's review, rendered by the base branch and posted on it.

``python3 -m tools.review.post --data review/review.json`` runs in the ``review comment``
workflow (``workflow_run``, in the base repository's context, with a token that may write
to pull requests), from a checkout of the base branch, with the runner's Python and the
standard library only.  The pull request's own run (which has no write permission) uploaded
the review's data; here that artifact is data and nothing else:

* the file must be a regular file of at most :data:`.schema.MAX_BYTES`, JSON, matching
  :data:`.schema.SCHEMA` (no field it does not know, every string and list within its
  limits); otherwise the comment says only that the review could not be shown, and why,
  in words of its own;
* it is rendered here (:mod:`.render`): every text it holds is escaped (Markdown, HTML,
  mentions, issue references), so it cannot make a heading, an approval, a link or a
  mention in the bot's name;
* the pull request is the one the run belongs to, found from the ``workflow_run`` event
  and GitHub's API: open, in this repository, its head at the commit the run built and
  from the head repository and branch the run built.  Nothing in the artifact says where
  to post (an older artifact's ``pr-number.txt`` is not read);
* the comment is the bot's own (found by its hidden marker among the comments of
  ``github-actions[bot]``), updated on each push.

The environment gives ``GITHUB_TOKEN``, ``GITHUB_REPOSITORY``, ``GITHUB_EVENT_PATH``,
``GITHUB_API_URL`` and ``REVIEW_PREVIEW_URL`` (the address of a page's preview, with
``{pr}`` and ``{page}``).  ``--dry-run`` prints the comment instead of posting it.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from .comment import MARKER, for_comment
from .md import md_text
from .render import render
from .schema import MAX_BYTES, load

#: The account that ``GITHUB_TOKEN`` posts as.
BOT = "github-actions[bot]"
TITLE = "# Review: what this change does to the brief"


class GitHub(Protocol):
    """What the job asks of GitHub's REST API (a fake one in the tests)."""

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any: ...


class Api:
    """GitHub's REST API over HTTPS, with the job's token."""

    def __init__(self, token: str, url: str = "https://api.github.com") -> None:
        self.token, self.url = token, url.rstrip("/")

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={
                "Authorization": f"Bearer {self.token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "brief-review-comment",
                **({"Content-Type": "application/json"} if data is not None else {}),
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"null")


def _all(api: GitHub, path: str) -> list[Any]:
    """Every item of a listing, page by page."""
    items: list[Any] = []
    for page in range(1, 101):
        sep = "&" if "?" in path else "?"
        found = api.request("GET", f"{path}{sep}per_page=100&page={page}")
        if not isinstance(found, list):
            break
        items += found
        if len(found) < 100:
            break
    return items


def pull_requests(api: GitHub, repo: str, run: dict[str, Any]) -> list[int]:
    """The open pull requests of ``repo`` that the run built: their head is the run's
    commit, from the run's head repository and branch."""
    head_sha = str(run.get("head_sha") or "")
    head_repo = str((run.get("head_repository") or {}).get("full_name") or "")
    branch = str(run.get("head_branch") or "")
    if not (head_sha and head_repo and branch):
        return []
    candidates = [
        pull.get("number") for pull in run.get("pull_requests") or [] if isinstance(pull, dict)
    ]
    owner = head_repo.split("/", 1)[0]
    head = urllib.parse.quote(f"{owner}:{branch}", safe=":")
    candidates += [
        pull.get("number")
        for pull in _all(api, f"/repos/{repo}/pulls?state=open&head={head}")
        if isinstance(pull, dict)
    ]
    found: list[int] = []
    for number in candidates:
        if not isinstance(number, int) or isinstance(number, bool) or number in found:
            continue
        pull = api.request("GET", f"/repos/{repo}/pulls/{number}")
        if (
            isinstance(pull, dict)
            and pull.get("state") == "open"
            and (pull.get("head") or {}).get("sha") == head_sha
            and ((pull.get("head") or {}).get("repo") or {}).get("full_name") == head_repo
            and (pull.get("head") or {}).get("ref") == branch
            and ((pull.get("base") or {}).get("repo") or {}).get("full_name") == repo
        ):
            found.append(number)
    return found


def read_data(path: Path) -> bytes | None:
    """The artifact's file, if it is a regular file (not a link) of a readable size."""
    try:
        status = path.lstat()
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


def comment_body(
    raw: bytes | None, *, pr: int, preview_url: str | None, run_url: str | None
) -> str:
    """The comment: the rendered review, or a notice that it could not be shown."""
    if raw is None:
        data, problems = None, ["the run uploaded no review data"]
    else:
        data, problems = load(raw)
    if data is None:
        summary = f"[its job summary]({run_url})" if run_url else "its job summary"
        report = (
            f"{TITLE}\n\nThe review of this run could not be shown: "
            f"{md_text('; '.join(problems))}.  The run's report is in {summary}.\n"
        )
    else:
        report = render(data, preview_url=preview_url, pr=pr)
    return for_comment(report, full_url=run_url)


def post(api: GitHub, repo: str, number: int, body: str) -> None:
    """Update the bot's review comment on the pull request, or make it."""
    comments = _all(api, f"/repos/{repo}/issues/{number}/comments")
    mine = [
        c
        for c in comments
        if isinstance(c, dict)
        and (c.get("user") or {}).get("login") == BOT
        and str(c.get("body") or "").startswith(MARKER)
    ]
    if mine:
        api.request("PATCH", f"/repos/{repo}/issues/comments/{mine[0]['id']}", {"body": body})
    else:
        api.request("POST", f"/repos/{repo}/issues/{number}/comments", {"body": body})


def run_job(
    api: GitHub,
    *,
    repo: str,
    event: dict[str, Any],
    data: Path,
    preview_url: str | None,
    dry_run: bool = False,
) -> str:
    """What the job did, in a line for its log."""
    run = event.get("workflow_run") or {}
    if run.get("event") != "pull_request":
        return "not the run of a pull request: nothing to post"
    numbers = pull_requests(api, repo, run)
    if len(numbers) != 1:
        return f"{len(numbers)} open pull requests are at the run's commit: nothing posted"
    run_url = run.get("html_url") if isinstance(run.get("html_url"), str) else None
    body = comment_body(read_data(data), pr=numbers[0], preview_url=preview_url, run_url=run_url)
    if dry_run:
        sys.stdout.write(body)
        return f"the comment for pull request #{numbers[0]} (not posted)"
    post(api, repo, numbers[0], body)
    return f"posted the review on pull request #{numbers[0]}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tools.review.post", description=__doc__)
    parser.add_argument("--data", required=True, type=Path, help="the artifact's review.json")
    parser.add_argument("--dry-run", action="store_true", help="print the comment; post nothing")
    args = parser.parse_args(argv)
    env = os.environ
    event = json.loads(Path(env["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    api = Api(env.get("GITHUB_TOKEN", ""), env.get("GITHUB_API_URL", "https://api.github.com"))
    done = run_job(
        api,
        repo=env["GITHUB_REPOSITORY"],
        event=event,
        data=args.data,
        preview_url=env.get("REVIEW_PREVIEW_URL") or None,
        dry_run=args.dry_run,
    )
    print(f"review comment: {done}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

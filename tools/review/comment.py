"""The report as a pull-request comment: a cut at GitHub's limit (standard library only).

GitHub refuses a comment longer than 65,536 characters.  A longer report is cut at a line
(an open code fence or ``<details>`` closed first) and ends with a link to the full report
(the workflow run's page, where it is uploaded).  The comment starts with a hidden marker,
so the workflow that posts it finds and updates the same comment on each push.
"""

from __future__ import annotations

import re

#: GitHub's limit on a comment's body, in characters.
GITHUB_LIMIT = 65536
MARKER = "<!-- brief-review: the report of make review; updated on each push -->"
#: Read the Docs' address of a pull request's build (``{project}`` set in the workflow).
READTHEDOCS_PREVIEW = "https://{project}--{pr}.org.readthedocs.build/en/{pr}/{page}"
_FENCE = re.compile(r"^(`{3,}|~{3,})")


def for_comment(report: str, *, full_url: str | None, limit: int = GITHUB_LIMIT) -> str:
    """The comment's body: the marker and the report, cut to ``limit`` characters."""
    body = f"{MARKER}\n{report}"
    if len(body) <= limit:
        return body
    where = f"[the full report]({full_url})" if full_url else "the full report (the run's artifact)"
    note = (
        f"\n\n**The report is cut here**: it is {len(report):,} characters long, more than a "
        f"GitHub comment may hold. Read {where}.\n"
    )
    room = limit - len(note) - 200  # 200: closing a fence and a <details>
    kept: list[str] = []
    size = 0
    fence: str | None = None
    details = 0
    for line in body.splitlines():
        if size + len(line) + 1 > room:
            break
        kept.append(line)
        size += len(line) + 1
        opening = _FENCE.match(line)
        if opening:
            run = opening.group(1)
            if fence is None:
                fence = run
            elif line.strip() == run and run.startswith(fence):
                fence = None
        elif fence is None:
            details += line.count("<details>") - line.count("</details>")
    if fence is not None:
        kept.append(fence)
    kept += ["", "</details>"] * max(details, 0)
    return "\n".join(kept).rstrip() + note

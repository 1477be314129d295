"""git for the review: the repository, the base commit, a temporary worktree."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ReviewError(Exception):
    """A problem that stops the review (bad ref, not a git repository, ...)."""


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        command = " ".join(["git", *args])
        raise ReviewError(f"`{command}` failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout.strip()


def repository_root(path: Path) -> Path:
    return Path(git("rev-parse", "--show-toplevel", cwd=path)).resolve()


def resolve_commit(root: Path, ref: str) -> str:
    try:
        return git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=root)
    except ReviewError:
        raise ReviewError(f"{ref!r} does not name a commit of {root}") from None


@contextmanager
def worktree(root: Path, commit: str, dest: Path) -> Iterator[Path]:
    """``commit`` checked out at ``dest`` as a detached worktree, removed on exit."""
    git("worktree", "prune", cwd=root)  # forget worktrees of runs that were killed
    git("worktree", "add", "--detach", "--quiet", str(dest), commit, cwd=root)
    try:
        yield dest
    finally:
        removed = subprocess.run(
            ["git", "worktree", "remove", "--force", str(dest)], cwd=root, capture_output=True
        )
        if removed.returncode != 0:
            shutil.rmtree(dest, ignore_errors=True)
            subprocess.run(["git", "worktree", "prune"], cwd=root, capture_output=True)

"""pre-commit: ruff (lint and format), codespell over the brief and ``refs.bib``, file hygiene.

Every hook of ``.pre-commit-config.yaml`` is local and runs the tools of the virtual
environment, so ``pre-commit run --all-files`` works offline.  The tests run it on a copy of
the repository's files (tracked and new, as a commit would have them; its fixing hooks
never touch the working tree), then on a small repository with one fault of each kind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

HOOKS = {
    "ruff",
    "ruff-format",
    "codespell",
    "trailing-whitespace",
    "end-of-file",
    "check-merge-conflict",
    "check-yaml",
    "check-toml",
    "one-sentence-per-line",
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, timeout=60
    ).stdout


def pre_commit(repo: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(cache), "PRE_COMMIT_COLOR": "never", "SKIP": ""}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--show-diff-on-failure"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def new_repo(dest: Path, files: dict[str, str | bytes]) -> Path:
    """A git repository with ``files`` staged and this interpreter's venv as ``.venv``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (dest / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    return dest


def repository_files() -> list[str]:
    listed = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    return sorted(
        name
        for name in set(listed.split("\0"))
        if name and (ROOT / name).is_file() and not (ROOT / name).is_symlink()
    )


def test_config_has_every_hook_and_runs_local_tools() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) >= HOOKS
    assert {repo["repo"] for repo in config["repos"]} == {"local"}  # nothing to download
    assert all(hook["language"] in {"system", "pygrep"} for hook in hooks.values())
    assert hooks["codespell"]["files"] == r"^(docs/|refs\.bib$)"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.codespell]" in pyproject and (ROOT / ".codespell-ignore").is_file()


def test_the_repository_passes_every_hook(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    files = {}
    for name in repository_files():
        files[name] = (ROOT / name).read_bytes()
    new_repo(copy, files)
    result = pre_commit(copy, tmp_path / "cache")
    if result.returncode != 0:
        hooks = [
            line
            for line in result.stdout.splitlines()
            if line.endswith(("Passed", "Failed", "Skipped"))
            or line.startswith(("- hook id", "- exit code", "- files were"))
        ]
        changed = git(copy, "diff", "--stat")  # what the fixing hooks (ruff) changed
        pytest.fail(
            "pre-commit failed on the repository's files:\n"
            + "\n".join(hooks)
            + "\n\nfixed by the hooks:\n"
            + changed
            + "\n\noutput:\n"
            + result.stdout[-6000:]
            + result.stderr[-2000:]
        )
    for hook in (
        "ruff check",
        "ruff format",
        "codespell",
        "no trailing whitespace",
        "files end with exactly one newline",
        "YAML files parse",
        "TOML files parse",
        "one sentence per line (the brief)",
    ):
        assert hook in result.stdout


def test_codespell_passes_on_the_brief_with_its_names() -> None:
    result = subprocess.run(
        [str(Path(sys.prefix) / "bin" / "codespell"), "docs", "refs.bib"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def faults(tmp_path_factory: pytest.TempPathFactory) -> str:
    """pre-commit's output on a repository with one fault of each kind."""
    tmp = tmp_path_factory.mktemp("faults")
    shutil.copy2(ROOT / ".pre-commit-config.yaml", tmp / ".pre-commit-config.yaml")
    repo = new_repo(
        tmp,
        {
            "pyproject.toml": (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
            ".codespell-ignore": (ROOT / ".codespell-ignore").read_text(encoding="utf-8"),
            "docs/index.md": "# Brief\n\nKim Yong-Nam recieved the envoy.  \n",
            "docs/notes.md": "No newline at the end",
            "docs/conflict.md": "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch\n",
            "refs.bib": "@article{a,\n  title = {{Teh Title}},\n}\n",
            "ext/bad.py": "def f():\n    return undefined_name\nx=1\n",
            "config.yaml": "key: [unclosed\n",
            "broken.toml": "key = \n",
            # the sentence check is this repository's own tool
            "tools/review/__init__.py": "",
            "tools/review/sentences.py": (ROOT / "tools/review/sentences.py").read_text(
                encoding="utf-8"
            ),
            "docs/two.md": "# Two\n\nThe U.S. envoy came. He left.\n",
        },
    )
    result = pre_commit(repo, tmp / "cache")
    assert result.returncode != 0
    return result.stdout


@pytest.mark.parametrize(
    ("hook", "evidence"),
    [
        ("codespell", "recieved ==> received"),
        ("codespell", "Teh ==> The"),
        ("no trailing whitespace", "docs/index.md:3"),
        ("files end with exactly one newline", "docs/notes.md"),
        ("no merge conflict markers", "docs/conflict.md:1"),
        ("ruff check", "F821"),
        ("ruff format", "ext/bad.py"),
        ("YAML files parse", "config.yaml"),
        ("TOML files parse", "broken.toml"),
        ("one sentence per line (the brief)", "docs/two.md:3: 2 sentences on one line"),
    ],
)
def test_each_hook_catches_its_fault(faults: str, hook: str, evidence: str) -> None:
    start = faults.index(hook)
    section = faults[start:]
    assert section.split("\n", 1)[0].rstrip().endswith("Failed"), section[:2000]
    assert evidence in faults
    assert "Nam ==> Name" not in faults  # a name, listed in .codespell-ignore

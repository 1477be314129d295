"""The CI workflow and the Read the Docs config: valid against their published schemas.

Neither can run here, so they are checked as data: check-jsonschema validates them against
the schemas it ships (``vendor.github-workflows``, ``vendor.readthedocs``; no network), and
the tests below check that they do what the project needs.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
READTHEDOCS = ROOT / ".readthedocs.yaml"
COMMENT_WORKFLOW = ROOT / ".github" / "workflows" / "review-comment.yml"


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.github-workflows", WORKFLOW),
        ("vendor.github-workflows", COMMENT_WORKFLOW),
        ("vendor.readthedocs", READTHEDOCS),
    ],
    ids=["github-workflow", "review-comment-workflow", "readthedocs"],
)
def test_valid_against_the_published_schema(schema: str, path: Path) -> None:
    result = check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_schema_check_catches_mistakes(tmp_path: Path) -> None:
    broken = load(WORKFLOW)
    broken["jobs"]["build"]["runs-on"] = {"not": "a runner"}
    broken["jobs"]["build"]["steps"][0]["uses"] = ["actions/checkout@v4"]
    path = tmp_path / "ci.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    result = check_jsonschema("vendor.github-workflows", path)
    assert result.returncode == 1, result.stdout + result.stderr
    rtd = load(READTHEDOCS)
    rtd["formats"] = ["pdf", "docx"]
    path = tmp_path / ".readthedocs.yaml"
    path.write_text(yaml.safe_dump(rtd), encoding="utf-8")
    assert check_jsonschema("vendor.readthedocs", path).returncode == 1


def test_workflow_builds_tests_uploads_and_reviews() -> None:
    workflow = load(WORKFLOW)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads "on" as True
    assert "pull_request" in triggers and "push" in triggers
    runs = "\n".join(str(step.get("run", "")) for step in steps(workflow))
    for command in ("make html", "make latexpdf", "make epub", "make test"):
        assert command in runs, command
    # the review report of a pull request goes into the job summary
    review = next(s for s in steps(workflow) if "make review" in str(s.get("run", "")))
    assert "BASE=" in review["run"] and "GITHUB_STEP_SUMMARY" in review["run"]
    assert "pull_request" in str(review.get("if", ""))
    checkout = next(
        s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/checkout")
    )
    assert checkout.get("with", {}).get("fetch-depth") == 0  # the base branch is needed
    uploads = [
        s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/upload-artifact")
    ]
    paths = " ".join(str(s["with"]["path"]) for s in uploads)
    assert "_build/html" in paths and "_build/latex/*.pdf" in paths
    assert "_build/epub/*.epub" in paths
    # main publishes the site to GitHub Pages
    uses = [str(s.get("uses", "")) for s in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    # the builds fail on a warning (the Makefile's SPHINXOPTS), CI=true fails on skips
    assert workflow["jobs"]["build"]["env"]["CI"] == "true"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "SPHINXOPTS  ?= -W --keep-going -n" in makefile


def test_readthedocs_builds_three_formats_from_the_lock() -> None:
    config = load(READTHEDOCS)
    assert config["version"] == 2
    assert set(config["formats"]) >= {"pdf", "epub"}
    assert config["sphinx"]["configuration"] == "docs/conf.py"
    assert (ROOT / config["sphinx"]["configuration"]).is_file()
    assert config["sphinx"].get("fail_on_warning") is True
    installs = config["python"]["install"]
    assert {"requirements": "requirements.lock"} in installs


def test_workflow_tests_every_supported_python() -> None:
    workflow = load(WORKFLOW)
    build = workflow["jobs"]["build"]
    assert set(build["strategy"]["matrix"]["python"]) >= {"3.11", "3.13"}
    setup = next(
        s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/setup-python")
    )
    assert setup["with"]["python-version"] == "${{ matrix.python }}"
    # one job publishes: artifacts of the same name from two jobs would collide
    for step in build["steps"]:
        uses = str(step.get("uses", ""))
        if uses.startswith(("actions/upload-artifact", "actions/upload-pages-artifact")):
            assert "matrix.python == '3.11'" in str(step.get("if", "")), step["name"]


def test_make_test_is_the_only_set_up_step() -> None:
    """A fresh clone needs the system packages, then `make html` and `make test`: no more."""
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line.strip()
        for line in ci_run.splitlines()
        if line.strip().startswith("make ") and not line.strip().startswith("#")
    ]
    assert commands == ["make test"], commands
    # what `make test` would run first, every rule forced (-B), nothing run (-n)
    dry = subprocess.run(
        ["make", "-n", "-B", "-C", str(ROOT), "test"], capture_output=True, text=True, timeout=60
    )
    assert dry.returncode == 0, dry.stderr
    for tools in ("tools/audit", "tools/validators"):
        assert (ROOT / tools / "package-lock.json").is_file(), tools
        # npm ci: exactly the lockfile; --ignore-scripts: no install script, no browser download
        assert f"npm ci --prefix {tools} --no-audit --no-fund --ignore-scripts" in dry.stdout
    assert dry.stdout.index("npm ci") < dry.stdout.index("-m pytest")


def test_the_review_comment_is_rendered_and_posted_by_the_base_branch() -> None:
    build = load(WORKFLOW)
    assert build["permissions"] == {"contents": "read"}
    assert "permissions" not in build["jobs"]["build"]  # no write token where PR code runs
    upload = next(s for s in steps(build) if s.get("with", {}).get("name") == "review-data")
    assert upload["with"]["path"] == "_build/review/review.json"  # data, never Markdown
    review = next(s for s in steps(build) if "make review" in str(s.get("run", "")))
    assert "--data-out _build/review/review.json" in review["run"]
    assert "--comment-out" not in review["run"] and "REVIEW_PREVIEW_URL" in review["env"]
    poster = load(COMMENT_WORKFLOW)
    triggers = poster.get("on", poster.get(True))
    assert triggers["workflow_run"]["workflows"] == [build["name"]]
    job = poster["jobs"]["comment"]
    assert job["permissions"]["pull-requests"] == "write"
    checkout = next(s for s in job["steps"] if "actions/checkout" in str(s.get("uses", "")))
    # the base branch (a workflow_run's default): no ref or repository of the pull request
    assert set(checkout.get("with", {})) <= {"persist-credentials", "sparse-checkout"}
    download = next(
        s for s in job["steps"] if "actions/download-artifact" in str(s.get("uses", ""))
    )
    assert download["with"]["name"] == "review-data"
    runs = [str(s["run"]) for s in job["steps"] if "run" in s]
    assert runs == [
        'python3 -E -s -m tools.review.post --data "$RUNNER_TEMP/review-data/review.json"'
    ]
    text = COMMENT_WORKFLOW.read_text(encoding="utf-8")
    assert "pr-number" not in text and "github-script" not in text


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
#: ``owner/repo@<40 hex digits>`` (a path inside the repository allowed), and its tag after.
PINNED = re.compile(r"[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}")
TAG_COMMENT = re.compile(r"^\s*(?:- )?uses: \S+@[0-9a-f]{40}\s+# v\d+")


def workflow_faults(workflow: dict[str, Any]) -> list[str]:
    """What a workflow does that a pull request could abuse, or that could change under it."""
    faults = []
    for name, job in workflow["jobs"].items():
        if "uses" in job and not PINNED.fullmatch(str(job["uses"])):
            faults.append(f"{name}: reusable workflow not pinned by commit: {job['uses']}")
        for step in job.get("steps", []):
            label = f"{name}: {step.get('name') or step.get('uses') or step.get('run')}"
            if "${{" in str(step.get("run", "")):
                faults.append(f"{label}: an expression in a shell line (pass it through env)")
            uses = step.get("uses")
            if uses is None:
                continue
            if not PINNED.fullmatch(str(uses)):
                faults.append(f"{label}: not pinned by a full commit SHA")
            keeps = step.get("with", {}).get("persist-credentials") is not False
            if str(uses).startswith("actions/checkout@") and keeps:
                faults.append(f"{label}: the checkout keeps its token (persist-credentials)")
    return faults


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflows_run_no_expression_in_a_shell_and_pin_every_action(path: Path) -> None:
    assert workflow_faults(load(path)) == []
    # every pinned action says which tag it is, for the next update
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*(?:- )?uses:", line):
            assert TAG_COMMENT.match(line), line


def test_the_workflow_check_finds_each_fault() -> None:
    workflow = load(WORKFLOW)
    steps_ = workflow["jobs"]["build"]["steps"]
    steps_[0]["with"]["persist-credentials"] = True
    steps_[1]["uses"] = "actions/setup-python@v5"
    steps_.append({"name": "inject", "run": "echo ${{ github.event.pull_request.title }}"})
    workflow["jobs"]["other"] = {"uses": "org/repo/.github/workflows/x.yml@main"}
    faults = workflow_faults(workflow)
    assert len(faults) == 4, faults
    assert any("persist-credentials" in f for f in faults)
    assert any("setup-python" in f and "SHA" in f for f in faults)
    assert any("inject" in f and "expression" in f for f in faults)
    assert any(f.startswith("other:") for f in faults)

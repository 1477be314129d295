"""``make livehtml``: an edit shows in the served page without a manual rebuild.

The test runs the Makefile's own ``livehtml`` command (read with ``make -n``) in a temporary
copy of a tiny project, on a free port of the loopback interface: it waits for the first
build, fetches the page, edits a page and then the project's extension code (``ext/``, which
``livehtml`` watches too), and sees each change served within a bounded time.
"""

from __future__ import annotations

import http.client
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

TIMEOUT = 60.0  # seconds for the first build, and for each change to show

CONF = """\
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ext"))

project = "Live preview"
extensions = ["myst_parser", "live_marker"]
exclude_patterns = ["_build"]
"""

EXTENSION = '''\
"""A role whose text lives in the extension's code: {marker}`x` renders MARKER."""

from docutils import nodes

MARKER = "marker-version-one"


def marker_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [nodes.inline(rawtext, MARKER)], []


def setup(app):
    app.add_role("marker", marker_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''

PAGE = "# Live preview\n\nThe text is at version one.\n\nMarker: {marker}`here`.\n"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def livehtml_command(project: Path, port: int) -> list[str]:
    """The recipe of ``make livehtml`` for ``project`` (the venv is this interpreter's)."""
    result = subprocess.run(
        [
            "make",
            "-s",
            "-n",
            "-f",
            str(ROOT / "Makefile"),
            "-o",
            f"{sys.prefix}/.installed",
            "livehtml",
            f"VENV={sys.prefix}",
            f"LIVE_PORT={port}",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return shlex.split(result.stdout.replace("\\\n", " "))


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        # (a page fetched while the rebuild rewrites it comes short: IncompleteRead)
        return None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "ext").mkdir()
    (tmp_path / "docs" / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "ext" / "live_marker.py").write_text(EXTENSION, encoding="utf-8")
    return tmp_path


@pytest.fixture
def server(project: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    port = free_port()
    command = livehtml_command(project, port)
    log = project / "livehtml.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        yield f"http://127.0.0.1:{port}/index.html", process, log
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for(url: str, text: str, process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + TIMEOUT
    page = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"livehtml exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        page = fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.3)
    pytest.fail(
        f"{text!r} not served within {TIMEOUT:.0f} s; last page:\n{page}\n"
        f"log:\n{log.read_text()[-3000:]}"
    )


def test_the_makefile_target() -> None:
    command = livehtml_command(ROOT, 8000)
    assert command[0] == f"{sys.prefix}/bin/sphinx-autobuild"
    assert command[1:3] == ["docs", "_build/html"]
    assert "--watch" in command and command[command.index("--watch") + 1] == "ext"
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "8000"
    assert command[-3:] == ["-W", "--keep-going", "-n"]  # the Makefile's SPHINXOPTS


def test_an_edit_shows_without_a_manual_rebuild(
    project: Path, server: tuple[str, subprocess.Popen[bytes], Path]
) -> None:
    url, process, log = server
    first = wait_for(url, "The text is at version one.", process, log)
    assert "marker-version-one" in first
    # the build went into the project's _build/html, with the Makefile's doctrees folder
    assert (project / "_build" / "html" / "index.html").is_file()
    assert (project / "_build" / "doctrees" / "environment.pickle").is_file()

    page = project / "docs" / "index.md"
    page.write_text(PAGE.replace("version one", "version two"), encoding="utf-8")
    wait_for(url, "The text is at version two.", process, log)

    # an edit of the extension's code: the page itself is unchanged, but re-read
    extension = project / "ext" / "live_marker.py"
    extension.write_text(
        EXTENSION.replace("marker-version-one", "marker-version-two"), encoding="utf-8"
    )
    wait_for(url, "marker-version-two", process, log)

    process.send_signal(signal.SIGINT)
    assert process.wait(30) == 0, log.read_text()[-3000:]
    assert fetch(url) is None  # the port is closed

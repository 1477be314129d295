"""Builds make no network connection: any socket to something other than loopback fails."""

from __future__ import annotations

import ipaddress
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import compile_pdf, copy_project, run_sphinx


class NetworkUsed(AssertionError):
    pass


def _loopback(host: object) -> bool:
    if isinstance(host, str | bytes):
        name = host.decode() if isinstance(host, bytes) else host
        if name in {"localhost", ""}:
            return True
        try:
            return ipaddress.ip_address(name.split("%")[0]).is_loopback
        except ValueError:
            return False
    return False


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def guard(address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if isinstance(address, str | bytes):  # a unix socket path is local
            return
        if not _loopback(host):
            attempts.append(repr(address))
            raise NetworkUsed(f"network connection attempted to {address!r}")

    def connect(self: socket.socket, address: Any) -> None:
        guard(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _loopback(host):
            attempts.append(f"lookup {host!r}")
            raise NetworkUsed(f"name lookup attempted for {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts


def test_the_guard_catches_a_connection(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed), socket.create_connection(("192.0.2.1", 80), timeout=1):
        pass
    assert no_network


@pytest.mark.parametrize("builder", ["html", "epub", "latex", "text", "man", "texinfo"])
def test_every_format_builds_offline(no_network: list[str], tmp_path: Path, builder: str) -> None:
    src = copy_project(tmp_path)
    build = run_sphinx(src, builder, tmp_path / "out")
    assert no_network == []
    assert "Traceback" not in build.warnings
    if builder == "latex":
        # TeX and latexmk run in a network namespace of their own where unshare allows it
        unshare = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
        compile_pdf(build.outdir, wrapper=["unshare", "-rn"] if unshare.returncode == 0 else [])

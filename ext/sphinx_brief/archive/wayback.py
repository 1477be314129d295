"""The Internet Archive's availability API: the snapshot of a page closest to a date.

``GET <api>?url=<page>&timestamp=<YYYYMMDD>`` answers ``{"archived_snapshots": {"closest":
{"status": "200", "available": true, "url": …, "timestamp": "20130919044612"}}}``, or
``{"archived_snapshots": {}}`` when the archive holds no capture of the page.

Polite by construction: one request at a time, ``delay`` seconds at least between the
starts of two requests; an answer 429 (or 503) is waited out as its ``Retry-After`` says
(else a doubling backoff), at most ``retries`` times and never longer than
:data:`LONGEST_WAIT`.  The standard library's urllib only; nothing is sent at import time.
The clock and the sleep are parameters, so the tests wait for nothing.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

#: The availability API.
API = "https://archive.org/wayback/available"
#: Where a snapshot is read: the capture's timestamp, then the page's address.
SNAPSHOT = "https://web.archive.org/web/{timestamp}/{url}"
#: The longest wait a 429 or 503 is given (seconds); a longer ``Retry-After`` is an error.
LONGEST_WAIT = 300.0
#: The most of an answer read (bytes): the API's answers are a few hundred.
LARGEST_ANSWER = 1 << 20
#: Statuses that say "later": waited out, then asked again.
_LATER = (429, 503)
_TIMESTAMP = re.compile(r"\d{8,14}")


def user_agent() -> str:
    """``sphinx-brief/<version>``, the package's installed version."""
    try:
        version = metadata.version("sphinx-brief")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"sphinx-brief/{version} (archive command; Python urllib)"


class LookupFailed(Exception):
    """No answer could be had (a timeout, an HTTP error, an answer that is no JSON); the
    message says which.  Nothing is known of the page: it is asked again on a rerun."""


@dataclass(frozen=True)
class Snapshot:
    """A capture of a page: its timestamp (``YYYYMMDDhhmmss``) and the status the page
    answered with when it was captured."""

    timestamp: str
    status: str

    def address(self, url: str) -> str:
        """The snapshot of ``url`` (as the entry writes it), over https."""
        return SNAPSHOT.format(timestamp=self.timestamp, url=url)

    @property
    def date(self) -> str:
        """The capture's day, ``YYYY-MM-DD``."""
        return f"{self.timestamp[:4]}-{self.timestamp[4:6]}-{self.timestamp[6:8]}"


@dataclass(frozen=True)
class Found:
    """The API's answer: a snapshot to take (status 200), or why there is none."""

    snapshot: Snapshot | None
    reason: str = ""


def read_answer(body: bytes) -> Found:
    """The API's JSON answer read; :class:`LookupFailed` if it is not what the API says."""
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LookupFailed(f"the answer is not JSON ({exc})") from None
    snapshots = answer.get("archived_snapshots") if isinstance(answer, dict) else None
    if not isinstance(snapshots, dict):
        raise LookupFailed("the answer has no archived_snapshots")
    closest = snapshots.get("closest")
    if not closest:
        return Found(None, "no capture")
    if not isinstance(closest, dict):
        raise LookupFailed("the answer's closest snapshot is no object")
    status = str(closest.get("status", ""))
    timestamp = str(closest.get("timestamp", ""))
    valid = bool(_TIMESTAMP.fullmatch(timestamp)) and _is_day(timestamp)
    capture = f"the closest capture ({timestamp})" if valid else "the closest capture"
    if status != "200":
        return Found(None, f"{capture} answered {status or 'without a status'}")
    if closest.get("available") is False:
        return Found(None, f"{capture} is not available")
    if not valid:
        raise LookupFailed(f"the closest snapshot's timestamp {timestamp!r} is no date")
    return Found(Snapshot(timestamp, status))


def _is_day(timestamp: str) -> bool:
    try:
        dt.date(int(timestamp[:4]), int(timestamp[4:6]), int(timestamp[6:8]))
    except ValueError:
        return False
    return True


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


Opener = Callable[[urllib.request.Request, float], Any]


def _open(request: urllib.request.Request, timeout: float) -> Any:
    return urllib.request.urlopen(request, timeout=timeout)


class Client:
    """Asks the API, one request at a time, ``delay`` seconds apart at least."""

    def __init__(
        self,
        api: str = API,
        *,
        timeout: float = 30.0,
        delay: float = 1.0,
        retries: int = 3,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        opener: Opener = _open,
    ) -> None:
        self.api = api
        self.timeout = timeout
        self.delay = delay
        self.retries = retries
        self.sleep = sleep
        self.clock = clock
        self.opener = opener
        #: Requests sent (retries included).
        self.requests = 0
        self._last: float | None = None
        self._agent = user_agent()

    def query(self, url: str, timestamp: str | None) -> str:
        params = {"url": url, **({"timestamp": timestamp} if timestamp else {})}
        return f"{self.api}{'&' if '?' in self.api else '?'}{urllib.parse.urlencode(params)}"

    def _pace(self) -> None:
        if self._last is not None:
            remaining = self._last + self.delay - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last = self.clock()

    def _get(self, address: str) -> bytes:
        request = urllib.request.Request(
            address, headers={"User-Agent": self._agent, "Accept": "application/json"}
        )
        self._pace()
        self.requests += 1
        with self.opener(request, self.timeout) as response:
            body: bytes = response.read(LARGEST_ANSWER + 1)
        if len(body) > LARGEST_ANSWER:
            raise LookupFailed(f"the answer is longer than {LARGEST_ANSWER} bytes")
        return body

    def closest(self, url: str, timestamp: str | None) -> Found:
        """The snapshot of ``url`` closest to ``timestamp`` (``YYYY``, ``YYYYMM`` or
        ``YYYYMMDD``; None: the latest)."""
        address = self.query(url, timestamp)
        for attempt in range(self.retries + 1):
            try:
                return read_answer(self._get(address))
            except urllib.error.HTTPError as exc:
                wait = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                exc.close()
                if exc.code not in _LATER:
                    raise LookupFailed(f"HTTP {exc.code} {exc.reason}") from None
                if attempt == self.retries:
                    raise LookupFailed(
                        f"HTTP {exc.code} {exc.reason}, still after {self.retries} retries"
                    ) from None
                if wait is None:
                    wait = max(self.delay, 1.0) * 2**attempt
                if wait > LONGEST_WAIT:
                    raise LookupFailed(
                        f"HTTP {exc.code} {exc.reason}: the archive asks to wait {wait:.0f} s; "
                        "run the command again later"
                    ) from None
                self.sleep(wait)
            except urllib.error.URLError as exc:
                raise LookupFailed(f"no connection: {_reason(exc.reason, self.timeout)}") from None
            except (TimeoutError, http.client.HTTPException, OSError) as exc:
                raise LookupFailed(_reason(exc, self.timeout)) from None
        raise AssertionError("unreachable")  # pragma: no cover


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s (--timeout)"
    return str(reason) or type(reason).__name__

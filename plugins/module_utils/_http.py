# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one HTTP core every API client uses. Internal use only: not a public API.

It owns what must behave the same on every plane: TLS options, timeouts, the
retry policy, one re-authentication on 401, the check-mode write guard, the
trust boundary towards the server (links, ids, cookies) and turning failures
into :class:`ApiError` with secrets scrubbed. It does not import AnsibleModule,
so clients built on it run (and are tested) outside a module.
"""

from __future__ import annotations

import email.utils
import json
import random
import re
import socket
import threading
import time
import traceback
from urllib.parse import quote, urljoin, urlsplit

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    HTTPAdapter = HTTPConnection = HTTPSConnection = HTTPConnectionPool = HTTPSConnectionPool = object
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import Secrets, active, quoted, shorten
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import (
    ApiError,
    CheckModeWriteError,
    OutcomeUnknownError,
    UntrustedResponseError,
)

READ_METHODS = frozenset(("GET", "HEAD", "OPTIONS"))
# Safe to repeat whatever happened to the first attempt. PUT is not here: a whole-object PUT
# without a version, answered late, can undo a later write, so it is settled like a POST.
IDEMPOTENT_METHODS = READ_METHODS | frozenset(("DELETE",))
# Statuses that mean "not processed, try later": safe to retry for idempotent calls.
RETRY_STATUSES = frozenset((429, 502, 503, 504))
# 429 is the only status after which a non-idempotent call is known not to have happened.
RETRY_STATUSES_ANY_METHOD = frozenset((429,))
# After these a non-idempotent write may or may not have taken effect; after 502 and 504 (a gateway
# gave up waiting) it may even still be in progress.
UNKNOWN_OUTCOME_STATUSES = frozenset((500, 502, 503, 504))
IN_FLIGHT_STATUSES = frozenset((502, 504))
MAX_RETRY_AFTER = 120.0
DEFAULT_PORTS = {"http": 80, "https": 443}
# Re-reads of a write whose outcome is unknown start this far apart and back off to at most SETTLE_MAX_INTERVAL.
SETTLE_INTERVAL = 0.5
SETTLE_MAX_INTERVAL = 5.0
# Ids a server hands us go into paths: letters, digits and -._~ only, never a dot segment.
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,127}")
UUID_ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_MESSAGE_KEYS = ("message", "error_description", "error", "errors", "detail", "description")
_MAX_MESSAGE = 300
# Identifiers of an error a vendor's support asks for.
_FACT_KEYS = ("code", "contextId")
# The largest answer read by default: a NexusServices with 10,000 sender IDs is 6 to 7 MB as GAX sends it
# (7 MB with long section names; tests/unit measure it), so this holds four times that. max_response_size changes it.
MAX_RESPONSE_SIZE = 32 * 1024 * 1024
# JSON nested deeper than this is not an answer of these APIs (the deepest real one has 6 levels).
MAX_JSON_DEPTH = 64
_CHUNK = 64 * 1024


def pause(seconds):
    """Wait between retries (tests replace this to record the waits instead)."""
    time.sleep(seconds)


class Response:
    """What callers need of a response: status, headers and the decoded JSON body."""

    def __init__(self, status, headers, body, text):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = text


class HeaderAuth:
    """Static credentials sent as headers (Nexus ``x-api-key``); nothing to refresh."""

    def __init__(self, headers=None):
        self._headers = dict(headers or {})

    def headers(self):
        return self._headers

    def refresh(self):
        """Return True if new credentials were obtained and the request is worth repeating."""
        return False


def retry_after_seconds(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", value):
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, min(when.timestamp() - now, MAX_RETRY_AFTER))


def server_message(body, text, secrets=None):
    """The server's own explanation of a failure, short and on one line.

    Genesys Cloud error bodies also carry ``code`` and ``contextId``, which is what vendor
    support asks for; both are kept after the message. Secrets are scrubbed before anything
    is cut: a cut through a secret leaves a part that no longer matches it.
    """
    message = None
    if isinstance(body, dict):
        for key in _MESSAGE_KEYS:
            if body.get(key):
                message = body[key]
                break
    if message is None:
        message = text or ""
    if not isinstance(message, str):
        message = json.dumps(message, sort_keys=True)
    secrets = secrets if isinstance(secrets, Secrets) else Secrets(secrets or ())
    message = " ".join(secrets.scrub(message).split())
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE] + "..."
    if isinstance(body, dict):
        facts = ["%s: %s" % (key, " ".join(secrets.scrub(str(body[key])).split())[:80]) for key in _FACT_KEYS
                 if isinstance(body.get(key), (str, int)) and str(body[key]).strip()]
        if facts:
            message += " [%s]" % ", ".join(facts)
    return message


def build_path(template, **segments):
    """A path from a template with every segment percent-encoded, whether it came from an option or a server."""
    return template.format(**{name: quote(str(value), safe="") for name, value in segments.items()})


def checked_id(value, what, method, path, shape=SAFE_ID):
    """An id from a response, refused unless it has the API's shape (it is about to become part of a path)."""
    if not isinstance(value, str) or not shape.fullmatch(value):
        raise UntrustedResponseError(method, _display(path), None, "%s %s is not an id of the expected form; not using it"
                                     % (what, quoted(value, 80)))
    return value


def require_fields(obj, fields, what, method, path, optional=()):
    """An object of an answer, refused unless it has the fields the modules rely on, with the right types.

    ``fields`` maps a name to the accepted type(s); ``optional`` names fields that may be
    absent or null. The error names each missing or mistyped field and the fields that are
    there, so a field the API renamed shows up by name (the preflight's response-shape probe).
    """
    if not isinstance(obj, dict):
        raise UntrustedResponseError(method, _display(path), None, "%s is not a JSON object" % what)
    wrong = [name for name, kinds in fields.items()
             if not isinstance(obj.get(name), kinds) and not (name in optional and obj.get(name) is None)]
    if wrong:
        present = shorten(", ".join(shorten(str(k), 40) for k in sorted(obj, key=str)[:20]), 200)
        raise UntrustedResponseError(method, _display(path), None, "%s has no usable %s (fields present: %s)" % (
            what, ", ".join(wrong), present or "none"))
    return obj


def listed_items(body, method, path, key="entities", bare_list=False):
    """The items of a listing answer, refused unless it has the documented shape.

    ``{key: [objects]}`` (or, where the API may answer so, a bare array of objects). Anything
    else (null, ``{}``, an HTML page, items that are not objects) is an error naming the
    endpoint: read as "nothing exists", it would be followed by a create.
    """
    items = body if bare_list and isinstance(body, list) else (body.get(key) if key and isinstance(body, dict) else None)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        forms = (["a JSON object with %s, a list of objects" % key] if key else []) + (["a JSON array of objects"] if bare_list else [])
        expected = ", or ".join(forms)
        if isinstance(body, dict):
            fields = shorten(", ".join(shorten(str(k), 40) for k in sorted(body, key=str)[:10]), 200)
            got = "an object with fields %s" % (fields or "none")
        else:
            got = "null" if body is None else "a JSON %s" % type(body).__name__
        if isinstance(items, list):
            got = "a list holding %s" % ", ".join(sorted({type(i).__name__ for i in items if not isinstance(i, dict)}))
        raise UntrustedResponseError(method, _display(path), None, "the listing is not %s (got %s); not reading it as "
                                     "empty" % (expected, got))
    return items


def origin(url):
    """(scheme, host, port) of an absolute URL, the default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port


def endpoint_key(url):
    """One spelling of a base URL: scheme and host lower-cased, the default port and a trailing slash dropped.

    Two spellings of one Platform Administration (``https://GAX.example.com:443/`` and
    ``https://gax.example.com``) are one endpoint, so their writers share a lock and a throttle;
    the path stays, since tenants often sit on one host under different paths.
    """
    parts = urlsplit((url or "").strip())
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    host = (parts.hostname or "").lower()
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else "%s:%d" % (host, port)
    return "%s://%s%s" % (scheme, netloc, parts.path.rstrip("/"))


def _display(path):
    """A path as errors show it: without the query string, which may carry anything, and not endless."""
    return shorten(path.split("?", 1)[0], 200)


def json_depth_ok(value, limit=MAX_JSON_DEPTH):
    """Whether decoded JSON nests at most ``limit`` levels (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return True


class _Expired(requests.exceptions.ReadTimeout if HAS_REQUESTS else Exception):
    """The whole answer did not arrive within ``timeout`` (a slow or endless body)."""


class _TooLarge(Exception):
    """The answer is larger than ``max_response_size``."""


class _Watchdog:
    """Ends an exchange that outlives its deadline by shutting its socket down.

    ``timeout`` of requests bounds each read of the socket, so an answer that trickles a byte
    at a time, or never ends, would go on for ever; this bounds the whole exchange (connect,
    headers and body). The connection registers itself when it sends the request.
    """

    def __init__(self, seconds):
        self.expired = False
        self._connections = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, connection):
        with self._lock:
            self._connections.append(connection)
            expired = self.expired
        if expired:
            _shut(connection)

    def _expire(self):
        with self._lock:
            self.expired = True
            connections = list(self._connections)
        for connection in connections:
            _shut(connection)

    def cancel(self):
        self._timer.cancel()


def _shut(connection):
    sock = getattr(connection, "sock", None)
    if sock is not None:
        try:
            # The plain socket's shutdown: a blocked read (TLS too) returns at once, and the TLS object is left alone.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass


_WATCH = threading.local()


def _watched(connection):
    watchdog = getattr(_WATCH, "current", None)
    if watchdog is not None:
        watchdog.watch(connection)


class _WatchedHTTPConnection(HTTPConnection):
    def request(self, *args, **kwargs):  # pylint: disable=arguments-differ,signature-differs
        _watched(self)
        return super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def request(self, *args, **kwargs):  # pylint: disable=arguments-differ,signature-differs
        _watched(self)
        return super().request(*args, **kwargs)


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


def _watch_pools(manager):
    """Make a pool manager's connections watchable (proxies too; a SOCKS proxy keeps its own classes)."""
    classes = getattr(manager, "pool_classes_by_scheme", None)
    if isinstance(classes, dict) and classes.get("http") in (HTTPConnectionPool, _WatchedHTTPPool):
        manager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}
    return manager


class _Adapter(HTTPAdapter):
    """requests' adapter with watchable connections."""

    def init_poolmanager(self, *args, **kwargs):  # pylint: disable=signature-differs
        super().init_poolmanager(*args, **kwargs)
        _watch_pools(self.poolmanager)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        return _watch_pools(super().proxy_manager_for(proxy, **proxy_kwargs))


def _no_netrc(request):
    """Session auth that adds nothing: with it set, requests never reads ~/.netrc.

    A netrc entry for an API host would otherwise replace the bearer token or API key this
    collection sends, and send the netrc password to that host. Proxies and CA bundles from
    the environment (``HTTPS_PROXY``, ``REQUESTS_CA_BUNDLE``) still apply.
    """
    return request


def new_session():
    """A requests Session with the collection's policies: watchable connections, no netrc."""
    session = requests.Session()
    adapter = _Adapter()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.auth = _no_netrc
    return session


class Transport:
    """Sends JSON requests to one base URL with the collection's shared policies.

    ``retries`` bounds the retries after the first attempt. Idempotent calls are
    retried on 429/502/503/504 and connection errors; other calls only on 429 and
    on errors that prove the request never left (refused, connect timeout, TLS).
    A write that may have landed raises :class:`OutcomeUnknownError`; callers
    settle it with :meth:`write_once` instead of repeating it blind.
    """

    def __init__(self, base_url, auth=None, validate_certs=True, ca_path=None, timeout=30,
                 retries=5, check_mode=False, secrets=(), backoff=0.5, backoff_max=30.0,
                 session=None, settle_timeout=None, max_response_size=MAX_RESPONSE_SIZE):
        self.base_url = base_url.rstrip("/")
        self.origin = origin(self.base_url)
        self.base_path = urlsplit(self.base_url).path
        self.auth = auth or HeaderAuth()
        self.verify = ca_path if ca_path else validate_certs
        self.timeout = timeout
        self.retries = max(0, retries)
        self.settle_timeout = 2 * timeout if settle_timeout is None else settle_timeout
        self.check_mode = check_mode
        self.max_response_size = max_response_size
        # The task's secrets (one set for every client of a task, so a token one transport receives is
        # scrubbed by all), or the set given.
        if isinstance(secrets, Secrets):
            self.secrets = secrets
        else:
            self.secrets = active()
            self.secrets.update(secrets or ())
        self.backoff = backoff
        self.backoff_max = backoff_max
        self.session = session or new_session()
        self.stats = {"requests": 0, "writes": 0, "retries": 0, "reauth": 0}

    @property
    def where(self):
        """host:port of the server, for messages."""
        return "%s:%s" % (self.origin[1], self.origin[2])

    def add_secret(self, value):
        self.secrets.add(value)

    def wait(self, seconds):
        """Sleep between attempts; every wait of a client goes through here (and ``pause``, which tests record)."""
        pause(seconds)

    def backoff_delay(self, attempt, response=None):
        """Seconds before attempt+1: Retry-After when the response gives it, else exponential with jitter."""
        if response is not None:
            after = retry_after_seconds(response.headers.get("Retry-After"))
            if after is not None:
                return after
        ceiling = min(self.backoff_max, self.backoff * (2 ** attempt))
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    def _error(self, method, path, status=None, message=None, hint=None, cls=ApiError, **extra):
        return cls(method, _display(path), status, self.secrets.scrub(message or "") or None, hint, **extra)

    def follow(self, link, method="GET", context=None):
        """A link from a response as a path of this transport, refused unless it stays on the configured origin.

        Relative and absolute links work; a link to another scheme, host or port, or
        outside the configured base path, is never requested (it would carry our credentials).
        """
        if not isinstance(link, str) or not link.strip() or any(ord(c) < 33 for c in link) or len(link) > 2000:
            raise UntrustedResponseError(method, _display(context or ""), None, "the server sent an unusable link %s"
                                         % self.secrets.quoted(link, 80))
        target = urljoin(self.base_url + "/", link)
        parts = urlsplit(target)
        if origin(target) != self.origin or parts.username is not None or parts.password is not None:
            try:
                port = parts.port or DEFAULT_PORTS.get(parts.scheme, "?")
            except ValueError:
                port = "?"
            raise UntrustedResponseError(
                method, _display(context or ""), None,
                "the server sent a link to %s:%s, not the configured %s; refusing to send credentials there"
                % (shorten(self.secrets.scrub(str(parts.hostname)), 80), port, self.where))
        if not (parts.path == self.base_path or parts.path.startswith(self.base_path + "/")):
            raise UntrustedResponseError(method, _display(context or ""), None,
                                         "the server sent a link outside %s; not following it" % self.base_url)
        path = parts.path[len(self.base_path):] or "/"
        return path + ("?" + parts.query if parts.query else "")

    def request(self, method, path, json_body=None, form=None, params=None, headers=None,
                read_only=False, idempotent=None, ok=None, basic_auth=None):
        """Send one logical request; return a :class:`Response` or raise :class:`ApiError`.

        ``read_only`` marks a POST that changes nothing (a token or login request) so
        it passes the check-mode guard. ``ok`` lists extra statuses that are not errors
        for this call (404 on a lookup).
        """
        method = method.upper()
        if self.check_mode and method not in READ_METHODS and not read_only:
            raise CheckModeWriteError(method, _display(path))
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS or read_only
        ok = frozenset(ok or ())
        url = self.base_url + path
        if not path.startswith("/") or origin(url) != self.origin:
            raise self._error(method, path, message="refusing to send a request outside %s" % self.base_url)
        attempt = 0
        reauthenticated = False
        while True:
            send_headers = {"Accept": "application/json"}
            send_headers.update(self.auth.headers())
            send_headers.update(headers or {})
            if json_body is not None:
                send_headers["Content-Type"] = "application/json"
            self.stats["requests"] += 1
            if method not in READ_METHODS and not read_only:
                self.stats["writes"] += 1
            try:
                raw, content = self._exchange(method, url, json_body, form, params, send_headers, basic_auth)
            except _TooLarge as exc:
                raise self._unreadable(method, path, exc.args[0], exc.args[1], idempotent) from None
            except requests.exceptions.RequestException as exc:
                sent = may_have_arrived(exc)
                if (idempotent or not sent) and is_transient(exc) and attempt < self.retries:
                    self.wait(self.backoff_delay(attempt))
                    attempt += 1
                    self.stats["retries"] += 1
                    continue
                message = describe_exception(exc, self.where, self.timeout)
                if sent and not idempotent:
                    raise self._error(method, path, message=message, cls=OutcomeUnknownError)
                raise self._error(method, path, message=message)

            for cookie in raw.cookies:
                # Session cookies are credentials: masked from the moment they arrive.
                self.add_secret(cookie.value)
            status = raw.status_code
            if status == 401 and not reauthenticated and self.auth.refresh():
                reauthenticated = True
                self.stats["reauth"] += 1
                continue
            retry_statuses = RETRY_STATUSES if idempotent else RETRY_STATUSES_ANY_METHOD
            if status in retry_statuses and attempt < self.retries:
                self.wait(self.backoff_delay(attempt, raw))
                attempt += 1
                self.stats["retries"] += 1
                continue

            text = content.decode(raw.encoding or "utf-8", "replace")
            if 200 <= status < 300 or status in ok:
                return Response(status, raw.headers, self._decode(method, path, content, status), text)
            body = _decode(content)
            hint = None
            if status in retry_statuses:
                hint = "gave up after %d retries" % self.retries
            elif status == 401:
                hint = "check the credentials"
            message = server_message(body, text, self.secrets)
            if not idempotent and status in UNKNOWN_OUTCOME_STATUSES:
                raise self._error(method, path, status, message, hint, OutcomeUnknownError,
                                  in_flight=status in IN_FLIGHT_STATUSES, retryable=status != 500)
            raise self._error(method, path, status, message, hint)

    def _exchange(self, method, url, json_body, form, params, headers, basic_auth):
        """Send one request and read its whole answer within ``timeout`` and ``max_response_size``.

        Returns (response, body bytes). A deadline that passes raises ``_Expired`` (a read
        timeout), an answer that is too large ``_TooLarge`` with its status.
        """
        watchdog = _Watchdog(self.timeout)
        _WATCH.current = watchdog
        raw = None
        try:
            raw = self.session.request(
                method, url, json=json_body, data=form, params=params, headers=headers, stream=True,
                # The watchdog ends the exchange at `timeout`; each read may wait a little longer, so a slow
                # answer always ends the same way (a timeout of the whole answer), not one or the other by chance.
                timeout=(self.timeout, self.timeout + 1), verify=self.verify, auth=basic_auth, allow_redirects=False,
            )
            declared = raw.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.max_response_size:
                raise _TooLarge(raw.status_code, "declares %s bytes" % declared)
            chunks, size = [], 0
            for chunk in raw.iter_content(_CHUNK):
                size += len(chunk)
                if size > self.max_response_size:
                    raise _TooLarge(raw.status_code, "went past %d bytes" % self.max_response_size)
                chunks.append(chunk)
            if watchdog.expired:
                raise _Expired("the answer did not end within %s s" % self.timeout)
            return raw, b"".join(chunks)
        except (requests.exceptions.RequestException, OSError) as exc:
            if watchdog.expired:
                raise _Expired("the answer did not end within %s s" % self.timeout) from None
            if isinstance(exc, requests.exceptions.RequestException):
                raise
            raise requests.exceptions.ConnectionError(str(exc)) from None
        except _TooLarge:
            raw.close()
            raise
        finally:
            watchdog.cancel()
            _WATCH.current = None

    def _unreadable(self, method, path, status, why, idempotent):
        """An answer too large to read: for a write that succeeded, a lost answer (settled by re-reading)."""
        message = "the answer %s, more than max_response_size allows; not read" % why
        if 200 <= status < 300 and not idempotent:
            return self._error(method, path, status, message, cls=OutcomeUnknownError, in_flight=False, retryable=False)
        return self._error(method, path, status, message, cls=UntrustedResponseError if status < 300 else ApiError)

    def _decode(self, method, path, content, status):
        """The JSON of a successful answer; an answer to a read that is not JSON is an error, not "nothing".

        The body of a write's answer is used only where a module needs it (a created id or
        secret), and its own checks say what is missing; a login's answer is never read.
        """
        if not content.strip():
            return None
        try:
            body = json.loads(content.decode("utf-8"))
        except RecursionError:
            raise self._error(method, path, status, "the answer nests JSON deeper than Python can read",
                              cls=UntrustedResponseError) from None
        except ValueError:
            if method in READ_METHODS:
                raise self._error(method, path, status, "the answer is not JSON (it starts %s)"
                                  % self.secrets.quoted(content[:40].decode("utf-8", "replace"), 60),
                                  cls=UntrustedResponseError) from None
            return None
        if not json_depth_ok(body):
            raise self._error(method, path, status, "the answer nests JSON deeper than %d levels" % MAX_JSON_DEPTH,
                              cls=UntrustedResponseError)
        return body

    def settle(self, landed, in_flight=True):
        """Re-read until a write whose outcome is unknown shows up (True) or the settle window passes (False).

        ``landed`` is a read returning whether the write took effect; None means the
        write cannot be seen (a write-only secret), so the whole window is waited out.
        A write that is not ``in_flight`` (the server answered 500 or 503) is read once.
        Time is counted from the waits and the clock, whichever is further, so recorded
        waits in tests end the window as real ones would.
        """
        window = self.settle_timeout if in_flight else 0
        start, waited, interval = time.monotonic(), 0.0, SETTLE_INTERVAL
        while True:
            if landed is not None and landed():
                return True
            elapsed = max(waited, time.monotonic() - start)
            if elapsed >= window:
                return False
            step = min(interval, window - elapsed)
            self.wait(step)
            waited += step
            interval = min(interval * 2, SETTLE_MAX_INTERVAL)

    def write_once(self, send, landed, what, attempts=None):
        """Send a write that must not be repeated blind; return its response, or None if it landed unanswered.

        After an unknown outcome the write is re-read (``landed``) until it shows or the
        settle window passes; only then is it sent again, at most ``attempts`` times in all.
        A write the server failed with 500 and that did not land is not sent again.
        """
        attempts = self.retries + 1 if attempts is None else attempts
        for attempt in range(1, attempts + 1):
            try:
                return send()
            except OutcomeUnknownError as exc:
                try:
                    if self.settle(landed, exc.in_flight):
                        return None
                except ApiError as read_error:
                    raise exc.with_hint("%s was sent and may have taken effect, but reading it back failed: %s; "
                                        "a rerun reads first" % (what, read_error)) from None
                if not exc.retryable:
                    raise exc.with_hint("the write of %s did not take effect" % what) from None
                if attempt == attempts:
                    raise exc.with_hint("%s was sent %d times and did not show after any attempt; its outcome is "
                                        "unknown, a rerun reads first" % (what, attempts)) from None
                self.wait(self.backoff_delay(attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover


def is_transient(exc):
    """Errors worth another attempt: the network or the server, not a malformed request or bad TLS."""
    return isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                            requests.exceptions.ChunkedEncodingError)) and not isinstance(exc, requests.exceptions.SSLError)


_NOT_SENT = re.compile(r"NewConnectionError|NameResolutionError|Connection refused|Name or service not known|"
                       r"nodename nor servname|No route to host|Network is unreachable")


def may_have_arrived(exc):
    """Whether the server may have received (and acted on) the request that failed with exc."""
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError)):
        return False
    if isinstance(exc, requests.exceptions.ConnectionError) and _NOT_SENT.search(str(exc)):
        return False
    return isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                            requests.exceptions.ChunkedEncodingError))


def describe_exception(exc, where, timeout):
    """What went wrong on the wire, with the facts an operator needs: host:port, refused or timed out, the TLS reason."""
    text = " ".join(str(exc).split())
    if isinstance(exc, requests.exceptions.SSLError):
        match = re.search(r"\[SSL(?:: [A-Z_]+)?\] ([^()'\"\]]+?)(?: \(_ssl\.c:\d+\))?['\")\]]", text)
        reason = match.group(1).strip() if match else _caused_by(text)
        return "TLS with %s failed: %s" % (where, reason)
    if isinstance(exc, _Expired):
        return "%s did not answer within %s s (timed out; the whole answer must arrive within timeout)" % (where, timeout)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "connecting to %s timed out after %s s" % (where, timeout)
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return "%s did not answer within %s s (timed out)" % (where, timeout)
    if "Connection refused" in text:
        return "connection to %s refused" % where
    if re.search(r"NameResolutionError|Name or service not known|nodename nor servname|Temporary failure in name resolution", text):
        return "host %s not found (name resolution failed)" % where.rsplit(":", 1)[0]
    if re.search(r"RemoteDisconnected|Connection aborted|ConnectionResetError|Connection reset", text):
        return "%s closed the connection without an answer" % where
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "connection to %s failed: %s" % (where, _caused_by(text))
    return "%s: %s" % (type(exc).__name__, text[:_MAX_MESSAGE])


def _caused_by(text):
    """urllib3 nests repr()s; keep the innermost exception name."""
    match = re.search(r"\(Caused by (\w+)\(", text)
    return match.group(1) if match else text[:_MAX_MESSAGE]


def _decode(content):
    """The JSON of an error answer, or None: an error's body is only read for its message."""
    if not content.strip():
        return None
    try:
        body = json.loads(content.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return body if json_depth_ok(body) else None

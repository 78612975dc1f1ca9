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

import base64
import email.utils
import json
import random
import re
import time
import traceback
from urllib.parse import quote, quote_plus, urljoin, urlsplit

try:
    import requests
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

from ansible_collections.cxops.digital_channels.plugins.module_utils._compare import MASK
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
# Secrets shorter than this are not scrubbed: masking "ab" everywhere would garble every message.
_MIN_SECRET = 4


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


def secret_forms(value):
    """Every way a secret can show up in text: raw, trimmed, escaped, URL-encoded."""
    if not isinstance(value, str) or not value:
        return []
    forms = {
        value, value.strip(), json.dumps(value)[1:-1], repr(value)[1:-1],
        quote(value, safe=""), quote_plus(value), quote(value.strip(), safe=""),
    }
    return [f for f in forms if len(f) >= _MIN_SECRET]


def basic_credentials(user, password):
    """The token of an ``Authorization: Basic`` header, which is as secret as the password in it."""
    return base64.b64encode(("%s:%s" % (user, password)).encode("latin-1", "replace")).decode("ascii")


def scrub(text, secrets):
    """Replace every known secret value in text by a mask, longest first so no fragment survives."""
    forms = set()
    for secret in secrets:
        forms.update(secret_forms(secret))
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, MASK)
    return text


def server_message(body, text, secrets=()):
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
    message = " ".join(scrub(message, secrets).split())
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE] + "..."
    if isinstance(body, dict):
        facts = ["%s: %s" % (key, " ".join(scrub(str(body[key]), secrets).split())[:80]) for key in _FACT_KEYS
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
        raise UntrustedResponseError(method, path, None, "%s %r is not an id of the expected form; not using it" % (what, value))
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
        raise UntrustedResponseError(method, _display(path), None, "%s has no usable %s (fields present: %s)" % (
            what, ", ".join(wrong), ", ".join(sorted(str(k) for k in obj)[:20]) or "none"))
    return obj


def origin(url):
    """(scheme, host, port) of an absolute URL, the default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port


def _display(path):
    """A path as errors show it: without the query string, which may carry anything."""
    return path.split("?", 1)[0]


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
                 session=None, settle_timeout=None):
        self.base_url = base_url.rstrip("/")
        self.origin = origin(self.base_url)
        self.base_path = urlsplit(self.base_url).path
        self.auth = auth or HeaderAuth()
        self.verify = ca_path if ca_path else validate_certs
        self.timeout = timeout
        self.retries = max(0, retries)
        self.settle_timeout = 2 * timeout if settle_timeout is None else settle_timeout
        self.check_mode = check_mode
        # A list is kept, not copied: the transports of one client (GC login and API) scrub the same secrets,
        # including a token one of them receives later.
        self.secrets = secrets if isinstance(secrets, list) else [s for s in secrets if s]
        self.backoff = backoff
        self.backoff_max = backoff_max
        self.session = session or requests.Session()
        self.stats = {"requests": 0, "writes": 0, "retries": 0, "reauth": 0}

    @property
    def where(self):
        """host:port of the server, for messages."""
        return "%s:%s" % (self.origin[1], self.origin[2])

    def add_secret(self, value):
        if value and value not in self.secrets:
            self.secrets.append(value)

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
        return cls(method, _display(path), status, scrub(message or "", self.secrets) or None, hint, **extra)

    def follow(self, link, method="GET", context=None):
        """A link from a response as a path of this transport, refused unless it stays on the configured origin.

        Relative and absolute links work; a link to another scheme, host or port, or
        outside the configured base path, is never requested (it would carry our credentials).
        """
        if not isinstance(link, str) or not link.strip() or any(ord(c) < 33 for c in link):
            raise UntrustedResponseError(method, _display(context or ""), None, "the server sent an unusable link %r" % (str(link)[:80],))
        target = urljoin(self.base_url + "/", link)
        parts = urlsplit(target)
        if origin(target) != self.origin or parts.username is not None or parts.password is not None:
            raise UntrustedResponseError(
                method, _display(context or ""), None,
                "the server sent a link to %s:%s, not the configured %s; refusing to send credentials there"
                % (parts.hostname, parts.port or DEFAULT_PORTS.get(parts.scheme, "?"), self.where))
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
                raw = self.session.request(
                    method, url, json=json_body, data=form, params=params, headers=send_headers,
                    timeout=self.timeout, verify=self.verify, auth=basic_auth, allow_redirects=False,
                )
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

            body = _decode(raw)
            if 200 <= status < 300 or status in ok:
                return Response(status, raw.headers, body, raw.text)
            hint = None
            if status in retry_statuses:
                hint = "gave up after %d retries" % self.retries
            elif status == 401:
                hint = "check the credentials"
            message = server_message(body, raw.text, self.secrets)
            if not idempotent and status in UNKNOWN_OUTCOME_STATUSES:
                raise self._error(method, path, status, message, hint, OutcomeUnknownError,
                                  in_flight=status in IN_FLIGHT_STATUSES, retryable=status != 500)
            raise self._error(method, path, status, message, hint)

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


def _decode(raw):
    if not raw.content:
        return None
    try:
        return raw.json()
    except ValueError:
        return None

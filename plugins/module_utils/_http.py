# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one HTTP core every API client uses. Internal use only: not a public API.

It owns what must behave the same on every plane: TLS options, timeouts, the
retry policy, one re-authentication on 401, the check-mode write guard, and
turning failures into :class:`ApiError` with secrets scrubbed. It does not import
AnsibleModule, so clients built on it run (and are tested) outside a module.
"""

from __future__ import annotations

import email.utils
import json
import random
import re
import time
import traceback

try:
    import requests
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import (
    ApiError,
    CheckModeWriteError,
)

READ_METHODS = frozenset(("GET", "HEAD", "OPTIONS"))
IDEMPOTENT_METHODS = READ_METHODS | frozenset(("PUT", "DELETE"))
# Statuses that mean "not processed, try later": safe to retry for idempotent calls.
RETRY_STATUSES = frozenset((429, 502, 503, 504))
# 429 is the only status after which even a non-idempotent call is known not to have happened.
RETRY_STATUSES_ANY_METHOD = frozenset((429,))
MAX_RETRY_AFTER = 120.0
MASK = "********"
_MESSAGE_KEYS = ("message", "error_description", "error", "errors", "detail", "description")
_MAX_MESSAGE = 300


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
    if re.match(r"^\d+(\.\d+)?$", value):
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, min(when.timestamp() - now, MAX_RETRY_AFTER))


def scrub(text, secrets):
    """Replace every known secret value in text by a mask."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, MASK)
    return text


def server_message(body, text):
    """The server's own explanation of a failure, short and on one line."""
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
    message = " ".join(message.split())
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE] + "..."
    return message


class Transport:
    """Sends JSON requests to one base URL with the collection's shared policies.

    ``retries`` bounds the retries after the first attempt. Idempotent calls are
    retried on 429/502/503/504 and connection errors; other calls only on 429 and
    connect timeouts, which prove the request never took effect. A POST that is an
    upsert may declare ``idempotent=True``; one that spends money must not.
    """

    def __init__(self, base_url, auth=None, validate_certs=True, ca_path=None, timeout=30,
                 retries=5, check_mode=False, secrets=(), backoff=0.5, backoff_max=30.0,
                 sleep=None, session=None):
        self.base_url = base_url.rstrip("/")
        self.auth = auth or HeaderAuth()
        self.verify = ca_path if ca_path else validate_certs
        self.timeout = timeout
        self.retries = max(0, retries)
        self.check_mode = check_mode
        self.secrets = [s for s in secrets if s]
        self.backoff = backoff
        self.backoff_max = backoff_max
        self._sleep = sleep
        self.session = session or requests.Session()
        self.stats = {"requests": 0, "writes": 0, "retries": 0, "reauth": 0}

    def add_secret(self, value):
        if value and value not in self.secrets:
            self.secrets.append(value)

    def wait(self, seconds):
        """Sleep between attempts; every wait of a client goes through here so tests can record it."""
        (self._sleep or pause)(seconds)

    def backoff_delay(self, attempt, response=None):
        """Seconds before attempt+1: Retry-After when the response gives it, else exponential with jitter."""
        if response is not None:
            after = retry_after_seconds(response.headers.get("Retry-After"))
            if after is not None:
                return after
        ceiling = min(self.backoff_max, self.backoff * (2 ** attempt))
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    def _error(self, method, path, status=None, message=None, hint=None):
        return ApiError(method, path, status, scrub(message or "", self.secrets) or None, hint)

    def request(self, method, path, json_body=None, form=None, params=None, headers=None,
                read_only=False, idempotent=None, ok=None, basic_auth=None):
        """Send one logical request; return a :class:`Response` or raise :class:`ApiError`.

        ``read_only`` marks a POST that changes nothing (a token or login request) so
        it passes the check-mode guard. ``ok`` lists extra statuses that are not errors
        for this call (404 on a lookup).
        """
        method = method.upper()
        if self.check_mode and method not in READ_METHODS and not read_only:
            raise CheckModeWriteError(method, path)
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS or read_only
        ok = frozenset(ok or ())
        url = self.base_url + path
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
                retryable = idempotent or isinstance(exc, requests.exceptions.ConnectTimeout)
                if retryable and attempt < self.retries:
                    self.wait(self.backoff_delay(attempt))
                    attempt += 1
                    self.stats["retries"] += 1
                    continue
                raise self._error(method, path, message="%s: %s" % (type(exc).__name__, _short(exc)))

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
            raise self._error(method, path, status, server_message(body, raw.text), hint)


def _decode(raw):
    if not raw.content:
        return None
    try:
        return raw.json()
    except ValueError:
        return None


def _short(exc):
    """Connection errors from urllib3 nest repr()s; keep the innermost reason."""
    text = str(exc)
    match = re.search(r"\(Caused by (\w+)\(", text)
    if match:
        return match.group(1)
    return " ".join(text.split())[:_MAX_MESSAGE]

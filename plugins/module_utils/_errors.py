# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Exceptions of the collection. Internal use only: not a public API.

Clients and helpers raise; only the module runner turns an exception into
``fail_json``, so every failure reaches the user as one line without a traceback.
"""

from __future__ import annotations


class DigitalChannelsError(Exception):
    """Base class: anything the module runner reports as a clean failure."""

    def to_fail_json(self):
        return {"msg": str(self)}


class InputError(DigitalChannelsError):
    """Bad or contradictory input, detected before any request is sent."""


class ApiError(DigitalChannelsError):
    """An HTTP request failed for good (after retries and re-authentication).

    Carries method, path (never the query string or body), status and the
    server's message, already scrubbed of known secrets.
    """

    def __init__(self, method, path, status=None, server_message=None, hint=None):
        self.method = method
        self.path = path
        self.status = status
        self.server_message = server_message
        self.hint = hint
        super().__init__(self._render())

    def _render(self):
        if self.status is None:
            what = "connection failed"
        else:
            what = "HTTP %s" % self.status
        text = "%s %s failed: %s" % (self.method, self.path, what)
        if self.server_message:
            text += ": %s" % self.server_message
        if self.hint:
            text += " (%s)" % self.hint
        return text

    def with_hint(self, hint):
        """The same failure with what the caller knows about it."""
        return ApiError(self.method, self.path, self.status, self.server_message, hint)

    def to_fail_json(self):
        return {"msg": str(self), "method": self.method, "path": self.path, "status": self.status}


class OutcomeUnknownError(ApiError):
    """A write was sent but its answer is lost or a 5xx: it may or may not have landed.

    Never repeated blind; callers re-read first. ``in_flight`` (timeout, dropped connection,
    502, 504) means it may still be processed, so re-reads go on for the settle window;
    otherwise (500, 503) one re-read tells. ``retryable`` is False after a 500: a write that
    did not land is then a failure, not something to send again.
    """

    def __init__(self, method, path, status=None, server_message=None, hint=None, in_flight=True, retryable=True):
        self.in_flight = in_flight
        self.retryable = retryable
        super().__init__(method, path, status, server_message, hint)


class UntrustedResponseError(ApiError):
    """The server answered with something the collection will not act on: a link to another host,
    an id that is not an id, paging that never ends."""

    def _render(self):
        status = " (HTTP %s)" % self.status if self.status is not None else ""
        text = "%s %s: refusing the server's answer%s: %s" % (self.method, self.path, status, self.server_message)
        if self.hint:
            text += " (%s)" % self.hint
        return text


class OutcomeError(DigitalChannelsError):
    """The API accepted a request but the outcome is not what was asked (a failed order)."""


class CheckModeWriteError(DigitalChannelsError):
    """A state-changing request was attempted in check mode: always a bug in the caller."""

    def __init__(self, method, path):
        self.method = method
        self.path = path
        super().__init__("refusing to send %s %s in check mode (this is a bug in the collection, please report it)" % (method, path))


class ConflictError(DigitalChannelsError):
    """Another writer kept overwriting this task's change of a shared object.

    Raised after the bounded re-read, re-apply and verify attempts of a
    read-modify-write ran out; nothing is left half-written by the task itself.
    """

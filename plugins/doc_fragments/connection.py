# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The HTTP options of every plane: plugins/module_utils/_spec.py HTTP_OPTIONS;
    # tests/unit/plugins/module_utils/test_spec.py holds them together.
    DOCUMENTATION = r"""
options:
  timeout:
    description:
      - Seconds each HTTP exchange may take in all, from connecting to the last byte of the answer. An
        answer still arriving after that (a server that trickles or never ends its answer) is cut off and
        handled like a lost answer, see O(retries) and O(settle_timeout).
    type: int
    default: 30
  retries:
    description:
      - How many times a request is retried after the first attempt when the API answers 429, 502, 503
        or 504, or the connection fails. Waits honour C(Retry-After), otherwise back off exponentially
        with jitter.
      - Writes that must not be repeated blindly (ordering numbers, creating objects, replacing a whole
        object) are retried only when the request provably never reached the API (connection refused,
        connect timeout, TLS failure, HTTP 429). When a write's answer is lost (read timeout, dropped
        connection, 5xx) it is re-read until it shows, see O(settle_timeout).
      - An expired token or session (HTTP 401) is not counted here; the module authenticates again once
        per request when it has the credentials to.
    type: int
    default: 5
  settle_timeout:
    description:
      - Seconds to keep re-reading after a write whose outcome is unknown (its answer was lost to a
        timeout, a dropped connection or a 5xx) before deciding it did not land.
      - A write that shows up within this window counts as done and is not sent again, so a late copy
        cannot undo a later write. A write still absent afterwards is redone from a fresh read (an order
        only while the number is still available); otherwise the task fails saying the outcome is unknown.
      - Defaults to twice O(timeout).
    type: int
  max_response_size:
    description:
      - The largest answer, in bytes, read from the API. A larger one is not read and the task fails (a
        write whose answer is too large is re-read to confirm it landed, like a lost answer).
      - The default holds four times the largest real answer the modules read, a C(NexusServices)
        transaction with 10,000 sender IDs (about 7 MB).
    type: int
    default: 33554432
    version_added: 2.0.0
"""

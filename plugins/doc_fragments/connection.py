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
  ca_path:
    description:
      - Path to a CA bundle used to verify TLS certificates instead of the system store.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP response.
    type: int
    default: 30
  retries:
    description:
      - How many times a request is retried after the first attempt when the API answers 429, 502, 503
        or 504, or the connection fails. Waits honour C(Retry-After), otherwise back off exponentially
        with jitter.
      - Requests that must not be repeated blindly, such as ordering numbers, are only retried when the
        API proves they were not processed.
      - An expired token or session (HTTP 401) is not counted here; the module authenticates again once
        per request when it has the credentials to.
    type: int
    default: 5
"""

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Generated options must match plugins/module_utils/_gax.py GAX_OPTIONS;
    # with the connection fragment; tests/unit/plugins/module_utils/test_spec.py holds them together.
    DOCUMENTATION = r"""
options:
  gax_url:
    description:
      - Base URL of Platform Administration (Genesys Administrator Extension, GAX), for example V(https://gax.example.com).
      - Requests go to paths below it, such as C(/gax/api/session/login) and C(/gax/api/cfg/objects).
      - If not set, the value of the E(GAX_URL) environment variable is used.
    type: str
    required: true
  gax_username:
    description:
      - User that logs in to Platform Administration; it needs read and change permission on the
        C(NexusServices) transaction.
      - If not set, the value of the E(GAX_USERNAME) environment variable is used.
    type: str
    required: true
  gax_password:
    description:
      - Password of O(gax_username), sent in clear text to the login request (use HTTPS).
      - If not set, the value of the E(GAX_PASSWORD) environment variable is used.
    type: str
    required: true
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(gax_url).
      - Set to V(false) only for lab systems with self-signed certificates.
      - If not set, the value of the E(GAX_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a CA bundle file (or a directory of CA certificates) used to verify the TLS certificate of
        O(gax_url) instead of the system store. A path that does not exist fails before any request.
      - If not set, the value of the E(GAX_CA_PATH) environment variable is used (an AWX credential's CA bundle, written
        to a file by its injector).
    type: path
requirements:
  - requests
notes:
  - The C(NexusServices) transaction must exist; the module never creates it.
  - Check mode logs in to Platform Administration (the login changes nothing) and reads the transaction.
  - GAX has no official public API reference; paths and object shape follow public client code, see
    C(docs/api-facts.md) in the collection.
"""

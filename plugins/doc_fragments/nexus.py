# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Generated options must match plugins/module_utils/_nexus.py NEXUS_OPTIONS;
    # with the connection fragment; tests/unit/plugins/module_utils/test_spec.py holds them together.
    DOCUMENTATION = r"""
options:
  nexus_url:
    description:
      - Base URL of the Digital Channels (Nexus) API, for example V(https://digital.example.com).
      - Requests go to paths below it, such as C(/nexus/v3/provisioning/services/{ccid}/{name}).
      - If not set, the value of the E(NEXUS_URL) environment variable is used.
    type: str
    required: true
  api_key:
    description:
      - Nexus API key sent as the C(x-api-key) header.
      - If not set, the value of the E(NEXUS_API_KEY) environment variable is used.
    type: str
    required: true
  ccid:
    description:
      - Contact Center ID of the tenant, a UUID from the Web Services and Applications deployment.
      - Used in the request path and sent as the C(x-ccid) header.
      - If not set, the value of the E(NEXUS_CCID) environment variable is used.
    type: str
    required: true
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(nexus_url).
      - Set to V(false) only for lab systems with self-signed certificates.
      - If not set, the value of the E(NEXUS_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a CA bundle file (or a directory of CA certificates) used to verify the TLS certificate of
        O(nexus_url) instead of the system store. A path that does not exist fails before any request.
      - If not set, the value of the E(NEXUS_CA_PATH) environment variable is used (an AWX credential's CA bundle, written
        to a file by its injector).
    type: path
requirements:
  - requests
"""

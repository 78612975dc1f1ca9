# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Generated options must match plugins/module_utils/_nexus.py NEXUS_KEYS_OPTIONS (with _gauth.py GAUTH_OPTIONS)
    # and the connection fragment; tests/unit/plugins/module_utils/test_spec.py holds them together.
    DOCUMENTATION = r"""
options:
  nexus_url:
    description:
      - Base URL of Digital Channels (the runbook's C($nexusURL)), for example V(https://nexus.example.com).
      - If not set, the value of the E(NEXUS_URL) environment variable is used.
    type: str
    required: true
  validate_certs:
    description:
      - Whether to verify the TLS certificates of O(nexus_url) and O(auth_url).
      - If not set, the value of the E(NEXUS_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  auth_url:
    description:
      - Base URL of GWS Auth Services, for example V(https://gauth.example.com); the token comes from
        C({auth_url}/auth/v3/oauth/token).
      - If not set, the value of the E(GAUTH_URL) environment variable is used.
    type: str
    required: true
    version_added: 2.0.0
  auth_client_id:
    description:
      - The GWS Auth client of the password grant, sent with Basic authentication.
      - If not set, the value of the E(GAUTH_CLIENT_ID) environment variable is used.
    type: str
    default: external_api_client
    version_added: 2.0.0
  auth_client_secret:
    description:
      - Secret of O(auth_client_id); empty when omitted.
      - If not set, the value of the E(GAUTH_CLIENT_SECRET) environment variable is used.
    type: str
    version_added: 2.0.0
  auth_username:
    description:
      - The user of the password grant, the GWS ops user or the tenant's Person (see the notes).
      - If not set, the value of the E(GAUTH_USERNAME) environment variable is used.
    type: str
    required: true
    version_added: 2.0.0
  auth_password:
    description:
      - Password of O(auth_username). Never trimmed.
      - If not set, the value of the E(GAUTH_PASSWORD) environment variable is used.
    type: str
    required: true
    version_added: 2.0.0
  ca_path:
    description:
      - Path to a CA bundle file (or a directory of CA certificates) used to verify the TLS certificate of
        O(nexus_url) and O(auth_url) instead of the system store. A path that does not exist fails before any request.
      - If not set, the value of the E(NEXUS_CA_PATH) environment variable is used (an AWX credential's CA bundle, written
        to a file by its injector).
    type: path
requirements:
  - requests
"""

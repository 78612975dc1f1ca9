# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # Generated options must match plugins/module_utils/_gc.py GC_OPTIONS;
    # with the connection fragment; tests/unit/plugins/module_utils/test_spec.py holds them together.
    DOCUMENTATION = r"""
options:
  region:
    description:
      - Genesys Cloud region of the organization, for example V(us-east-1) (C(login.mypurecloud.com),
        C(api.mypurecloud.com)) or V(eu-west-1) (C(mypurecloud.ie)).
      - The regions are those of the Genesys Cloud Python SDK 269.0.0 (C(PureCloudRegionHosts)).
        For a region added later, give O(login_url) and O(api_url) instead.
      - Ignored when O(login_url) and O(api_url) are given.
      - If not set, the value of the E(GENESYSCLOUD_REGION) environment variable is used.
    type: str
    choices: [ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1,
              eu-central-1, eu-central-2, eu-west-1, eu-west-2, eusc-de-east-1, me-central-1, mx-central-1, sa-east-1,
              us-east-1, us-east-2, us-west-2]
  login_url:
    description:
      - Login URL of the organization, such as V(https://login.mypurecloud.com). Give it together with O(api_url).
      - If not set, the value of the E(GENESYSCLOUD_LOGIN_URL) environment variable is used.
    type: str
  api_url:
    description:
      - API URL of the organization, such as V(https://api.mypurecloud.com). Give it together with O(login_url).
      - If not set, the value of the E(GENESYSCLOUD_API_URL) environment variable is used.
    type: str
  client_id:
    description:
      - Client ID of an OAuth client with the Client Credentials grant.
      - If not set, the value of the E(GENESYSCLOUD_OAUTHCLIENT_ID) environment variable is used.
    type: str
  client_secret:
    description:
      - Secret of O(client_id).
      - If not set, the value of the E(GENESYSCLOUD_OAUTHCLIENT_SECRET) environment variable is used.
    type: str
  access_token:
    description:
      - An access token to use instead of fetching one with O(client_id) and O(client_secret).
      - When the API rejects it (401) and client credentials are also given, a new token is fetched once.
      - If not set, the value of the E(GENESYSCLOUD_ACCESS_TOKEN) environment variable is used.
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificates of O(login_url) and O(api_url).
      - If not set, the value of the E(GENESYSCLOUD_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a CA bundle file (or a directory of CA certificates) used to verify the TLS certificate of
        the Genesys Cloud login and API URLs instead of the system store. A path that does not exist fails before any request.
      - If not set, the value of the E(GENESYSCLOUD_CA_PATH) environment variable is used (an AWX credential's CA bundle, written
        to a file by its injector).
    type: path
requirements:
  - requests
"""

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: genesys_cloud_urls
short_description: A Genesys Cloud organization's login and API URLs, from the inventory, a credential or the region
version_added: 2.0.0
description:
  - For the C(sms_genesys_cloud) role, which writes both URLs into Digital Channels' C(PurecloudIDP) and
    C(PorticoSMS) services. In this order, the URLs the inventory gives; else E(GENESYSCLOUD_LOGIN_URL) and
    E(GENESYSCLOUD_API_URL) (an AWX credential); else the region's (the inventory's, else E(GENESYSCLOUD_REGION)),
    from the region table of the collection's Genesys Cloud modules.
author:
  - cxops contributors (@cxops)
positional: _input, login_url, api_url
options:
  _input:
    description: The region, for example V(us-east-1), or V(null).
    type: str
    required: true
  login_url:
    description: The inventory's login URL, or V(null).
    type: str
  api_url:
    description: The inventory's API URL, or V(null).
    type: str
  strict:
    description:
      - V(true) fails when no URL can be found; V(false) returns V(null) for it (the preflight reports what is missing).
      - A region that is not in the table fails either way.
    type: bool
    default: true
"""

EXAMPLES = r"""
- name: The organization's URLs
  ansible.builtin.set_fact:
    gc_urls: >-
      {{ sms_genesys_cloud_region | default(none)
         | cxops.digital_channels.genesys_cloud_urls(sms_genesys_cloud_login_url | default(none),
                                                     sms_genesys_cloud_api_url | default(none)) }}
"""

RETURN = r"""
_value:
  description: C(login_url) and C(api_url).
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _role_input
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError


def genesys_cloud_urls(*args, **kwargs):
    try:
        return _role_input.genesys_cloud_urls(*args, **kwargs)
    except InputError as exc:
        raise AnsibleFilterError(str(exc)) from None


class FilterModule:
    def filters(self):
        return {"genesys_cloud_urls": genesys_cloud_urls}

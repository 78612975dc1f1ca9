# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: cluster_api_key
short_description: The Portico cluster API key's value for every Genesys Cloud tenant of a Digital Channels cluster
version_added: 2.0.0
description:
  - For the C(sms_genesys_cloud) role, when the inventory does not hold the key's value. The key is one per
    Digital Channels cluster; the first tenant of the cluster that runs M(cxops.digital_channels.nexus_api_key)
    creates it and gets its generated value, the others find it. This gives each tenant of the play the value a
    tenant of the same cluster (the same O(nexus_url), however spelled) got.
  - When no tenant got it (the key existed before the run, and nobody kept its value), C(problem) says so and
    what to do; it is returned rather than raised so that a C(no_log) task does not hide it. In check mode a key
    that the real run would create has no value yet; C(value) is then a placeholder that is never sent.
author:
  - cxops contributors (@cxops)
positional: _input, hosts, hostvars, register, nexus_url
options:
  _input:
    description: This tenant's registered result of M(cxops.digital_channels.nexus_api_key).
    type: dict
    required: true
  hosts:
    description: The play's hosts, for example C(ansible_play_hosts).
    type: list
    elements: str
    required: true
  hostvars:
    description: C(hostvars).
    type: dict
    required: true
  register:
    description: The name the results are registered under.
    type: str
    required: true
  nexus_url:
    description: This tenant's C(nexus_url); E(NEXUS_URL) when V(null).
    type: str
"""

EXAMPLES = r"""
- name: Every Genesys Cloud tenant of the cluster gets the cluster key's value
  ansible.builtin.set_fact:
    cluster_key: >-
      {{ cluster_key_result | cxops.digital_channels.cluster_api_key(ansible_play_hosts, hostvars,
                                                                    'cluster_key_result', nexus_url | default(none)) }}
  no_log: true
"""

RETURN = r"""
_value:
  description: C(value) (or V(null)) and C(problem) (or V(null)).
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _role_input
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError


def cluster_api_key(*args, **kwargs):
    try:
        return _role_input.cluster_api_key(*args, **kwargs)
    except InputError as exc:
        raise AnsibleFilterError(str(exc)) from None


class FilterModule:
    def filters(self):
        return {"cluster_api_key": cluster_api_key}

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: throttle_for_shared
short_description: 1 when hosts share a value of a variable (write one at a time), else 0 (no limit)
version_added: 1.0.0
description:
  - For the C(throttle) of tasks that write a shared object. Tenants with their own Platform Administration
    never touch each other's C(NexusServices) and may write in parallel; tenants that share one would make
    each other re-read and retry, so then the roles write one tenant at a time.
  - Computed once per list of hosts and variable in a run (C(throttle) is evaluated for every host of every
    task that has one; reading every host's variables each time would cost as much as the play itself), so
    a value of the variable changed later in the run with C(set_fact) is not seen.
author:
  - cxops contributors (@cxops)
positional: _input, hostvars, variable
options:
  _input:
    description: The hosts, for example C(ansible_play_hosts_all).
    type: list
    elements: str
    required: true
  hostvars:
    description: C(hostvars).
    type: dict
    required: true
  variable:
    description: The variable whose values are compared, for example V(gax_url).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Write NexusServices one tenant at a time only where tenants share it
  cxops.digital_channels.nexus_sender_id:
    sender_ids: "{{ tenant_sender_ids }}"
  throttle: "{{ ansible_play_hosts_all | cxops.digital_channels.throttle_for_shared(hostvars, 'gax_url') }}"
"""

RETURN = r"""
_value:
  description: V(1) or V(0).
  type: int
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _role_input
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError


# (id(hostvars), hosts, variable) -> (hostvars, value); holding hostvars keeps its id from being reused.
_CACHE = {}


def throttle_for_shared(hosts, hostvars, variable):
    key = (id(hostvars), tuple(hosts), variable)
    if key not in _CACHE:
        try:
            _CACHE[key] = (hostvars, _role_input.throttle_for_shared(hosts, hostvars, variable))
        except InputError as exc:
            raise AnsibleFilterError(str(exc)) from None
    return _CACHE[key][1]


class FilterModule:
    def filters(self):
        return {"throttle_for_shared": throttle_for_shared}

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: adopted_host_vars
short_description: A tenant as it is, as the host_vars the SMS roles take
version_added: 2.0.0
description:
  - For C(playbooks/adopt.yml) (and the snapshot C(site.yml) takes before its first write to a tenant). From what
    the reads returned, the role variables of the tenant's option (service URLs, the custom gateway's channels and
    webhook headers, sender IDs of the option's provider, the tenant's toll-free numbers), in the shape the roles
    take them.
  - Values Digital Channels never shows (service secrets) and webhook headers whose name looks secret become named
    vault placeholders (C("{{ vault_<tenant>_<what> }}")), listed at the end of the file; no secret value is read
    into the result. What the roles cannot express exactly is listed as a note.
author:
  - cxops contributors (@cxops)
positional: _input, option, services, sections, numbers, ccid, headers_section, kind
options:
  _input:
    description: The tenant (C(inventory_hostname)).
    type: str
    required: true
  option:
    description: Its C(sms_option).
    type: str
    required: true
  services:
    description: The option's services, as M(cxops.digital_channels.nexus_service_info) returns them.
    type: dict
    required: true
  sections:
    description: The sections of C(NexusServices) (M(cxops.digital_channels.nexus_services_info)), or V(null) when not read.
    type: dict
  numbers:
    description: The owned numbers (M(cxops.digital_channels.gc_tollfree_number_info)), or V(null) when not read.
    type: list
    elements: dict
  ccid:
    description: The tenant's Contact Center ID; its numbers are those whose webhook user name it is.
    type: str
  headers_section:
    description: The section of the custom gateway's webhook headers.
    type: str
    default: Async
  kind:
    description: V(adopt) (adopt.yml's host_vars) or V(snapshot) (the state before a run's first write); the file's header says which.
    type: str
    default: adopt
    choices: [adopt, snapshot]
"""

EXAMPLES = r"""
- name: The tenant's host_vars
  ansible.builtin.copy:
    dest: "adopted/host_vars/{{ inventory_hostname }}.yml"
    content: >-
      {{ (inventory_hostname | cxops.digital_channels.adopted_host_vars(sms_option, read_services.services,
          read_sections.sections, read_numbers.numbers, ccid)).text }}
    mode: "0600"
"""

RETURN = r"""
_value:
  description:
    - C(text), the host_vars file; C(vars), the variables; C(placeholders), the vault variables to fill; C(notes).
    - C(state), the file below its dated header, equal for two reads of one state (the SMS roles save a snapshot
      only when it differs from the tenant's last one).
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.plugin_utils._adopt import adopted_host_vars


def _filter(tenant, option, services, sections=None, numbers=None, ccid=None, headers_section="Async", kind="adopt"):
    try:
        return adopted_host_vars(tenant, option, services, sections, numbers, ccid, headers_section, kind)
    except ValueError as exc:
        raise AnsibleFilterError("tenant %s: %s" % (tenant, exc)) from None


class FilterModule:
    def filters(self):
        return {"adopted_host_vars": _filter}

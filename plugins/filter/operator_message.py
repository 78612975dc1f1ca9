# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: operator_message
short_description: A failed task's message that names the inventory variable and the tenant first
version_added: 2.0.0
description:
  - For C(playbooks/tasks/tenant.yml) (site.yml and audit.yml), which rescues a tenant's failure and fails it again
    with this message. A request refused with 401 or 403 names the variables its credentials come from
    (C(nexus_api_key of tenant acme was refused by Digital Channels (401)), C(gax_username and gax_password),
    the Genesys Cloud integration or admin client, the GWS Auth Services login); a server that did not answer names
    its URL variable; any other message gets the tenant first. Ansible's wrapping of a filter's or a condition's
    error is dropped, so the collection's own message comes right after.
author:
  - cxops contributors (@cxops)
positional: _input, tenant, action
options:
  _input:
    description: The failed task's message (C(ansible_failed_result.msg)).
    type: str
    required: true
  tenant:
    description: The tenant (C(inventory_hostname)).
    type: str
    required: true
  action:
    description: The failed task's module (C(ansible_failed_task.action)); tells the Genesys Cloud admin client from the integration client.
    type: str
    default: ""
"""

EXAMPLES = r"""
- name: Provision the tenant
  block:
    - name: Enable SMS
      ansible.builtin.include_role:
        name: cxops.digital_channels.sms_kaleyra
  rescue:
    - name: Say which variable of which tenant
      ansible.builtin.fail:
        msg: "{{ ansible_failed_result.msg | default('') | cxops.digital_channels.operator_message(inventory_hostname, ansible_failed_task.action) }}"
"""

RETURN = r"""
_value:
  description: The message, one line.
  type: str
"""

from ansible_collections.cxops.digital_channels.plugins.plugin_utils._role_input import operator_message


class FilterModule:
    def filters(self):
        return {"operator_message": operator_message}

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: nexus_services_options
short_description: Manage options of one section of the NexusServices transaction
version_added: 0.1.0
description:
  - Sets or removes options of one option section of the C(NexusServices) transaction in Platform
    Administration, for example the runbook's custom webhook headers C(header:<name>) on the section
    of the async (custom gateway) provider.
  - Reads the transaction first and writes only when an option differs; a second run sends no write.
  - Options the task does not name are never changed unless O(exclusive=true), and other sections never are.
  - Other plays may edit the transaction at the same time. The module re-reads it just before writing,
    applies only its own change, verifies it, and re-applies it if another writer undid it.
  - Sender ID sections (C(chat.*)) belong to M(cxops.digital_channels.nexus_sender_id) and are refused here.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.gax
  - cxops.digital_channels.connection
  - cxops.digital_channels.attributes.GAX
  - cxops.digital_channels.attributes.ACTIONS
options:
  section:
    description:
      - Name of the option section, for example the async provider's section.
      - Letters, digits, V(_) and V(-), in parts joined by V(.), without spaces. Not C(chat.*).
    type: str
    required: true
  options:
    description:
      - Options of the section as names and values. Names may not hold spaces; a name that starts with
        V(header:) must continue with a valid HTTP header name, and its value may not hold line breaks.
      - Values are strings in Platform Administration; numbers are written as text and booleans as
        V(true) or V(false).
      - Required when O(state=present).
      - With O(state=absent), the named options are removed whatever their values; when O(options) is
        omitted the whole section is removed.
    type: dict
  state:
    description:
      - V(present) sets the options; V(absent) removes them (or the whole section).
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With V(true), options of the section that are not in O(options) are removed. Only with O(state=present).
    type: bool
    default: false
seealso:
  - module: cxops.digital_channels.nexus_sender_id
"""

EXAMPLES = r"""
- name: Add a static header to every webhook of the custom gateway
  cxops.digital_channels.nexus_services_options:
    gax_url: https://gax.example.com
    gax_username: nexus-admin
    gax_password: "{{ vault_gax_password }}"
    section: Async
    options:
      header:custom-header-for-async-1: "12345"

- name: Connection options once for every GAX module
  module_defaults:
    group/cxops.digital_channels.gax:
      gax_url: https://gax.example.com
      gax_username: nexus-admin
      gax_password: "{{ vault_gax_password }}"
  block:
    - name: Exactly these headers and nothing else in the section
      cxops.digital_channels.nexus_services_options:
        section: Async
        options:
          header:custom-header-for-async-1: "12345"
          header:x-tenant: acme
        exclusive: true

    - name: Remove one header
      cxops.digital_channels.nexus_services_options:
        section: Async
        options:
          header:x-tenant: ""
        state: absent
"""

RETURN = r"""
section:
  description: The section name.
  returned: always
  type: str
  sample: Async
options:
  description: Every option of the section after the task (as predicted in check mode); V({}) when it no longer exists.
  returned: always
  type: dict
  sample: {"header:custom-header-for-async-1": "12345"}
transaction:
  description: The transaction that was read.
  returned: always
  type: dict
  sample: {"name": "NexusServices", "dbid": "312"}
diff:
  description: Before and after of the section when it changes, with all its options.
  returned: always
  type: dict
  sample:
    before: {}
    after: {"Async": {"header:custom-header-for-async-1": "12345"}}
"""

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GAX_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus_services import (
    CHAT_PREFIX,
    converge,
    plan_section_options,
    section_diff,
    validate_option_key,
    validate_options,
    validate_section,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import argument_spec


def wanted_options(params):
    """Validated options: values for present, just the names for absent (None = whole section)."""
    if params["state"] == "present":
        return validate_options(params["options"], "options")
    if params["exclusive"]:
        raise InputError("exclusive applies only to state=present")
    if params["options"] is None:
        return None
    return {validate_option_key(key, "options"): None for key in params["options"]}


def run(module):
    params = module.params
    section = validate_section(params["section"], "section")
    if section.startswith(CHAT_PREFIX):
        raise InputError("section %s is a sender ID; manage chat.* sections with cxops.digital_channels.nexus_sender_id"
                         % section)
    options = wanted_options(params)
    changed, before, after, transaction = converge(
        params, module.check_mode,
        lambda current: plan_section_options(current, section, options, params["state"], params["exclusive"]),
    )
    result = {"section": section, "options": after.get(section, {}), "transaction": transaction}
    return changed, result, section_diff(before, after)


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    spec = argument_spec(
        GAX_OPTIONS,
        section={"type": "str", "required": True},
        options={"type": "dict"},
        state={"type": "str", "choices": ["present", "absent"], "default": "present"},
        exclusive={"type": "bool", "default": False},
    )
    return dict(argument_spec=spec, required_if=[("state", "present", ["options"])])


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

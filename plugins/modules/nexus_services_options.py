#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: nexus_services_options
short_description: Platform Administration (GAX) - manage options of one section of NexusServices
version_added: 1.0.0
description:
  - Sets or removes options of one option section of the C(NexusServices) transaction in Platform
    Administration, for example the runbook's custom webhook headers C(header:<name>) on the section
    of the async (custom gateway) provider.
  - Reads the transaction first and writes only when an option differs; a second run sends no write.
  - Options the task does not name are never changed unless O(exclusive=true), and other sections never are.
  - Other plays may edit the transaction at the same time. The module re-reads it just before writing,
    applies only its own change, verifies it, and re-applies it if another writer undid it. Writers on one
    machine take a lock per transaction (O(lock_timeout)), so they never undo each other; a writer elsewhere
    (another controller, another AWX execution environment) is caught by a later task with O(verify_after).
  - Sender ID sections (C(chat.*)) belong to M(cxops.digital_channels.nexus_sender_id) and are refused here.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.gax
  - cxops.digital_channels.connection
  - cxops.digital_channels.nexus_services_write
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
      - O(options) or O(secret_options) is required when O(state=present).
      - With O(state=absent), the named options are removed whatever their values; when neither O(options)
        nor O(secret_options) is given the whole section is removed.
    type: dict
  secret_options:
    description:
      - Options like O(options) whose values are secret, for example a C(header:Authorization) token for the
        custom gateway's webhook. Their values are compared and written like any other, but masked in the
        task's output, its diff (C(********), or C(******** (new value)) when it changes), errors and the
        drift report.
      - A name may not be in both O(options) and O(secret_options).
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
written_at:
  description:
    - When this task's write of C(NexusServices) was verified (seconds since the epoch), for O(verify_after) of a
      later task; V(null) when it wrote nothing (no change, check mode).
  returned: always
  type: float
  sample: 1796571245.48
  version_added: 2.0.0
lost:
  description:
    - With O(verify_after), the sections an earlier write of this run had set and another writer undid; they are
      written again (in check mode, they would be).
  returned: always
  type: list
  elements: str
  sample: ["chat.SMS_Main"]
  version_added: 2.0.0
section:
  description: The section name.
  returned: always
  type: str
  sample: Async
options:
  description: Every option of the section after the task (as predicted in check mode); V({}) when it no longer exists.
  returned: always
  type: dict
  sample: {"header:custom-header-for-async-1": "12345", "header:Authorization": "********"}
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
    WRITE_OPTIONS,
    CHAT_PREFIX,
    converge,
    mask_options,
    plan_section_options,
    section_diff,
    validate_option_key,
    validate_options,
    validate_section,
    lost_warning,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import argument_spec


def wanted_options(params):
    """Validated options: values for present, just the names for absent (None = whole section)."""
    plain, secret = params["options"], params["secret_options"]
    both = sorted(set(plain or {}) & set(secret or {}))
    if both:
        raise InputError("%s may not be in both options and secret_options" % ", ".join(both))
    if params["state"] == "present":
        return dict(validate_options(plain, "options"), **validate_options(secret, "secret_options"))
    if params["exclusive"]:
        raise InputError("exclusive applies only to state=present")
    if plain is None and secret is None:
        return None
    return {validate_option_key(key, "options"): None for key in list(plain or {}) + list(secret or {})}


def run(module):
    params = module.params
    section = validate_section(params["section"], "section")
    if section.startswith(CHAT_PREFIX):
        raise InputError("section %s is a sender ID; manage chat.* sections with cxops.digital_channels.nexus_sender_id"
                         % section)
    options = wanted_options(params)
    secret_keys = set(params["secret_options"] or {})
    # A verification re-applies the task's options; removing the others (exclusive) is the next run's.
    exclusive = params["exclusive"] and params["verify_after"] is None
    outcome = converge(
        params, module.check_mode,
        lambda current: plan_section_options(current, section, options, params["state"], exclusive),
        secrets=[str(v) for v in (params["secret_options"] or {}).values()],
    )
    if lost_warning(outcome):
        module.warn(lost_warning(outcome))
    before, after = outcome["before"], outcome["after"]
    have, will = before.get(section, {}), after.get(section, {})
    renewed = {key for key in secret_keys if key in will and have.get(key) != will[key]}
    shown_before = {s: mask_options(o, secret_keys) if s == section else o for s, o in before.items()}
    shown_after = {s: mask_options(o, secret_keys, renewed) if s == section else o for s, o in after.items()}
    result = {"section": section, "options": mask_options(will, secret_keys), "transaction": outcome["transaction"],
              "written_at": outcome["written_at"], "lost": outcome["lost"]}
    return outcome["changed"], result, section_diff(shown_before, shown_after)


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    spec = argument_spec(
        GAX_OPTIONS, WRITE_OPTIONS,
        section={"type": "str", "required": True},
        options={"type": "dict"},
        secret_options={"type": "dict", "no_log": True},
        state={"type": "str", "choices": ["present", "absent"], "default": "present"},
        exclusive={"type": "bool", "default": False},
    )
    return dict(argument_spec=spec, required_if=[("state", "present", ["options", "secret_options"], True)])


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: nexus_sender_id
short_description: Platform Administration (GAX) - manage Digital Channels SMS sender IDs in NexusServices
version_added: 1.0.0
description:
  - Provisions sender IDs (short codes, long codes and toll-free numbers) in Digital Channels the way the
    runbook's "Provision sender IDs in Digital Channels" step does by hand in Platform Administration, with
    one option section C(chat.<name>) per number in the C(NexusServices) transaction.
  - Each section gets C(channelId), C(channelType=sms), C(endpoint=chat.<designer endpoint>),
    C(interactionSubtype=SMS), C(interactionType=Inbound), C(media=chat), C(cxcOnly) and, when given, C(provider).
  - Any number of sender IDs take one read and at most one write of the transaction; a second run with the
    same options sends no write.
  - Options of a section that the task does not set are never changed, nor are sections the task does not
    name, except stale C(chat.*) sections with O(exclusive=true).
  - Other plays may edit the transaction at the same time. The module re-reads it just before writing,
    applies only its own change, verifies it, and re-applies it if another writer undid it. Writers on one
    machine take a lock per transaction (O(lock_timeout)), so they never undo each other; a writer elsewhere
    (another controller, another AWX execution environment) is caught by a later task with O(verify_after).
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.gax
  - cxops.digital_channels.connection
  - cxops.digital_channels.nexus_services_write
  - cxops.digital_channels.attributes.GAX
  - cxops.digital_channels.attributes.ACTIONS
options:
  sender_ids:
    description:
      - The sender IDs of the task, for bulk provisioning. Mutually exclusive with the single-item options
        O(name), O(channel_id), O(endpoint), O(provider), O(cxc_only) and O(options).
      - With O(exclusive=true), an empty list removes every C(chat.*) section.
    type: list
    elements: dict
    suboptions:
      name:
        description: Same as O(name).
        type: str
        required: true
      channel_id:
        description: Same as O(channel_id).
        type: str
      endpoint:
        description: Same as O(endpoint).
        type: str
      provider:
        description: Same as O(provider).
        type: str
        choices: [Portico, Async, mGage]
      cxc_only:
        description: Same as O(cxc_only).
        type: bool
      options:
        description: Same as O(options).
        type: dict
  name:
    description:
      - Name of the sender ID section. The C(chat.) prefix is added if absent, so V(SMS_Main) and
        V(chat.SMS_Main) both name the section C(chat.SMS_Main).
      - After the prefix only letters, digits, V(_) and V(-) are allowed (no spaces).
      - One of O(name) and O(sender_ids) is required.
    type: str
  channel_id:
    description:
      - The number, written to C(channelId). Required when O(state=present).
      - A 5-digit short code, a 10-digit long code, a North American number with its country code 1
        (11 digits, as in the runbook's Async example) or an E.164 number such as V(+18005550100).
      - Spaces, dots, hyphens and parentheses are removed; a leading V(+) is kept.
      - A number may belong to one C(chat.*) section only; the task fails before writing if another
        section already has it (V(+16504661149), V(16504661149) and V(6504661149) count as one number).
      - Quote it in YAML so that it stays a string.
    type: str
  endpoint:
    description:
      - Name of the chat endpoint of the Designer application that handles the SMS interactions,
        written to C(endpoint) with the C(chat.) prefix added if absent. Required when O(state=present).
    type: str
  provider:
    description:
      - The SMS provider of the number, written to C(provider).
      - When omitted the C(provider) option is not managed; Digital Channels uses V(Portico) if it is missing.
    type: str
    choices: [Portico, Async, mGage]
  cxc_only:
    description:
      - Written to C(cxcOnly). V(true) for CX Contact integrations; incoming messages are then not processed
        as chat and never reach an agent.
      - Omitted means V(false).
    type: bool
  options:
    description:
      - Extra options of the section, names without spaces, values strings, numbers or booleans
        (written as V(true) or V(false)).
      - May override C(channelType), C(interactionSubtype), C(interactionType) and C(media), but not the
        options that have their own module option (C(channelId), C(endpoint), C(cxcOnly), C(provider)).
    type: dict
  state:
    description:
      - V(present) creates or updates the sections; V(absent) removes the named sections with all their options.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With V(true), C(chat.*) sections that the task does not name are removed (only those starting with
        O(exclusive_prefix) when it is given). Other sections are never touched.
      - Only with O(state=present). Run it in check mode with C(--diff) first; the diff and C(sections.removed)
        list exactly the sections it would remove.
    type: bool
    default: false
  exclusive_prefix:
    description:
      - Limits O(exclusive=true) to sections named C(chat.<exclusive_prefix>*), for example V(SMS_Acme_) so that
        the sender IDs of one tenant or team can be kept exact without touching others' sections in the same
        C(NexusServices). V(chat.SMS_Acme_) means the same.
      - Only with O(exclusive=true).
    type: str
seealso:
  - module: cxops.digital_channels.nexus_services_options
"""

EXAMPLES = r"""
- name: Provision one toll-free number for the main SMS application
  cxops.digital_channels.nexus_sender_id:
    gax_url: https://gax.example.com
    gax_username: nexus-admin
    gax_password: "{{ vault_gax_password }}"
    name: SMS_Main_Corporate
    channel_id: "+18005550100"
    endpoint: SMS_Main
    provider: Portico

- name: All sender IDs of a tenant in one write; remove chat.* sections not listed
  cxops.digital_channels.nexus_sender_id:
    gax_url: https://gax.example.com
    gax_username: nexus-admin
    gax_password: "{{ vault_gax_password }}"
    sender_ids:
      - name: SMS_CustomerSupport
        channel_id: "16504661149"
        endpoint: SMS_Support
        provider: Async
      - name: SMS_Campaigns
        channel_id: "12345"
        endpoint: SMS_Outbound
        provider: mGage
        cxc_only: true
    exclusive: true

- name: Write the sender IDs of a tenant that shares its NexusServices with other jobs
  cxops.digital_channels.nexus_sender_id:
    sender_ids: "{{ tenant_sender_ids }}"
  register: sender_ids_write

# ... other tasks of the play; at the end, once other writers had time to land:
- name: Verify that no other controller's write undid them (re-applied with a warning if one did)
  cxops.digital_channels.nexus_sender_id:
    sender_ids: "{{ tenant_sender_ids }}"
    verify_after: "{{ sender_ids_write.written_at }}"
  when: sender_ids_write.written_at is not none

- name: Remove a sender ID, connection options from GAX_URL, GAX_USERNAME and GAX_PASSWORD
  cxops.digital_channels.nexus_sender_id:
    name: SMS_Campaigns
    state: absent
"""

RETURN = r"""
sender_ids:
  description:
    - The task's sections after the task (as predicted in check mode), with all their options.
    - Empty for O(state=absent).
  returned: always
  type: list
  elements: dict
  contains:
    section:
      description: Section name.
      type: str
      sample: chat.SMS_Main
    channel_id:
      description: The normalized number.
      type: str
      sample: "+18005550100"
    options:
      description: Every option of the section, including ones the task does not manage.
      type: dict
      sample: {"channelId": "+18005550100", "channelType": "sms", "endpoint": "chat.SMS_Main", "interactionSubtype": "SMS",
               "interactionType": "Inbound", "media": "chat", "cxcOnly": "false", "provider": "Portico"}
sections:
  description: Names of the sections the task added, updated and removed.
  returned: always
  type: dict
  sample: {"added": ["chat.SMS_Main"], "updated": [], "removed": ["chat.SMS_Old"]}
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
transaction:
  description: The transaction that was read.
  returned: always
  type: dict
  sample: {"name": "NexusServices", "dbid": "312"}
diff:
  description: Before and after of each section that changes, with all its options.
  returned: always
  type: dict
  sample:
    before: {"chat.SMS_Old": {"channelId": "12345", "endpoint": "chat.Old"}}
    after: {}
"""

from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GAX_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus_services import (
    WRITE_OPTIONS,
    converge,
    section_changes,
    section_diff,
    lost_warning,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._sender_ids import (
    ITEM_OPTIONS,
    PROVIDERS,
    exclusive_scope,
    parse_sender_ids,
    plan_sender_ids,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import argument_spec


def run(module):
    params = module.params
    items = parse_sender_ids(params)
    scope = exclusive_scope(params)
    # A verification re-applies the task's sections; removing stale ones (exclusive) is the next run's.
    exclusive = params["exclusive"] and params["verify_after"] is None
    outcome = converge(
        params, module.check_mode,
        lambda current: plan_sender_ids(current, items, params["state"], exclusive, scope),
    )
    if lost_warning(outcome):
        module.warn(lost_warning(outcome))
    before, after = outcome["before"], outcome["after"]
    sender_ids = [
        {"section": item.section, "channel_id": after[item.section]["channelId"], "options": after[item.section]}
        for item in items if params["state"] == "present"
    ]
    result = {"sender_ids": sender_ids, "sections": section_changes(before, after), "transaction": outcome["transaction"],
              "written_at": outcome["written_at"], "lost": outcome["lost"]}
    return outcome["changed"], result, section_diff(before, after)


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    item = {
        "name": {"type": "str", "required": True},
        "channel_id": {"type": "str"},
        "endpoint": {"type": "str"},
        "provider": {"type": "str", "choices": list(PROVIDERS)},
        "cxc_only": {"type": "bool"},
        "options": {"type": "dict"},
    }
    spec = argument_spec(
        GAX_OPTIONS, WRITE_OPTIONS,
        sender_ids={"type": "list", "elements": "dict", "options": item},
        state={"type": "str", "choices": ["present", "absent"], "default": "present"},
        exclusive={"type": "bool", "default": False},
        exclusive_prefix={"type": "str"},
        # The single-item options: the same as an item of sender_ids, none of them required.
        **{name: {k: v for k, v in option.items() if k != "required"} for name, option in item.items()}
    )
    return dict(argument_spec=spec, required_one_of=[["sender_ids", "name"]],
                mutually_exclusive=[["sender_ids", name] for name in ITEM_OPTIONS])


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

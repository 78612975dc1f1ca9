# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: checked_sender_ids
short_description: Sender IDs checked with nexus_sender_id's own rules before any request
version_added: 1.0.0
description:
  - Returns the sender IDs as M(cxops.digital_channels.nexus_sender_id) takes them in O(ignore:sender_ids), each with
    O(provider) unless it names its own, after checking them exactly as the module does (names without
    spaces, channel IDs of 5, 10 or 11 digits or E.164, endpoints, extra options, no section or number
    twice), so a role fails before its first write.
author:
  - cxops contributors (@cxops)
positional: _input, provider, option
options:
  _input:
    description: Sender IDs, each with C(name), C(channel_id), C(endpoint) and optionally C(provider), C(cxc_only), C(options).
    type: list
    elements: dict
    required: true
  provider:
    description: Provider for the sender IDs that do not name one (V(Portico), V(Async) or V(mGage)).
    type: str
  option:
    description: Name used in error messages, for example the role variable.
    type: str
    default: sender_ids
"""

EXAMPLES = r"""
- name: Check the tenant's sender IDs before anything is written
  ansible.builtin.set_fact:
    checked: "{{ sms_kaleyra_sender_ids | cxops.digital_channels.checked_sender_ids('mGage', 'sms_kaleyra_sender_ids') }}"
"""

RETURN = r"""
_value:
  description: The sender IDs with their provider and without null values.
  type: list
  elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _role_input
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError


def checked_sender_ids(*args, **kwargs):
    try:
        return _role_input.checked_sender_ids(*args, **kwargs)
    except InputError as exc:
        raise AnsibleFilterError(str(exc)) from None


class FilterModule:
    def filters(self):
        return {"checked_sender_ids": checked_sender_ids}

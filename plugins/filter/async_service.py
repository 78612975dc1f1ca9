# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: async_service
short_description: The custom gateway's Async service from a list of channels, checked before any request
version_added: 1.0.0
description:
  - Builds the C(data), C(secret) and C(secret_identifiers) of the runbook's C(Async) service (option 2)
    for M(cxops.digital_channels.nexus_service) from one entry per channel, and fails, before anything is
    sent, on a channel ID that is neither a phone number (short code, long code or E.164) nor an e-mail
    domain, on a webhook URL that is not http(s), on an empty or multi-line signature key, and on a
    channel listed twice.
  - Channel IDs go to C(secret_identifiers), not into the C(no_log) secret, so they stay readable in
    diffs and reports.
author:
  - cxops contributors (@cxops)
positional: _input, option
options:
  _input:
    description: Channels, each with C(channel_id), C(webhook_url), C(webhook_secret) and C(api_secret).
    type: list
    elements: dict
    required: true
  option:
    description: Name used in error messages, for example the role variable.
    type: str
    default: channels
"""

EXAMPLES = r"""
- name: The custom gateway's channels
  cxops.digital_channels.nexus_service:
    name: Async
    data: "{{ async.data }}"
    secret: "{{ async.secret }}"
    secret_identifiers: "{{ async.secret_identifiers }}"
  vars:
    async: "{{ sms_custom_gateway_channels | cxops.digital_channels.async_service('sms_custom_gateway_channels') }}"
"""

RETURN = r"""
_value:
  description: C(data), C(secret) and C(secret_identifiers) of the Async service.
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _role_input
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError


def async_service(*args, **kwargs):
    try:
        return _role_input.async_service(*args, **kwargs)
    except InputError as exc:
        raise AnsibleFilterError(str(exc)) from None


class FilterModule:
    def filters(self):
        return {"async_service": async_service}

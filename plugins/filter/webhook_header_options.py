# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: webhook_header_options
short_description: Static webhook headers as NexusServices options, checked before any request
version_added: 1.0.0
description:
  - Turns a mapping of header names to values into the C(header:<name>) options the runbook adds to the async provider's
    section of C(NexusServices), as M(cxops.digital_channels.nexus_services_options) takes them.
  - Fails, before anything is sent, on a name that is not an HTTP header name and on a value with line breaks.
author:
  - cxops contributors (@cxops)
positional: _input, option, section, section_option
options:
  _input:
    description: Header names and their static values.
    type: dict
    required: true
  option:
    description: Name used in error messages, for example the role variable.
    type: str
    default: headers
  section:
    description: The section the headers go to, checked as M(cxops.digital_channels.nexus_services_options) checks it.
    type: str
  section_option:
    description: Name of O(section) in error messages.
    type: str
    default: section
"""

EXAMPLES = r"""
- name: Static headers of the custom gateway's webhooks
  cxops.digital_channels.nexus_services_options:
    section: Async
    options: "{{ {'custom-header-for-async-1': '12345'} | cxops.digital_channels.webhook_header_options }}"
"""

RETURN = r"""
_value:
  description: The options, each C(header:<name>) with its value as text.
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _role_input
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError


def webhook_header_options(*args, **kwargs):
    try:
        return _role_input.header_options(*args, **kwargs)
    except InputError as exc:
        raise AnsibleFilterError(str(exc)) from None


class FilterModule:
    def filters(self):
        return {"webhook_header_options": webhook_header_options}

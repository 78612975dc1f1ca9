# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: checked_tollfree_numbers
short_description: Toll-free numbers checked with gc_tollfree_number's own rules before any request
version_added: 1.0.0
description:
  - Returns the numbers unchanged after checking them as M(cxops.digital_channels.gc_tollfree_number) does
    (North American toll-free numbers in any usual format, no number twice, one-line comments, e-mail
    addresses), so a role fails before its first write.
author:
  - cxops contributors (@cxops)
positional: _input, option
options:
  _input:
    description: Numbers, each with C(number) and optionally C(comment) and C(email_address).
    type: list
    elements: dict
    required: true
  option:
    description: Name used in error messages, for example the role variable.
    type: str
    default: numbers
"""

EXAMPLES = r"""
- name: Check the numbers before anything is written
  ansible.builtin.set_fact:
    numbers: "{{ sms_genesys_cloud_numbers | cxops.digital_channels.checked_tollfree_numbers('sms_genesys_cloud_numbers') }}"
"""

RETURN = r"""
_value:
  description: The numbers as given.
  type: list
  elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _role_input
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError


def checked_tollfree_numbers(*args, **kwargs):
    try:
        return _role_input.checked_tollfree_numbers(*args, **kwargs)
    except InputError as exc:
        raise AnsibleFilterError(str(exc)) from None


class FilterModule:
    def filters(self):
        return {"checked_tollfree_numbers": checked_tollfree_numbers}

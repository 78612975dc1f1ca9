# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: sms_role
short_description: The collection's role for a tenant's SMS option, checked before any request
version_added: 1.0.0
description:
  - Returns the fully qualified name of the role that enables SMS with O(_input), one of the runbook's three
    options (V(kaleyra), V(custom_gateway) or V(genesys_cloud)), and fails with a message that names the
    choices when the option is anything else or is not set.
  - The playbooks use it in the name of the role they include, so that checking the option costs no task
    of its own.
author:
  - cxops contributors (@cxops)
options:
  _input:
    description: The tenant's C(sms_option); an undefined variable is reported as not set.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Enable SMS with the tenant's option
  ansible.builtin.include_role:
    name: "{{ sms_option | cxops.digital_channels.sms_role }}"
"""

RETURN = r"""
_value:
  description: The role, for example V(cxops.digital_channels.sms_kaleyra).
  type: str
"""

from ansible.errors import AnsibleFilterError
from jinja2 import Undefined

try:  # ansible-core >= 2.19 hands an undefined variable only to plugins that accept it
    from ansible.template import accept_args_markers
except ImportError:  # older ansible-core hands it to every filter
    def accept_args_markers(plugin):
        return plugin

# Only light imports: the playbooks use this filter in their first task, in workers forked before the
# controller has imported the API clients (plugins/plugin_utils/_inprocess.py warms it up later).
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import validate_sms_option


def _undefined(value):
    """True for a variable that is not set; any other marker (a failed template) raises its own error."""
    if not isinstance(value, Undefined):
        return False
    try:
        from ansible.template import AnsibleUndefined
    except ImportError:  # pragma: no cover - every supported ansible-core has it
        return True
    if isinstance(value, AnsibleUndefined):
        return True
    str(value)  # raises the marker's error
    return False  # pragma: no cover


@accept_args_markers
def sms_role(option):
    try:
        return "cxops.digital_channels.sms_%s" % validate_sms_option(None if _undefined(option) else option)
    except InputError as exc:
        raise AnsibleFilterError(str(exc)) from None


class FilterModule:
    def filters(self):
        return {"sms_role": sms_role}

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: integration_client
short_description: The Digital Channels integration client's credentials, from a new client or the vault
version_added: 1.0.0
description:
  - For the C(sms_genesys_cloud) role. A client that M(cxops.digital_channels.gc_oauth_client) has just created
    gives its id and new secret; a client that exists needs the stored id and secret (Genesys Cloud shows a
    secret only once). When they are missing, C(problem) says what is missing and how to recover; it is
    returned rather than raised so that a C(no_log) task does not hide it.
  - In check mode a client that the real run would create has no credentials yet; the result then says
    C(pending), so the role sends nothing with credentials it does not have.
author:
  - cxops contributors (@cxops)
positional: _input, client_id, client_secret, creating
options:
  _input:
    description: The registered result of M(cxops.digital_channels.gc_oauth_client), or V(null).
    type: dict
    required: true
  client_id:
    description: The stored client ID, if any.
    type: str
  client_secret:
    description: The stored client secret, if any.
    type: str
  creating:
    description: Whether the role manages the client (its result is in O(_input)).
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Settle the integration client's credentials
  ansible.builtin.set_fact:
    integration: >-
      {{ client_result | default(None) | cxops.digital_channels.integration_client(
           sms_genesys_cloud_client_id | default(None), sms_genesys_cloud_client_secret | default(None), true) }}
  no_log: true
"""

RETURN = r"""
_value:
  description: C(id), C(secret), C(pending) (credentials that only a real run creates) and C(problem) (or V(null)).
  type: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _role_input
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError


def integration_client(*args, **kwargs):
    try:
        return _role_input.integration_client(*args, **kwargs)
    except InputError as exc:
        raise AnsibleFilterError(str(exc)) from None


class FilterModule:
    def filters(self):
        return {"integration_client": integration_client}

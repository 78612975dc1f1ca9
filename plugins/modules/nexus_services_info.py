#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: nexus_services_info
short_description: Platform Administration (GAX) - read the option sections of NexusServices
version_added: 1.0.0
description:
  - Logs in to Platform Administration, reads the C(NexusServices) transaction and returns its option
    sections (sender IDs C(chat.<name>), the async provider's C(header:<name>) options, anything else),
    all of them or only those named or starting with a prefix.
  - Fails when the transaction does not exist, when more than one has its name, or when its options are not
    the C(userproperties) list of section, key and value strings the other GAX modules rely on; the message
    names the missing field and the fields that are there. C(playbooks/preflight.yml) uses it to check a
    tenant's Platform Administration before anything is written.
  - Option values are returned as Platform Administration stores them. Values the play treats as secret (such
    as the custom gateway's C(Authorization) header) are masked with O(secret_keys).
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.gax
  - cxops.digital_channels.connection
  - cxops.digital_channels.attributes.GAX
  - cxops.digital_channels.attributes.INFO
options:
  sections:
    description:
      - Names of the sections to return. Names that do not exist are listed in RV(missing).
      - Letters, digits, V(_) and V(-), in parts joined by V(.), without spaces.
      - Mutually exclusive with O(prefix). When neither is given, every section is returned.
    type: list
    elements: str
  prefix:
    description:
      - Return only the sections whose name starts with this text, for example V(chat.) for the sender IDs.
      - Mutually exclusive with O(sections).
    type: str
  secret_keys:
    description:
      - Option names whose values are returned as C(********), as shell-style patterns, for example
        V(header:Authorization) or V(header:*). V(*) returns the structure without any value.
      - Applies to every returned section.
    type: list
    elements: str
    default: []
seealso:
  - module: cxops.digital_channels.nexus_sender_id
  - module: cxops.digital_channels.nexus_services_options
"""

EXAMPLES = r"""
- name: Read the sender IDs of a tenant
  cxops.digital_channels.nexus_services_info:
    gax_url: https://gax.example.com
    gax_username: nexus-admin
    gax_password: "{{ vault_gax_password }}"
    prefix: chat.
  register: nexus_services

- name: Show the numbers
  ansible.builtin.debug:
    msg: "{{ nexus_services.sections | dict2items | map(attribute='value.channelId') | list }}"

- name: Read the custom gateway's headers, the token masked
  cxops.digital_channels.nexus_services_info:
    sections: [Async]
    secret_keys: ["header:Authorization"]
  register: async_headers
"""

RETURN = r"""
transaction:
  description: The transaction that was read.
  returned: always
  type: dict
  sample: {"name": "NexusServices", "dbid": "312"}
sections:
  description:
    - The returned sections in the order of the transaction, each as option names and values (strings),
      values matching O(secret_keys) masked.
  returned: always
  type: dict
  sample:
    chat.SMS_Main:
      channelId: "16504661149"
      channelType: sms
      endpoint: chat.SMS_Main
      provider: Portico
    Async:
      header:custom-header-for-async-1: "12345"
      header:Authorization: "********"
missing:
  description: Names given in O(sections) that the transaction does not have.
  returned: always
  type: list
  elements: str
  sample: [chat.SMS_Campaigns]
"""

import fnmatch

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GAX_OPTIONS, GaxClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus_services import (
    NexusServices,
    sections,
    validate_section,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import MASK, quoted
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import argument_spec, validate_label


def wanted(params):
    """A predicate on section names, from sections or prefix, checked before any request."""
    names, prefix = params["sections"], params["prefix"]
    if names is not None:
        names = [validate_section(name, "sections") for name in names]
        return list(dict.fromkeys(names)), lambda section: section in names
    if prefix is not None:
        prefix = validate_label(prefix, "prefix")
        if any(c.isspace() for c in prefix):
            raise InputError("prefix may not hold spaces, got %s" % quoted(prefix, 60))
        return None, lambda section: section.startswith(prefix)
    return None, lambda section: True


def masked(options, patterns):
    return {key: MASK if any(fnmatch.fnmatchcase(key, p) for p in patterns) else value for key, value in options.items()}


def run(module):
    params = module.params
    names, keep = wanted(params)
    patterns = [validate_label(p, "secret_keys") for p in params["secret_keys"]]
    current = NexusServices(GaxClient.from_params(params, module.check_mode)).read()
    found = {name: masked(options, patterns) for name, options in sections(current).items() if keep(name)}
    result = {
        "transaction": {"name": current["name"], "dbid": str(current["dbid"])},
        "sections": found,
        "missing": [name for name in names or () if name not in found],
    }
    return False, result, None


def module_args():
    """The argument spec and its rules."""
    return dict(
        argument_spec=argument_spec(
            GAX_OPTIONS,
            sections={"type": "list", "elements": "str"},
            prefix={"type": "str"},
            secret_keys={"type": "list", "elements": "str", "default": [], "no_log": False},
        ),
        mutually_exclusive=[("sections", "prefix")],
    )


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

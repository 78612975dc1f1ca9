#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: nexus_api_key
short_description: Manage a Digital Channels (Nexus) API key
version_added: 1.0.0
description:
  - Creates or deletes a Nexus API key, identified by its name, such as the runbook's
    C(Portico Cluster API Key) (O(tenant=*), O(permissions=[nexus:cluster:*])) that Genesys Cloud sends
    back as the webhook password of toll-free numbers.
  - An existing key with the same name, tenant and permissions is left alone (C(changed=false)).
    Tenant and permissions of a key cannot be changed in Digital Channels, so a key that differs fails
    with a message naming the manual step.
  - The key value is returned only when this task created the key and the API generated the value.
    Give O(key) to choose the value yourself (for example from a vault), so reruns and other tasks know it.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.nexus
  - cxops.digital_channels.connection
  - cxops.digital_channels.attributes.NEXUS
  - cxops.digital_channels.attributes.ACTIONS
options:
  name:
    description: Name of the API key, unique in Digital Channels.
    type: str
    required: true
  tenant:
    description:
      - Contact Center ID the key is valid for, or V(*) for a cluster key. Required with O(state=present).
    type: str
  permissions:
    description:
      - Permissions of the key, such as V(nexus:cluster:*). Required with O(state=present).
    type: list
    elements: str
  key:
    description:
      - Value of the key when it is created. The API generates one when omitted.
      - Not compared with an existing key, because the API never shows key values.
    type: str
  state:
    description: V(present) creates the key if no key has this name; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The request path C(/nexus/v3/provisioning/apikeys) and body are an assumption; the vendor's
    "Provision API keys" page is cited in C(docs/api-facts.md). Managing keys needs a cluster-wide O(api_key).
seealso:
  - module: cxops.digital_channels.gc_tollfree_number
"""

EXAMPLES = r"""
- name: The API key Genesys Cloud uses to call Digital Channels
  cxops.digital_channels.nexus_api_key:
    nexus_url: https://digital.example.com
    api_key: "{{ vault_nexus_admin_api_key }}"
    ccid: 45acae06-6b7c-4f97-9c76-471cb5c21bf7
    name: Portico Cluster API Key
    tenant: "*"
    permissions: ["nexus:cluster:*"]
    key: "{{ vault_portico_cluster_api_key }}"
  register: cluster_key

- name: Remove a key
  cxops.digital_channels.nexus_api_key:
    name: Old integration key
    state: absent
"""

RETURN = r"""
api_key:
  description: The key after the task (predicted in check mode); V(null) with O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Identifier of the key, V(null) in check mode before creation.
      type: str
    name:
      description: Name of the key.
      type: str
      sample: Portico Cluster API Key
    tenant:
      description: Tenant the key is valid for.
      type: str
      sample: "*"
    permissions:
      description: Permissions of the key.
      type: list
      elements: str
      sample: ["nexus:cluster:*"]
    key:
      description: The key value, only when this task created the key and the API generated the value. Sensitive.
      type: str
      returned: when created without O(key)
diff:
  description: Name, tenant and permissions before and after; the value is never shown.
  returned: always
  type: dict
"""

import re

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import Revealed, quoted
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus import NEXUS_OPTIONS, NexusClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._resource import ensure_absent
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    argument_spec,
    credential,
    validate_label,
    validate_uuid,
)

PERMISSION = re.compile(r"nexus:[A-Za-z*]+:[A-Za-z*]+")


def validate(params):
    name = validate_label(params["name"], "name")
    if params["state"] == "absent":
        return name, None, None, None
    tenant = params["tenant"]
    if tenant != "*":
        tenant = validate_uuid(tenant, "tenant")
    permissions = params["permissions"] or []
    bad = [p for p in permissions if not PERMISSION.fullmatch(p)]
    if not permissions or bad:
        raise InputError("permissions must list permissions such as nexus:cluster:*, got %s" % quoted(bad or permissions))
    key = credential(params["key"], "key")
    if key is not None and len(key) < 16:
        raise InputError("key must be at least 16 characters long")
    return name, tenant, sorted(set(permissions)), key


def shown(key):
    if key is None:
        return {}
    return {"name": key.get("name"), "tenant": key.get("tenant"), "permissions": sorted(key.get("permissions") or [])}


def unchanged(current, wanted):
    """The key exists: fine if it is the one asked for, else the manual step (Digital Channels cannot change it)."""
    if current is None or shown(current) != wanted:
        raise InputError(
            "API key %r exists with tenant %s and permissions %s; Digital Channels cannot change them. "
            "Delete it (state=absent), create it again and give the new value to everything that uses it"
            % (wanted["name"], (current or {}).get("tenant"), shown(current).get("permissions"))
        )
    return False, {"api_key": dict(wanted, id=current.get("id"))}, {"before": wanted, "after": wanted}


def run(module):
    params = module.params
    name, tenant, permissions, key = validate(params)
    client = NexusClient.from_params(params, module.check_mode)
    current = client.find_api_key(name)

    if params["state"] == "absent":
        return ensure_absent(current, lambda key: client.delete_api_key(key["id"]), module.check_mode, "api_key", shown)

    wanted = {"name": name, "tenant": tenant, "permissions": permissions}
    if current is not None:
        return unchanged(current, wanted)

    result = dict(wanted, id=None)
    if not module.check_mode:
        created = client.create_api_key(name, tenant, permissions, key)
        if created is None:
            # Another play created it between our read and our write (tenants share cluster keys).
            return unchanged(client.find_api_key(name), wanted)
        result["id"] = created.get("id")
        if not key and created.get("key"):
            if not module.no_log:
                module.warn("nexus_api_key returns the generated key in clear; set no_log: true on this task")
            result["key"] = Revealed(created["key"])
    return True, {"api_key": result}, {"before": {}, "after": wanted}


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    spec = argument_spec(
        NEXUS_OPTIONS,
        name={"type": "str", "required": True},
        tenant={"type": "str"},
        permissions={"type": "list", "elements": "str"},
        key={"type": "str", "no_log": True},
        state={"type": "str", "choices": ["present", "absent"], "default": "present"},
    )
    return dict(argument_spec=spec, required_if=[("state", "present", ("tenant", "permissions"))])


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

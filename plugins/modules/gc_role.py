#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: gc_role
short_description: Genesys Cloud API - manage a role by name
version_added: 1.0.0
description:
  - Creates, updates or deletes a Genesys Cloud authorization role, identified by its name.
  - The defaults give the runbook's C(Nexus Messaging) role its permissions, C(messaging) and
    C(messagingProvisioning) with all permissions, which the runbook sets by hand in the admin UI.
  - Needs an administrator's O(access_token) or an OAuth client allowed to manage roles.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.genesys_cloud
  - cxops.digital_channels.connection
  - cxops.digital_channels.attributes.GENESYS_CLOUD
  - cxops.digital_channels.attributes.ACTIONS
options:
  name:
    description: Name of the role.
    type: str
    required: true
  description:
    description: Description of the role. Not compared when omitted.
    type: str
  permissions:
    description:
      - Permissions as C(domain:entity:action), where V(*) means all, compared as a set.
    type: list
    elements: str
    default: ["messaging:*:*", "messagingProvisioning:*:*"]
  state:
    description: V(present) creates or updates the role, V(absent) deletes it if it exists.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Uses C(/api/v2/authorization/roles) of the Genesys Cloud Platform API (GET by name, POST, PUT, DELETE).
  - Sends C(permissionPolicies); reads both forms the API has, C(permissionPolicies) and the C(permissions)
    strings, so a role made either way (the admin UI, the SDK) compares right.
  - Assigning the role to a user, as the runbook also does, is not needed for an OAuth client to hold it
    and is not done here.
seealso:
  - module: cxops.digital_channels.gc_oauth_client
"""

EXAMPLES = r"""
- name: The runbook's Nexus Messaging role
  cxops.digital_channels.gc_role:
    region: us-east-1
    access_token: "{{ vault_gc_admin_token }}"
    name: Nexus Messaging
    description: Digital Channels SMS aggregation
"""

RETURN = r"""
role:
  description: The role after the task (predicted in check mode); V(null) with O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Role ID, V(null) in check mode before creation.
      type: str
    name:
      description: Role name.
      type: str
    description:
      description: Role description.
      type: str
    permissions:
      description: Permissions as C(domain:entity:action), sorted.
      type: list
      elements: str
diff:
  description: Name, description and permissions before and after.
  returned: always
  type: dict
"""

import re

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GC_OPTIONS, GcClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._resource import ensure_absent
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import quoted
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import argument_spec, check_text, validate_label

PERMISSION = re.compile(r"[A-Za-z0-9_*]+:[A-Za-z0-9_*]+:[A-Za-z0-9_*]+")


def permissions_of(role):
    """domain:entity:action strings from both forms the API knows: permissionPolicies and permissions (SDK 269.0.0)."""
    found = {
        "%s:%s:%s" % (policy.get("domain"), policy.get("entityName"), action)
        for policy in role.get("permissionPolicies") or [] if isinstance(policy, dict)
        for action in policy.get("actionSet") or []
    }
    found.update(p for p in role.get("permissions") or [] if isinstance(p, str))
    return sorted(found)


def policies(permissions):
    """permissionPolicies: one policy per domain and entity with its actions."""
    grouped = {}
    for permission in permissions:
        domain, entity, action = permission.split(":")
        grouped.setdefault((domain, entity), set()).add(action)
    return [{"domain": d, "entityName": e, "actionSet": sorted(a)} for (d, e), a in sorted(grouped.items())]


def shown(role):
    if role is None:
        return {}
    return {"name": role.get("name"), "description": role.get("description") or "", "permissions": permissions_of(role)}


def run(module):
    params = module.params
    name = validate_label(params["name"], "name")
    if params["description"] is not None:
        check_text(params["description"], "description", lines=True)
    bad = [p for p in params["permissions"] if not PERMISSION.fullmatch(p)]
    if bad or not params["permissions"]:
        raise InputError("permissions must be domain:entity:action strings such as messaging:*:*, got %s" % quoted(bad or []))
    client = GcClient.from_params(params, module.check_mode)
    current = client.find_role(name)

    if params["state"] == "absent":
        return ensure_absent(current, lambda role: client.delete_role(role["id"]), module.check_mode, "role", shown)

    before = shown(current)
    description = params["description"] if params["description"] is not None else before.get("description", "")
    body = {"name": name, "description": description, "permissionPolicies": policies(sorted(set(params["permissions"])))}
    after = shown(body)
    changed = before != after
    role_id = (current or {}).get("id")
    if changed and not module.check_mode:
        if current:
            saved = client.update_role(role_id, body, lambda role: shown(role) == after)
        else:
            saved = client.create_role(body)
        role_id = (saved or {}).get("id", role_id)
    return changed, {"role": dict(after, id=role_id)}, {"before": before, "after": after}


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    spec = argument_spec(
        GC_OPTIONS,
        name={"type": "str", "required": True},
        description={"type": "str"},
        permissions={"type": "list", "elements": "str", "default": ["messaging:*:*", "messagingProvisioning:*:*"]},
        state={"type": "str", "choices": ["present", "absent"], "default": "present"},
    )
    return dict(argument_spec=spec)


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

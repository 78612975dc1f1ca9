#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: gc_oauth_client
short_description: Genesys Cloud API - manage a client-credentials OAuth client by name
version_added: 1.0.0
description:
  - Creates, updates or deletes a Genesys Cloud OAuth client with the Client Credentials grant that holds
    the given roles, the runbook's C(Nexus Messaging Integration) client, which it creates by hand.
  - The client secret is returned only when this task creates the client. Register it with C(no_log)
    on the task; the module warns when the task does not.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.genesys_cloud
  - cxops.digital_channels.connection
  - cxops.digital_channels.attributes.GENESYS_CLOUD
  - cxops.digital_channels.attributes.ACTIONS
options:
  name:
    description: Name of the OAuth client (the runbook's App Name).
    type: str
    required: true
  description:
    description: Description of the client. Not compared when omitted.
    type: str
  roles:
    description:
      - Names of the roles the client holds, compared as a set. Each must exist
        (see M(cxops.digital_channels.gc_role)); in check mode a role that does not exist yet only warns.
      - Each name is trimmed and must be one line of at most 200 characters, as for a role's name;
        this is checked before any request.
    type: list
    elements: str
    default: []
  division:
    description:
      - Name of the division the O(roles) are granted in. The home division when omitted.
      - The API grants roles per division (C(roleDivisions)); a client that the API shows only with the
        deprecated C(roleIds) holds them in the home division.
    type: str
  access_token_validity_seconds:
    description: Lifetime of the tokens the client gets, 300 to 172800 seconds.
    type: int
    default: 86400
  state:
    description: V(present) creates or updates the client, V(absent) deletes it if it exists.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Uses C(/api/v2/oauth/clients) of the Genesys Cloud Platform API with C(authorizedGrantType=CLIENT-CREDENTIALS)
    and C(roleDivisions) (C(roleIds) is deprecated, SDK 269.0.0), and C(/api/v2/authorization/divisions) to find
    the division; see C(docs/api-facts.md).
seealso:
  - module: cxops.digital_channels.gc_role
"""

EXAMPLES = r"""
- name: The runbook's Nexus Messaging Integration client
  cxops.digital_channels.gc_oauth_client:
    region: us-east-1
    access_token: "{{ vault_gc_admin_token }}"
    name: Nexus Messaging Integration
    roles: [Nexus Messaging]
  register: nexus_client
  no_log: true
"""

RETURN = r"""
oauth_client:
  description: The client after the task (predicted in check mode); V(null) with O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: The client ID (the runbook's C($clientId)), V(null) in check mode before creation.
      type: str
    name:
      description: Client name.
      type: str
    description:
      description: Client description.
      type: str
    roles:
      description: Names of the roles the client holds, sorted.
      type: list
      elements: str
    role_divisions:
      description: Each role with the division it is granted in, as C(<role> in <division>), sorted.
      type: list
      elements: str
      sample: ["Nexus Messaging in Home"]
    access_token_validity_seconds:
      description: Token lifetime in seconds.
      type: int
    client_secret:
      description: The client secret (the runbook's C($clientSecret)), only when this task created the client. Sensitive.
      type: str
      returned: when created
diff:
  description: Name, description, roles, the divisions they are granted in and token lifetime before and after; never the secret.
  returned: always
  type: dict
"""

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GC_OPTIONS, GcClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import Revealed
from ansible_collections.cxops.digital_channels.plugins.module_utils._resource import ensure_absent
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import argument_spec, check_text, validate_label


def resolve_roles(client, names, check_mode, warn):
    """Role name -> id; a missing role fails, except in check mode where an earlier task may create it."""
    ids = {}
    for name in sorted(set(names)):
        role = client.find_role(name)
        if role is not None:
            ids[name] = role["id"]
        elif check_mode:
            warn("role %r does not exist yet; a real run fails unless an earlier task creates it" % name)
            ids[name] = None
        else:
            raise InputError("role %r does not exist; create it first (gc_role)" % name)
    return ids


def role_pairs(entity, home_id):
    """{(roleId, divisionId)} a client holds: its roleDivisions, or, when the API answers only the
    deprecated roleIds, those roles in the home division (where the API grants them)."""
    if isinstance(entity.get("roleDivisions"), list):
        return {(p.get("roleId"), p.get("divisionId")) for p in entity["roleDivisions"] if isinstance(p, dict)}
    return {(role_id, home_id) for role_id in entity.get("roleIds") or []}


def shown(entity, pairs, names):
    """The client as diffs show it: roles by name, each with the division it is granted in."""
    if entity is None:
        return {}
    return {
        "name": entity.get("name"),
        "description": entity.get("description") or "",
        "roles": sorted({names.get(role, role) for role, dummy in pairs}),
        "role_divisions": sorted("%s in %s" % (names.get(role, role), names.get(division, division)) for role, division in pairs),
        "access_token_validity_seconds": entity.get("accessTokenValiditySeconds"),
    }


def resolve_division(client, name, home):
    """(id, name) of the division the roles are granted in: the named one, or the home division."""
    if name is None:
        return home["id"], home["name"]
    division = client.find_division(name)
    if division is None:
        raise InputError("division %r does not exist" % name)
    return division["id"], division["name"]


def run(module):
    params = module.params
    name = validate_label(params["name"], "name")
    if params["description"] is not None:
        check_text(params["description"], "description", lines=True)
    # Role names follow gc_role's rules for a name, checked before any request.
    roles = [validate_label(role, "roles[%d]" % index) for index, role in enumerate(params["roles"])]
    if not 300 <= params["access_token_validity_seconds"] <= 172800:
        raise InputError("access_token_validity_seconds must be between 300 and 172800")
    division_name = validate_label(params["division"], "division") if params["division"] is not None else None
    client = GcClient.from_params(params, module.check_mode)
    current = client.find_oauth_client(name)

    if params["state"] == "absent":
        return ensure_absent(current, lambda found: client.delete_oauth_client(found["id"]), module.check_mode,
                             "oauth_client", lambda found: shown(found, role_pairs(found or {}, None), {}))

    home = client.home_division()
    division_id, division_name = resolve_division(client, division_name, home)
    role_ids = resolve_roles(client, roles, module.check_mode, module.warn)
    names = {home["id"]: home["name"], division_id: division_name}
    names.update((i, n) for n, i in role_ids.items() if i)
    have = role_pairs(current or {}, home["id"])
    for role_id, held_in in have:
        if role_id not in names:
            names[role_id] = (client.get_role(role_id) or {}).get("name", role_id)
        if held_in not in names:
            names[held_in] = (client.get_division(held_in) or {}).get("name", held_in)
    want = {(role_ids[n] or n, division_id) for n in role_ids}
    before = shown(current, have, names)
    description = params["description"] if params["description"] is not None else before.get("description", "")
    after = shown({"name": name, "description": description,
                   "accessTokenValiditySeconds": params["access_token_validity_seconds"]}, want, names)
    changed = before != after
    result = dict(after, id=(current or {}).get("id"))
    if changed and not module.check_mode:
        body = {
            "name": name, "description": description, "authorizedGrantType": "CLIENT-CREDENTIALS",
            # roleIds is deprecated in the API (SDK 269.0.0): roles are granted per division.
            "roleDivisions": [{"roleId": role_ids[n], "divisionId": division_id} for n in sorted(role_ids)],
            "accessTokenValiditySeconds": params["access_token_validity_seconds"],
        }
        if current:
            client.update_oauth_client(current["id"], body,
                                       lambda saved: shown(saved, role_pairs(saved or {}, home["id"]), names) == after)
        else:
            created = client.create_oauth_client(body) or {}
            result["id"] = created.get("id")
            if created.get("secret"):
                if not module.no_log:
                    module.warn("gc_oauth_client returns the new client secret in clear; set no_log: true on this task")
                result["client_secret"] = Revealed(created["secret"])
    return changed, {"oauth_client": result}, {"before": before, "after": after}


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    spec = argument_spec(
        GC_OPTIONS,
        name={"type": "str", "required": True},
        description={"type": "str"},
        roles={"type": "list", "elements": "str", "default": []},
        division={"type": "str"},
        access_token_validity_seconds={"type": "int", "default": 86400, "no_log": False},
        state={"type": "str", "choices": ["present", "absent"], "default": "present"},
    )
    return dict(argument_spec=spec)


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

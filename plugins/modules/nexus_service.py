#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: nexus_service
short_description: Nexus API - manage one Digital Channels provisioning service
version_added: 1.0.0
description:
  - Creates, updates or deletes one service of a tenant through the Nexus provisioning API,
    such as C(SMS), C(mGageSMS), C(Async), C(PurecloudIDP) or C(PorticoSMS).
  - Reads the service first and writes only when O(url) or O(data) differ from what the API returns,
    or the secret has to be written. A second run with the same options sends no write.
  - The API replaces the whole service on every write, so a write always sends O(url), O(data) and O(secret) together.
  - Secret values are write-only in the API. Secrets that the API shows are compared; hidden ones are
    compared by shape (which keys and how many list items) and otherwise O(update_secret) decides.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.nexus
  - cxops.digital_channels.connection
  - cxops.digital_channels.attributes.NEXUS
  - cxops.digital_channels.attributes.ACTIONS
options:
  name:
    description:
      - Name of the service, letters, digits, V(_) and V(-) only.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the service, V(absent) deletes it if it exists.
    type: str
    choices: [present, absent]
    default: present
  url:
    description:
      - The service's C(url), an http(s) URL or V(N/A) for services without one.
      - A missing URL in the API counts as V(N/A).
    type: str
    default: N/A
  data:
    description:
      - The service's C(data) object, compared as a whole (key order does not matter, list order does).
      - When omitted, the current data is kept (and sent back unchanged on a write); a new service gets V({}).
    type: dict
  secret:
    description:
      - The service's C(secret) object, for example C(username) and C(password) of C(mGageSMS).
      - When omitted, secrets are not managed. A write that O(url) or O(data) requires then fails if
        the service holds a secret the API hides, because the write would erase it.
    type: dict
  secret_identifiers:
    description:
      - Parts of O(secret) that identify rather than protect, such as the C(channelId) of each C(Async) channel,
        merged into O(secret) before it is compared and sent (objects key by key, lists item by item).
      - Given here instead of in O(secret), they are not masked. Ansible masks every value of a C(no_log) option
        wherever it appears, so a channel ID inside O(secret) would also be hidden in O(data), in diffs and in the
        drift report.
      - Lists must have as many items as the matching lists of O(secret).
    type: dict
  update_secret:
    description:
      - What to do when the API hides the current secret values, so they cannot be compared.
      - V(on_create) writes the secret only when the service is created or its shape differs.
      - V(always) writes it on every run, so the task always reports C(changed).
    type: str
    choices: [on_create, always]
    default: on_create
notes:
  - The provisioning API is documented by Genesys only for C(POST). This module assumes C(GET) returns
    the service with secret values redacted (404 when absent) and C(DELETE) removes it;
    see C(docs/api-facts.md) in the collection.
seealso:
  - module: cxops.digital_channels.nexus_service_info
"""

EXAMPLES = r"""
- name: Select Kaleyra (mGage) as the SMS provider
  cxops.digital_channels.nexus_service:
    nexus_url: https://digital.example.com
    api_key: "{{ vault_nexus_api_key }}"
    ccid: 45acae06-6b7c-4f97-9c76-471cb5c21bf7
    name: SMS
    data:
      provider: mGage

- name: Connect the tenant to Kaleyra
  cxops.digital_channels.nexus_service:
    nexus_url: https://digital.example.com
    api_key: "{{ vault_nexus_api_key }}"
    ccid: 45acae06-6b7c-4f97-9c76-471cb5c21bf7
    name: mGageSMS
    url: http://directtext.mgage.com
    data: {}
    secret:
      username: "{{ vault_kaleyra_username }}"
      password: "{{ vault_kaleyra_password }}"

- name: The custom gateway, its channel IDs kept out of the no_log secret so they stay readable
  cxops.digital_channels.nexus_service:
    nexus_url: https://digital.example.com
    api_key: "{{ vault_nexus_api_key }}"
    ccid: 45acae06-6b7c-4f97-9c76-471cb5c21bf7
    name: Async
    data:
      channels:
        - {channelId: "16504661149", webhook: {url: https://genesys-webhook.company.com}}
    secret:
      channels:
        - {webhook: {secret: "{{ vault_webhook_key }}"}, api: {secret: "{{ vault_api_key }}"}}
    secret_identifiers:
      channels:
        - {channelId: "16504661149"}

- name: Connection options once per play with the action group
  module_defaults:
    group/cxops.digital_channels.nexus:
      nexus_url: https://digital.example.com
      api_key: "{{ vault_nexus_api_key }}"
      ccid: 45acae06-6b7c-4f97-9c76-471cb5c21bf7
  block:
    - name: Rotate the Kaleyra password on every run
      cxops.digital_channels.nexus_service:
        name: mGageSMS
        url: http://directtext.mgage.com
        secret:
          username: "{{ vault_kaleyra_username }}"
          password: "{{ vault_kaleyra_password }}"
        update_secret: always

    - name: Remove the custom gateway service
      cxops.digital_channels.nexus_service:
        name: Async
        state: absent
"""

RETURN = r"""
service:
  description:
    - The service after the task (as predicted in check mode), secret values masked.
    - V(null) when O(state=absent).
  returned: always
  type: dict
  contains:
    name:
      description: Service name.
      type: str
      sample: mGageSMS
    url:
      description: Service URL, V(N/A) when it has none.
      type: str
      sample: http://directtext.mgage.com
    data:
      description: Service data.
      type: dict
      sample: {}
    secret:
      description: The secret's keys with every value masked.
      type: dict
      sample: {"username": "********", "password": "********"}
secret_unverified:
  description:
    - V(true) when the service holds a secret the API does not show and this task did not write it
      (O(update_secret=on_create)), so nothing proves the stored secret is the one given.
    - The drift report lists such services; C(update_secret=always) (the roles' C(sms_update_secrets=always)) writes it.
  returned: when O(state=present)
  type: bool
  sample: true
diff:
  description: Before and after of O(url), O(data) and the masked secret; a secret about to be written shows C(******** (new value)).
  returned: always
  type: dict
  sample:
    before: {"url": "N/A", "data": {"provider": "Async"}, "secret": {}}
    after: {"url": "N/A", "data": {"provider": "mGage"}, "secret": {}}
"""

from ansible_collections.cxops.digital_channels.plugins.module_utils._compare import (
    DIFFERENT,
    UNKNOWN,
    compare_hidden,
    has_hidden,
    leaves,
    overlay,
    reveal,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import MASK, NEW_SECRET_MASK, mask
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus import (
    DEFAULT_SERVICE_URL,
    NEXUS_OPTIONS,
    NexusClient,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._resource import ensure_absent
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    argument_spec,
    check_strings,
    validate_name,
    validate_service_url,
)


def shown(service, secret_marker=None, identifiers=None):
    """The service as diff and return value show it: secret values masked, identifiers in it as they are."""
    if service is None:
        return {}
    secret = reveal(mask(service["secret"], secret_marker or MASK), service["secret"], identifiers)
    return {"url": service["url"], "data": service["data"], "secret": secret}


def plan_secret(params, current, wanted):
    """(secret to send, whether that write changes it, whether a hidden secret was left uncompared)."""
    if current is None:
        return (wanted or {}), bool(wanted), False
    if wanted is None:
        return current["secret"], False, False
    # A secret that shows no masked value may have had its redacted keys left out (NX-REDACT-MASK).
    verdict = compare_hidden(wanted, current["secret"], missing_hidden=not has_hidden(current["secret"]))
    rewrite = verdict == UNKNOWN and params["update_secret"] == "always"
    return wanted, verdict == DIFFERENT or rewrite, verdict == UNKNOWN and not rewrite


def run(module):
    params = module.params
    name = validate_name(params["name"], "name")
    url = validate_service_url(params["url"], "url")
    identifiers = params["secret_identifiers"]
    if identifiers is not None and params["secret"] is None:
        raise InputError("secret_identifiers needs secret")
    for option in ("data", "secret", "secret_identifiers"):
        check_strings(params[option], option)
    wanted_secret = overlay(params["secret"], identifiers)
    client = NexusClient.from_params(params, module.check_mode)

    current = client.get_service(name)

    if params["state"] == "absent":
        return ensure_absent(current, lambda dummy: client.delete_service(name), module.check_mode, "service", shown)

    secret, secret_changed, unverified = plan_secret(params, current, wanted_secret)
    data = params["data"]
    if data is None:
        data = current["data"] if current else {}
    desired = {"url": url, "data": data, "secret": secret}
    changed = current is None or secret_changed or desired["url"] != current["url"] or data != current["data"]
    if changed and params["secret"] is None and has_hidden(secret):
        raise InputError(
            "service %s holds a secret the API does not show; changing url or data rewrites the whole "
            "service, so give its secret option too" % name
        )
    if changed and not module.check_mode:
        client.put_service(name, url, data, secret, before=current, hidden=list(leaves(params["secret"] or {})))

    result = {"service": dict(shown(desired, identifiers=identifiers), name=name), "secret_unverified": unverified}
    diff = {"before": shown(current, identifiers=identifiers),
            "after": shown(desired, NEW_SECRET_MASK if secret_changed else None, identifiers)}
    return changed, result, diff


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    spec = argument_spec(
        NEXUS_OPTIONS,
        name={"type": "str", "required": True},
        state={"type": "str", "choices": ["present", "absent"], "default": "present"},
        url={"type": "str", "default": DEFAULT_SERVICE_URL},
        data={"type": "dict"},
        secret={"type": "dict", "no_log": True},
        secret_identifiers={"type": "dict", "no_log": False},
        update_secret={"type": "str", "choices": ["on_create", "always"], "default": "on_create"},
    )
    return dict(argument_spec=spec)


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

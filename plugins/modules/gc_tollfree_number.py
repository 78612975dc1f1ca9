#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: gc_tollfree_number
short_description: Genesys Cloud API - order and register SMS toll-free numbers for Digital Channels
version_added: 1.0.0
description:
  - Makes sure the toll-free numbers in O(numbers) are owned by the Genesys Cloud organization and
    deliver SMS to Digital Channels, the runbook's "Order a toll-free number" step for option 3 (Portico).
  - Lists owned numbers first and orders only the missing ones, in one request with an array.
    A second run with the same options orders nothing and sends no write.
  - Each number costs money. The module never orders in check mode (it reports what it would order),
    refuses to order more than O(max_new_numbers) numbers in one run, refuses numbers that are not in
    the pool of available numbers before ordering anything, and never repeats an order whose outcome
    is unknown (timeout, 5xx, dropped connection) without listing owned numbers first.
  - Owned numbers whose C(moUrl), C(drUrl), C(webhookUsername), C(comment) or C(emailAddress) differ
    from the desired values are updated in place with C(PATCH) (the API allows it); the webhook
    password is write-only, so O(update_webhook_password) decides when it is sent.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.genesys_cloud
  - cxops.digital_channels.connection
  - cxops.digital_channels.attributes.GENESYS_CLOUD
  - cxops.digital_channels.attributes.ACTIONS
options:
  numbers:
    description:
      - The toll-free numbers the organization should own, each by its number, in any usual format
        (V(+18445551212), V(18445551212), V(844-555-1212); compared as E.164), or by a pattern (O(numbers[].area_code)
        and/or O(numbers[].vanity)).
      - A number that is not among the (at most 100) numbers the API offers first is looked up with the API's own
        vanity search for its last seven digits before it is refused.
      - A pattern is met by an owned number that matches it and whose C(webhookUsername) is this tenant's
        (O(webhook_username)), and that no other entry names; else the first number the API offers that matches is
        ordered. A rerun finds the owned number and orders nothing.
    type: list
    elements: dict
    required: true
    suboptions:
      number:
        description: The toll-free number; North American toll-free area codes only. Or give a pattern.
        type: str
      area_code:
        description:
          - A toll-free area code (V(800), V(833), V(844), V(855), V(866), V(877), V(888)) the number must have.
          - Alone, it looks only at the first numbers the API offers (the API searches by vanity digits, not by
            area code); add O(numbers[].vanity) to search further.
        type: str
      vanity:
        description:
          - 4 to 7 letters or digits the number must have after its area code (letters as on a phone keypad, so
            V(SHOP) is V(7467)); searched with the API's C(vanity) parameter.
        type: str
      comment:
        description: Free text for Genesys Customer Care, for example your organization name.
        type: str
      email_address:
        description: Who Genesys Customer Care contacts about this number.
        type: str
  nexus_url:
    description:
      - Base URL of Digital Channels; gives the defaults C({nexus_url}/nexus/v3/sms/message) for O(mo_url)
        and C({nexus_url}/nexus/v3/sms/receipt) for O(dr_url).
      - If not set, the value of the E(NEXUS_URL) environment variable is used.
    type: str
  mo_url:
    description: URL that receives inbound (mobile-originated) messages. Defaults from O(nexus_url).
    type: str
  dr_url:
    description: URL that receives delivery receipts. Defaults from O(nexus_url).
    type: str
  webhook_username:
    description:
      - User name Genesys Cloud sends to Digital Channels with each webhook, the tenant's Contact Center ID (a UUID).
      - If not set, the value of the E(NEXUS_CCID) environment variable is used.
    type: str
    required: true
  webhook_password:
    description:
      - Password Genesys Cloud sends with each webhook, the Digital Channels cluster API key
        (see M(cxops.digital_channels.nexus_api_key)). Needed when a number is ordered or the password is updated.
    type: str
  update_webhook_password:
    description:
      - The API never shows the webhook password. V(on_create) sends it only when ordering,
        V(always) also updates every owned number on every run (always reports C(changed)).
    type: str
    choices: [on_create, always]
    default: on_create
  max_new_numbers:
    description:
      - The most numbers this task may order in one run. A run that would order more fails before
        ordering anything. Set V(0) to forbid ordering (audit or update only).
    type: int
    default: 1
  wait:
    description: Wait until the order has completed (or failed) before returning.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait for the order with O(wait).
    type: int
    default: 300
notes:
  - The owned-number listing, the order and the update follow the Genesys Cloud Platform API
    C(/api/v2/messaging/sms/provisioning/tollfreenumbers) (GET, POST array, PATCH C({tollfreeNumberCode})).
    That numbers of an accepted order are listed at once (status pending) is an assumption the
    exactly-once ordering relies on; see C(docs/api-facts.md).
seealso:
  - module: cxops.digital_channels.gc_tollfree_number_info
  - module: cxops.digital_channels.nexus_api_key
"""

EXAMPLES = r"""
- name: Own and register the tenant's toll-free number
  cxops.digital_channels.gc_tollfree_number:
    region: us-east-1
    client_id: "{{ vault_gc_client_id }}"
    client_secret: "{{ vault_gc_client_secret }}"
    nexus_url: https://digital.example.com
    webhook_username: 45acae06-6b7c-4f97-9c76-471cb5c21bf7
    webhook_password: "{{ vault_portico_cluster_api_key }}"
    numbers:
      - number: "+1 844 555 0101"
        comment: Nexus Premise ACME Corp
        email_address: sms.admin@acme.example.com

- name: Own one number of area code 888 with 0142 in it, whichever the API offers (a rerun orders nothing)
  cxops.digital_channels.gc_tollfree_number:
    region: us-east-1
    nexus_url: https://digital.example.com
    webhook_username: 45acae06-6b7c-4f97-9c76-471cb5c21bf7
    webhook_password: "{{ vault_portico_cluster_api_key }}"
    numbers:
      - area_code: "888"
        vanity: "0142"
        comment: Nexus Premise ACME Corp

- name: Audit only, never buy
  cxops.digital_channels.gc_tollfree_number:
    region: us-east-1
    nexus_url: https://digital.example.com
    webhook_username: 45acae06-6b7c-4f97-9c76-471cb5c21bf7
    numbers: "{{ tenant_numbers }}"
    max_new_numbers: 0
  check_mode: true
"""

RETURN = r"""
numbers:
  description: The desired numbers as the organization has them after the task (predicted in check mode).
  returned: always
  type: list
  elements: dict
  contains:
    number:
      description: E.164 number.
      type: str
      sample: "+18445550101"
    status:
      description: Status the API reports, V(null) for a number not ordered yet (check mode).
      type: str
      sample: Active
    mo_url:
      description: Inbound message URL.
      type: str
      sample: https://digital.example.com/nexus/v3/sms/message
    dr_url:
      description: Delivery receipt URL.
      type: str
      sample: https://digital.example.com/nexus/v3/sms/receipt
    webhook_username:
      description: Webhook user name (Contact Center ID).
      type: str
    comment:
      description: Comment for Genesys Customer Care.
      type: str
    email_address:
      description: Contact e-mail address.
      type: str
ordered:
  description: Numbers ordered by this run (in check mode, that would be ordered).
  returned: always
  type: list
  elements: str
  sample: ["+18445550101"]
updated:
  description: Owned numbers updated in place (in check mode, that would be).
  returned: always
  type: list
  elements: str
  sample: []
order:
  description: The order as last read, V(null) when nothing was ordered or its id was lost with a dropped connection.
  returned: always
  type: dict
  sample: {"orderId": "9b0f3c55-1f5e-4c1f-9a53-4c2b8f0e7d11", "status": "Completed"}
secret_unverified:
  description:
    - V(true) when numbers are owned whose webhook password this task did not send (the API never shows it,
      so nothing proves it is right). The drift report lists it; O(update_webhook_password=always) sends it.
  returned: always
  type: bool
diff:
  description: Settings of the desired numbers before and after, keyed by number; the webhook password is never shown.
  returned: always
  type: dict
"""

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError, OutcomeError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GC_OPTIONS, GcClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import argument_spec, credential, env_option
from ansible_collections.cxops.digital_channels.plugins.module_utils._tollfree import (
    FAILED,
    Pool,
    check_available,
    desired_numbers,
    listed_number,
    numbers_after,
    order_body,
    order_state,
    plan_numbers,
    resolve_patterns,
    wanted_username,
)


def run(module):
    params = module.params
    wanted, patterns = desired_numbers(params)
    if params["max_new_numbers"] < 0 or params["wait_timeout"] < 0:
        raise InputError("max_new_numbers and wait_timeout must be 0 or more")
    password = credential(params["webhook_password"], "webhook_password")
    client = GcClient.from_params(params, module.check_mode)
    if password:
        client.api.add_secret(password)

    owned = client.list_tollfree()
    pool = Pool(client.available_tollfree)
    wanted, chosen = resolve_patterns(wanted, patterns, owned, wanted_username(params), pool)
    plan = plan_numbers(wanted, owned, password, params["update_webhook_password"], params["max_new_numbers"])
    available = dict(chosen, **pool.find([n for n in plan.missing if n not in chosen]))
    check_available(plan.missing, available)

    order = None
    if plan and not module.check_mode:
        if plan.missing:
            order = place_order(client, order_body(plan.missing, wanted, available, password), params)
        for number, changes in plan.updates.items():
            client.update_tollfree(number, listed_number(owned[number]), changes)
        owned = client.list_tollfree()

    numbers, after = numbers_after(wanted, owned)
    result = {"numbers": numbers, "ordered": plan.missing, "updated": sorted(plan.updates), "order": order,
              # The API never shows the webhook password: owned numbers it was not sent to are unverified.
              "secret_unverified": params["update_webhook_password"] != "always" and any(n in plan.owned for n in wanted)}
    return bool(plan), result, {"before": plan.before(), "after": after}


def place_order(client, entries, params):
    """Order once, then wait for the order's outcome when asked to."""
    order, ordered = client.order_tollfree(entries)
    order_id = (order or {}).get("orderId") or (order or {}).get("id")
    if not order_id or not params["wait"]:
        return order
    final = client.wait_for_order(order_id, params["wait_timeout"])
    if order_state(final) == FAILED:
        raise OutcomeError("order %s for %s ended %s: %s" % (
            order_id, ", ".join(ordered), final.get("status") or final.get("state"),
            final.get("errorMessage") or final.get("message") or "no reason given"))
    return final


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    spec = argument_spec(
        GC_OPTIONS,
        numbers={"type": "list", "elements": "dict", "required": True, "options": {
            "number": {"type": "str"},
            "area_code": {"type": "str"},
            "vanity": {"type": "str"},
            "comment": {"type": "str"},
            "email_address": {"type": "str"},
        }},
        nexus_url=env_option({"type": "str"}, "NEXUS_URL"),
        mo_url={"type": "str"},
        dr_url={"type": "str"},
        webhook_username=env_option({"type": "str", "required": True}, "NEXUS_CCID"),
        webhook_password={"type": "str", "no_log": True},
        update_webhook_password={"type": "str", "choices": ["on_create", "always"], "default": "on_create", "no_log": False},
        max_new_numbers={"type": "int", "default": 1},
        wait={"type": "bool", "default": True},
        wait_timeout={"type": "int", "default": 300},
    )
    return dict(argument_spec=spec)


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

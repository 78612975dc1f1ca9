#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: gc_tollfree_number_info
short_description: Genesys Cloud API - list owned or available SMS toll-free numbers
version_added: 1.0.0
description:
  - Lists the toll-free numbers the organization owns (all pages), or with O(available=true) numbers
    that can be ordered, the runbook's "List purchased and registered numbers" and "Search for available
    toll free-number" steps.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.genesys_cloud
  - cxops.digital_channels.connection
  - cxops.digital_channels.attributes.GENESYS_CLOUD
  - cxops.digital_channels.attributes.INFO
options:
  available:
    description: List numbers available to order instead of owned ones.
    type: bool
    default: false
  number_of_results:
    description: With O(available=true), how many numbers to ask for (1 to 100).
    type: int
    default: 10
  vanity:
    description: With O(available=true), 4 to 7 letters or digits the number should contain.
    type: str
seealso:
  - module: cxops.digital_channels.gc_tollfree_number
"""

EXAMPLES = r"""
- name: Numbers the organization owns
  cxops.digital_channels.gc_tollfree_number_info:
    region: us-east-1
    client_id: "{{ vault_gc_client_id }}"
    client_secret: "{{ vault_gc_client_secret }}"
  register: owned

- name: Five numbers we could order
  cxops.digital_channels.gc_tollfree_number_info:
    region: us-east-1
    client_id: "{{ vault_gc_client_id }}"
    client_secret: "{{ vault_gc_client_secret }}"
    available: true
    number_of_results: 5
  register: pool
"""

RETURN = r"""
numbers:
  description:
    - Owned numbers with their settings (the webhook password is never returned), or available numbers.
  returned: always
  type: list
  elements: dict
  contains:
    number:
      description: E.164 number.
      type: str
      sample: "+18445550101"
    listed_as:
      description: The number exactly as the API lists it (the form an order sends back).
      type: str
      sample: "18445550101"
    status:
      description: Status of an owned number.
      type: str
      sample: Active
    mo_url:
      description: Inbound message URL of an owned number.
      type: str
    dr_url:
      description: Delivery receipt URL of an owned number.
      type: str
    webhook_username:
      description: Webhook user name of an owned number.
      type: str
    comment:
      description: Comment of an owned number.
      type: str
    email_address:
      description: Contact e-mail address of an owned number.
      type: str
"""

import re

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GC_OPTIONS, GcClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import quoted
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import argument_spec
from ansible_collections.cxops.digital_channels.plugins.module_utils._tollfree import listed_number, settings_of


def run(module):
    params = module.params
    if not 1 <= params["number_of_results"] <= 100:
        raise InputError("number_of_results must be between 1 and 100, got %d" % params["number_of_results"])
    if params["vanity"] is not None and not re.fullmatch(r"[A-Za-z0-9]{4,7}", params["vanity"]):
        raise InputError("vanity must be 4 to 7 letters or digits, got %s" % quoted(params["vanity"], 60))
    client = GcClient.from_params(params, module.check_mode)
    if params["available"]:
        numbers = [{"number": n, "listed_as": listed}
                   for n, listed in client.available_tollfree(params["number_of_results"], params["vanity"]).items()]
    else:
        numbers = [
            dict(settings_of(entity), number=number, listed_as=listed_number(entity), status=entity.get("status"))
            for number, entity in sorted(client.list_tollfree().items())
        ]
    return False, {"numbers": numbers}, None


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    spec = argument_spec(
        GC_OPTIONS,
        available={"type": "bool", "default": False},
        number_of_results={"type": "int", "default": 10},
        vanity={"type": "str"},
    )
    return dict(argument_spec=spec)


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

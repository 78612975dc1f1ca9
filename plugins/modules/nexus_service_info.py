#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: nexus_service_info
short_description: Nexus API - read Digital Channels provisioning services
version_added: 1.0.0
description:
  - Reads services of one tenant through the Nexus provisioning API, one GET per name.
  - Secret values are never returned, only which keys the secret has.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.nexus
  - cxops.digital_channels.connection
  - cxops.digital_channels.attributes.NEXUS
  - cxops.digital_channels.attributes.INFO
options:
  names:
    description:
      - Services to read. Services that do not exist are listed in RV(missing).
      - Defaults to the services of the three SMS options
        (V(SMS), V(mGageSMS), V(Async), V(PurecloudIDP), V(PorticoSMS)).
    type: list
    elements: str
seealso:
  - module: cxops.digital_channels.nexus_service
"""

EXAMPLES = r"""
- name: Which SMS provider does the tenant use?
  cxops.digital_channels.nexus_service_info:
    nexus_url: https://digital.example.com
    api_key: "{{ vault_nexus_api_key }}"
    ccid: 45acae06-6b7c-4f97-9c76-471cb5c21bf7
  register: nexus

- name: Show it
  ansible.builtin.debug:
    msg: "{{ nexus.services.SMS.data.provider | default('SMS is not enabled') }}"

- name: Read one service
  cxops.digital_channels.nexus_service_info:
    names: [PorticoSMS]
  register: portico
"""

RETURN = r"""
services:
  description: The services that exist, keyed by name, secret values masked.
  returned: always
  type: dict
  sample:
    SMS:
      url: N/A
      data: {"provider": "mGage"}
      secret: {}
    mGageSMS:
      url: http://directtext.mgage.com
      data: {}
      secret: {"username": "********", "password": "********"}
secrets_in_clear:
  description:
    - Services whose secret values Digital Channels showed in clear rather than masked (docs/api-facts.md,
      NX-REDACT-MASK); they are masked in this result all the same.
  returned: always
  type: list
  elements: str
  sample: []
  version_added: 2.0.0
missing:
  description: Requested names that do not exist.
  returned: always
  type: list
  elements: str
  sample: [Async, PurecloudIDP, PorticoSMS]
"""

from ansible_collections.cxops.digital_channels.plugins.module_utils._compare import is_hidden, leaves
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import mask
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus import (
    NEXUS_OPTIONS,
    SMS_SERVICES,
    NexusClient,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import argument_spec, validate_name


def run(module):
    names = module.params["names"]
    if names is None:
        names = list(SMS_SERVICES)
    names = [validate_name(name, "names") for name in names]
    client = NexusClient.from_params(module.params, module.check_mode)
    services = {}
    missing = []
    in_clear = []
    for name in dict.fromkeys(names):
        service = client.get_service(name)
        if service is None:
            missing.append(name)
            continue
        services[name] = dict(service, secret=mask(service["secret"]))
        identifiers = set(leaves(service["data"]))
        if any(not is_hidden(value) and value not in identifiers for value in leaves(service["secret"])):
            in_clear.append(name)
    return False, {"services": services, "missing": missing, "secrets_in_clear": in_clear}, None


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    return dict(argument_spec=argument_spec(NEXUS_OPTIONS, names={"type": "list", "elements": "str"}))


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

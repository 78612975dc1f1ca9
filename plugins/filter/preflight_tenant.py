# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: preflight_tenant
short_description: One tenant's preflight verdict per API plane, from the results the checks registered
version_added: 1.0.0
description:
  - Used by C(playbooks/preflight.yml). Turns the registered results of the read-only checks of one tenant into a
    verdict per plane (C(nexus), C(gax), C(genesys_cloud)), one of V(ok), V(failed) with a one-line message and the
    kind of failure, or V(skipped) when the tenant's C(sms_option) does not use the plane.
  - A plane's TLS is reported from its URLs, C(validate_certs) and what the requests showed, see C(docs/preflight.md).
author:
  - cxops contributors (@cxops)
positional: require_tls
options:
  _input:
    description:
      - C(sms_option) and C(planes), a dictionary with one entry per plane holding C(used) (default V(true)),
        C(reason) (why it is not used), C(urls), C(validate_certs) and C(checks), the registered result of each
        check task by check name.
      - The checks are C(services) and C(api_keys) for C(nexus), C(nexus_services) for C(gax), C(integration),
        C(admin_roles) and C(admin_clients) for C(genesys_cloud). A skipped task is a skipped check.
    type: dict
    required: true
  require_tls:
    description: Fail a plane whose URL is plain C(http) or whose certificate is not verified.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Summarize the tenant
  ansible.builtin.set_fact:
    preflight_result: "{{ probes | cxops.digital_channels.preflight_tenant }}"
  vars:
    probes:
      sms_option: kaleyra
      planes:
        nexus:
          urls: ["https://digital.example.com"]
          validate_certs: true
          checks:
            services: "{{ preflight_nexus_services }}"
        gax:
          used: false
          reason: no sender IDs
"""

RETURN = r"""
_value:
  description: The tenant's verdict.
  type: dict
  contains:
    sms_option:
      description: The tenant's SMS option.
      type: str
    status:
      description: V(failed) when any plane failed or the SMS option is not valid, else V(ok).
      type: str
    errors:
      description: Problems of the inventory itself, such as an unknown SMS option.
      type: list
      elements: str
    failures:
      description: One line per failed plane, the plane, the check and the message, separated by colons.
      type: list
      elements: str
    planes:
      description:
        - Per plane C(label), C(status), C(message) (why it failed or was skipped), C(kind) of a failure
          (V(auth), V(tls), V(response_shape), V(connection), V(http), V(not_found), V(write_refused) or V(input)),
          C(tls) (C(status), C(urls), C(validate_certs), C(message)) and C(checks), each with C(name), C(label),
          C(status) and C(detail) or C(message).
      type: dict
"""

from ansible_collections.cxops.digital_channels.plugins.plugin_utils._preflight import tenant_result


def preflight_tenant(probes, require_tls=False):
    return tenant_result(probes, require_tls)


class FilterModule:
    def filters(self):
        return {"preflight_tenant": preflight_tenant}

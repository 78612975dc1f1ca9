# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: preflight_report
short_description: The preflight report of every tenant as JSON data, Markdown and a console table
version_added: 1.0.0
description:
  - Used by C(playbooks/preflight.yml). Takes the verdict of each tenant (from the
    P(cxops.digital_channels.preflight_tenant#filter) filter) and returns the report the playbook writes to
    C(preflight.json) and C(preflight.md) and prints.
  - A tenant without a verdict (a task failed before its summary) counts as failed.
author:
  - cxops contributors (@cxops)
positional: playbook
options:
  _input:
    description: Tenant name to its verdict.
    type: dict
    required: true
  playbook:
    description: Name of the playbook, shown in the report.
    type: str
    default: preflight.yml
"""

EXAMPLES = r"""
- name: Build the report
  ansible.builtin.set_fact:
    preflight: "{{ dict(ansible_play_hosts_all | zip(ansible_play_hosts_all | map('extract', hostvars, 'preflight_result')))
                   | cxops.digital_channels.preflight_report }}"
  run_once: true

- name: Show it
  ansible.builtin.debug:
    msg: "{{ preflight.table }}"
  run_once: true
"""

RETURN = r"""
_value:
  description: The report.
  type: dict
  contains:
    json:
      description:
        - C(generated) (UTC time), C(playbook), C(ok) (no tenant failed), C(failed_tenants), C(failures) (one line per
          failed tenant and plane, the tenant, plane, check and message separated by colons) and C(tenants) (each
          tenant's verdict).
      type: dict
    markdown:
      description: The same as a Markdown document, a table of tenants and planes, then every check of every tenant.
      type: str
    table:
      description: Console lines, one row per tenant with the status and TLS of each plane, then one line per failure.
      type: list
      elements: str
"""

from ansible_collections.cxops.digital_channels.plugins.plugin_utils._preflight import report


def preflight_report(results, playbook="preflight.yml"):
    return report(results, playbook)


class FilterModule:
    def filters(self):
        return {"preflight_report": preflight_report}

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: drift_report
short_description: A host's entry of the drift report, found where the drift_report callback writes it
version_added: 1.0.0
description:
  - Reads C(drift.json) from the report directory the P(cxops.digital_channels.drift_report#callback) callback
    is configured with (C(report_dir), E(CXOPS_DRIFT_REPORT_DIR) or the C([cxops_drift_report]) section of
    C(ansible.cfg)), resolved exactly as the callback resolves it, and returns each host's entry.
  - C(playbooks/audit.yml) uses it to fail the tenants that drifted, so the playbook never recomputes
    where the report is.
author:
  - cxops contributors (@cxops)
options:
  _terms:
    description: Inventory host names. Without any, the lookup returns the report directory.
    type: list
    elements: str
"""

EXAMPLES = r"""
- name: Fail a tenant that drifted
  ansible.builtin.assert:
    that: not lookup('cxops.digital_channels.drift_report', inventory_hostname).drift
"""

RETURN = r"""
_raw:
  description:
    - Without terms, the report directory.
    - Per host, C(drift), C(changes), C(errors) and C(unverified) as in C(drift.json) (empty when the host
      is not in the report), plus C(report), the path of C(drift.md).
  type: list
  elements: dict
"""

import json
import os

from ansible.errors import AnsibleLookupError
from ansible.plugins.loader import callback_loader
from ansible.plugins.lookup import LookupBase

CALLBACK = "cxops.digital_channels.drift_report"


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        callback = callback_loader.get(CALLBACK)
        if callback is None:
            raise AnsibleLookupError("the %s callback plugin is not installed" % CALLBACK)
        callback.set_options()
        report_dir = callback.get_option("report_dir")
        base = (variables or {}).get("playbook_dir") or os.getcwd()
        folder = os.path.join(base, report_dir)
        if not terms:
            return [folder]
        path = os.path.join(folder, "drift.json")
        try:
            with open(path, encoding="utf-8") as handle:
                hosts = json.load(handle).get("hosts", {})
        except (OSError, ValueError) as exc:
            raise AnsibleLookupError("cannot read the drift report %s: %s" % (path, exc)) from None
        return [dict(hosts.get(term, {}), report=os.path.join(folder, "drift.md")) for term in terms]

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
  - Reads C(drift.json) of the running playbook's own run from the directory the
    P(cxops.digital_channels.drift_report#callback) callback writes it to (C(<report_dir>/<playbook>/<run>)), and
    returns each host's entry. Another job's report in the same directory is never read.
  - C(playbooks/audit.yml) uses it to fail the tenants that drifted, so the playbook never recomputes
    where the report is.
author:
  - cxops contributors (@cxops)
options:
  _terms:
    description:
      - Inventory host names.
      - Without any, the lookup returns this run's report directory, or the configured C(report_dir) of the callback
        when the callback does not run (so a playbook can check where it would write).
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
    - Per host, C(drift), C(changes), C(errors) and C(unverified) as in C(drift.json) (no drift and empty lists
      when the host is not in the report), plus C(host), its name, and C(report), the path of C(drift.md).
  type: list
  elements: dict
"""

import json
import os

from ansible.errors import AnsibleLookupError
from ansible.plugins.loader import callback_loader
from ansible.plugins.lookup import LookupBase

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _reports

CALLBACK = "cxops.digital_channels.drift_report"


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        folder = _reports.CURRENT["run_dir"]
        if folder is None:
            if terms:
                raise AnsibleLookupError("no drift report for this run: the %s callback is not enabled, or no play of "
                                         "the playbook runs in check mode" % CALLBACK)
            callback = callback_loader.get(CALLBACK)
            if callback is None:
                raise AnsibleLookupError("the %s callback plugin is not installed" % CALLBACK)
            callback.set_options()
            return [os.path.join((variables or {}).get("playbook_dir") or os.getcwd(), callback.get_option("report_dir"))]
        if not terms:
            return [folder]
        path = os.path.join(folder, "drift.json")
        try:
            with open(path, encoding="utf-8") as handle:
                hosts = json.load(handle).get("hosts", {})
        except (OSError, ValueError) as exc:
            raise AnsibleLookupError("cannot read the drift report %s: %s" % (path, exc)) from None
        empty = {"drift": False, "changes": [], "errors": [], "unverified": []}
        return [dict(empty, **hosts.get(term, {}), host=term, report=os.path.join(folder, "drift.md")) for term in terms]

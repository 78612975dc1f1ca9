# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: drift_report
type: aggregate
short_description: Write what a check-mode run would change, per tenant, as JSON and Markdown
version_added: 1.0.0
description:
  - Records, for every host, each task that reports C(changed) while running in check mode, with the
    diff the module returned (the collection's modules mask secrets in diffs; results of C(no_log)
    tasks are not recorded beyond the task name), and each failed or unreachable task.
  - Writes C(drift.json) after every recorded event and C(drift.md) when the playbook ends, in a directory of
    its own per run, C(<report_dir>/<playbook>/<run>), where C(<playbook>) is the playbook's file name without
    C(.yml) and C(<run>) is C(job-<JOB_ID>) when AWX sets E(JOB_ID), else the UTC time the run started.
    C(<report_dir>/<playbook>/latest) points at the newest run. Reports of different jobs never overwrite each
    other. C(playbooks/audit.yml) reads its own run's C(drift.json) (through the
    P(cxops.digital_channels.drift_report#lookup) lookup) to fail the tenants that drifted.
  - Only plays that run in check mode are recorded, either the whole run (C(--check)) or a play with
    C(check_mode) set to V(true). A task with C(check_mode) set to V(true) in a normal play, such as the roles' plan tasks during
    C(site.yml), is not an audit, and a playbook without a check-mode play writes nothing at all, so a
    C(site.yml) run never leaves a report that claims check mode.
  - Tasks whose result says C(secret_unverified) (a write-only secret the API does not show and the task
    did not write, such as a service password or the numbers' webhook password) are listed per host,
    changed or not, so that "no drift" is never read as "the secrets are right".
  - A playbook whose plays all set the play variable C(drift_report) to V(false) is not an audit and leaves
    the report as it is (C(playbooks/preflight.yml) runs in check mode but writes its own report).
  - The report can hold configuration values, so its directory is created readable by its owner only
    (mode C(0700), also set on an existing directory) and both files are written with mode C(0600).
author:
  - cxops contributors (@cxops)
requirements:
  - enable it in C(callbacks_enabled) (C(playbooks/ansible.cfg) does)
options:
  report_dir:
    description:
      - Directory under which each run writes C(<playbook>/<run>/drift.json) and C(drift.md); created when missing.
      - A relative path is relative to the directory of the C(ansible.cfg) that sets it, else to the current directory.
    type: path
    default: drift-report
    env:
      - name: CXOPS_DRIFT_REPORT_DIR
    ini:
      - section: cxops_drift_report
        key: report_dir
"""

import datetime
import difflib
import json
import os

from ansible import context
from ansible.plugins.callback import CallbackBase

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _reports


def _lines(value):
    return json.dumps(value, indent=2, sort_keys=True, default=str).splitlines()


def render_diff(diff):
    """A unified diff of before/after, the way --diff shows it."""
    if not isinstance(diff, dict):
        return ""
    before, after = diff.get("before", {}), diff.get("after", {})
    if isinstance(before, str) and isinstance(after, str):
        old, new = before.splitlines(), after.splitlines()
    else:
        old, new = _lines(before), _lines(after)
    return "\n".join(difflib.unified_diff(old, new, "before", "after", lineterm=""))


def _opted_out(play):
    """A play that says it is not an audit: play variable drift_report set to false."""
    value = (getattr(play, "vars", None) or {}).get("drift_report")
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "cxops.digital_channels.drift_report"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hosts = {}
        self.playbook = None
        self.basedir = os.getcwd()
        self.checking = False
        self.skip = False
        self.run_dir = None
        self.active = False

    # Events ---------------------------------------------------------------------------------

    def v2_playbook_on_start(self, playbook):
        self.playbook = os.path.basename(getattr(playbook, "_file_name", "") or "")
        self.basedir = getattr(playbook, "_basedir", None) or os.getcwd()
        self.hosts = {}
        plays = playbook.get_plays() if hasattr(playbook, "get_plays") else []
        self.skip = bool(plays) and all(_opted_out(play) for play in plays)
        base = os.path.join(self.basedir, self.get_option("report_dir"))
        self.run_dir = _reports.run_dir(base, self.playbook, _reports.run_name())
        self.active = False
        _reports.CURRENT["run_dir"] = None if self.skip else self.run_dir

    def v2_playbook_on_play_start(self, play):
        self.checking = not self.skip and (bool(context.CLIARGS.get("check")) or getattr(play, "check_mode", None) is True)
        if self.checking and not self.active:
            # The first audited play: the report exists from now on, so the audit's own lookup can read it.
            self.active = True
            self._write_json()
            _reports.point_latest(self.run_dir)

    def v2_runner_on_ok(self, result):
        if not self._in_check(result):
            return
        host = self._host(result._host.get_name())
        if result._result.get("secret_unverified") is True:
            host["unverified"].append({"task": result._task.get_name(), "action": result._task.action})
            self._write_json()
        if not result._result.get("changed"):
            return
        entry = {"task": result._task.get_name(), "action": result._task.action}
        if result._task.no_log or result._result.get("_ansible_no_log"):
            entry["note"] = "details hidden: the task has no_log"
        else:
            diffs = result._result.get("diff")
            diffs = diffs if isinstance(diffs, list) else [diffs] if diffs else []
            entry["diff"] = [render_diff(d) for d in diffs if render_diff(d)]
        host["changes"].append(entry)
        self._write_json()

    def v2_runner_on_failed(self, result, ignore_errors=False):
        if ignore_errors or not self._in_check(result):
            return
        message = "details hidden: the task has no_log" if result._task.no_log else result._result.get("msg", "failed")
        self._host(result._host.get_name())["errors"].append({"task": result._task.get_name(), "msg": message})
        self._write_json()

    def v2_runner_on_unreachable(self, result):
        if self.checking:
            self._host(result._host.get_name())["errors"].append({"task": result._task.get_name(), "msg": "unreachable"})
            self._write_json()

    def v2_playbook_on_stats(self, stats):
        if not self.active:
            return
        self._write_json()
        self._write_markdown()

    # Report ---------------------------------------------------------------------------------

    def _in_check(self, result):
        return self.checking

    def _host(self, name):
        return self.hosts.setdefault(name, {"changes": [], "errors": [], "unverified": []})

    def _dir(self):
        base = os.path.join(self.basedir, self.get_option("report_dir"))
        _reports.private_dir(base)
        _reports.private_dir(os.path.dirname(self.run_dir))
        return _reports.private_dir(self.run_dir)

    @staticmethod
    def _write(path, text):
        """Write text readable by the owner only, replacing the file in one step."""
        tmp = path + ".tmp"
        descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)

    def report(self):
        return {
            "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "playbook": self.playbook,
            "run": os.path.basename(self.run_dir or ""),
            "check_mode": True,
            "drift": any(h["changes"] for h in self.hosts.values()),
            "errors": any(h["errors"] for h in self.hosts.values()),
            "hosts": {
                name: {"drift": bool(h["changes"]), "changes": h["changes"], "errors": h["errors"],
                       "unverified": h["unverified"]}
                for name, h in sorted(self.hosts.items())
            },
        }

    def _write_json(self):
        self._write(os.path.join(self._dir(), "drift.json"), json.dumps(self.report(), indent=2, sort_keys=True))

    def _write_markdown(self):
        report = self.report()
        drifted = [n for n, h in report["hosts"].items() if h["drift"]]
        lines = [
            "# Drift report",
            "",
            "Generated %s from `%s` in check mode (run %s): %d tenant(s), %d with drift."
            % (report["generated"], report["playbook"], report["run"], len(report["hosts"]), len(drifted)),
            "",
        ]
        for name, host in report["hosts"].items():
            state = "drift" if host["drift"] else "no drift"
            if host["errors"]:
                state += ", errors"
            lines += ["## %s: %s" % (name, state), ""]
            for change in host["changes"]:
                lines.append("- **%s** (`%s`) would change" % (change["task"], change["action"]))
                if change.get("note"):
                    lines.append("  - %s" % change["note"])
                for diff in change.get("diff", []):
                    lines += ["", "  ```diff"] + ["  " + line for line in diff.splitlines()] + ["  ```"]
            for error in host["errors"]:
                lines.append("- **%s** failed: %s" % (error["task"], error["msg"]))
            if not host["changes"] and not host["errors"]:
                lines.append("Nothing would change.")
            if host["unverified"]:
                lines += ["", "Write-only secrets not compared (the API does not show them, so \"no drift\" says nothing "
                          "about them; rotate with `-e sms_update_secrets=always`):"]
                lines += ["- %s (`%s`)" % (item["task"], item["action"]) for item in host["unverified"]]
            lines.append("")
        path = os.path.join(self._dir(), "drift.md")
        self._write(path, "\n".join(lines))
        self._display.display("drift report: %s (%d of %d tenants drifted)" % (path, len(drifted), len(report["hosts"])))

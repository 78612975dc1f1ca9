# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The drift report cannot lie: only check-mode plays are recorded, each run has its own directory, and the
audit's lookup reads its own run's report."""

from __future__ import annotations

import datetime
import json
import os
from types import SimpleNamespace

import pytest

from ansible import context
from ansible.errors import AnsibleLookupError

from ansible_collections.cxops.digital_channels.plugins.callback import drift_report
from ansible_collections.cxops.digital_channels.plugins.lookup import drift_report as drift_lookup
from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _reports


class Task(SimpleNamespace):
    def get_name(self):
        return self.name


class Host(SimpleNamespace):
    def get_name(self):
        return self.name


def result(host, changed=True, check_mode=None, **values):
    task = Task(name="Enable SMS", action="cxops.digital_channels.nexus_service", no_log=False, check_mode=check_mode)
    diff = {"before": {"provider": "Async"}, "after": {"provider": "mGage"}}
    return SimpleNamespace(_host=Host(name=host), _task=task, _result=dict({"changed": changed, "diff": diff}, **values))


class Playbook(SimpleNamespace):
    def get_plays(self):
        return self.plays


@pytest.fixture
def run(tmp_path, monkeypatch):
    """run(playbook, plays, results, check=False) drives one playbook through the callback; returns it."""
    monkeypatch.delenv("JOB_ID", raising=False)
    monkeypatch.setitem(_reports.CURRENT, "run_dir", None)

    def drive(playbook, plays, results=(), check=False, job=None):
        if job is None:
            monkeypatch.delenv("JOB_ID", raising=False)
        else:
            monkeypatch.setenv("JOB_ID", job)
        monkeypatch.setattr(context, "CLIARGS", {"check": check})
        callback = drift_report.CallbackModule()
        callback.get_option = lambda name: "reports"
        callback.v2_playbook_on_start(Playbook(_file_name=str(tmp_path / playbook), _basedir=str(tmp_path), plays=plays))
        for play in plays:
            callback.v2_playbook_on_play_start(play)
            for item in results:
                callback.v2_runner_on_ok(item)
        callback.v2_playbook_on_stats(None)
        return callback

    drive.base = tmp_path / "reports"
    return drive


def play(check_mode=None, **variables):
    return SimpleNamespace(check_mode=check_mode, vars=variables)


def test_a_site_run_writes_nothing_though_a_task_runs_in_check_mode(run):
    run("site.yml", [play()], [result("acme", check_mode=True)])
    assert not run.base.exists()


def test_a_check_mode_play_is_recorded_in_its_own_run_directory(run):
    callback = run("audit.yml", [play(check_mode=True)], [result("acme")])
    runs = os.listdir(run.base / "audit")
    assert sorted(runs)[0] == os.path.basename(callback.run_dir) and "latest" in runs
    report = json.loads((run.base / "audit" / "latest" / "drift.json").read_text())
    assert report["playbook"] == "audit.yml" and report["check_mode"] is True and report["drift"] is True
    assert '+  "provider": "mGage"' in report["hosts"]["acme"]["changes"][0]["diff"][0]
    markdown = (run.base / "audit" / "latest" / "drift.md").read_text()
    assert "from `audit.yml` in check mode (run %s): 1 tenant(s), 1 with drift." % report["run"] in markdown
    assert oct(os.stat(run.base / "audit" / "latest").st_mode & 0o777) == "0o700"
    assert oct(os.stat(run.base / "audit" / "latest" / "drift.json").st_mode & 0o777) == "0o600"


def test_the_whole_run_in_check_mode_is_an_audit(run):
    run("site.yml", [play()], [result("acme")], check=True)
    assert json.loads((run.base / "site" / "latest" / "drift.json").read_text())["drift"] is True


def test_two_jobs_never_overwrite_each_other(run):
    run("audit.yml", [play(check_mode=True)], [result("acme")], job="41")
    run("audit.yml", [play(check_mode=True)], [result("acme", changed=False)], job="42")
    assert json.loads((run.base / "audit" / "job-41" / "drift.json").read_text())["drift"] is True
    assert json.loads((run.base / "audit" / "job-42" / "drift.json").read_text())["drift"] is False
    assert os.readlink(run.base / "audit" / "latest") == "job-42"


def test_only_check_mode_plays_of_a_mixed_playbook_are_recorded(run):
    callback = run("mixed.yml", [play(), play(check_mode=True)], [])
    callback.hosts = {}
    callback.v2_playbook_on_play_start(play())
    callback.v2_runner_on_ok(result("written"))
    callback.v2_playbook_on_play_start(play(check_mode=True))
    callback.v2_runner_on_ok(result("audited"))
    callback.v2_playbook_on_stats(None)
    report = json.loads((run.base / "mixed" / "latest" / "drift.json").read_text())
    assert list(report["hosts"]) == ["audited"]


def test_a_playbook_that_opts_out_writes_nothing(run):
    run("preflight.yml", [play(check_mode=True, drift_report=False)], [result("acme")])
    assert not run.base.exists()
    assert _reports.CURRENT["run_dir"] is None


def test_the_lookup_reads_this_runs_report_only(run):
    run("audit.yml", [play(check_mode=True)], [result("acme")], job="7")
    lookup = drift_lookup.LookupModule()
    acme, other = lookup.run(["acme", "globex"])
    assert acme["drift"] is True and acme["host"] == "acme" and acme["report"].endswith("/audit/job-7/drift.md")
    assert other == {"drift": False, "changes": [], "errors": [], "unverified": [], "host": "globex",
                     "report": acme["report"]}
    assert lookup.run([]) == [str(run.base / "audit" / "job-7")]


def test_the_lookup_refuses_when_no_report_is_written(run, monkeypatch):
    monkeypatch.setitem(_reports.CURRENT, "run_dir", None)
    with pytest.raises(AnsibleLookupError, match="callback is not enabled, or no play of the playbook runs in check mode"):
        drift_lookup.LookupModule().run(["acme"])


def test_run_names():
    when = datetime.datetime(2026, 12, 6, 22, 45, 1, 123456, tzinfo=datetime.timezone.utc)
    assert _reports.run_name({}, when) == "20261206T224501.123456Z"
    assert _reports.run_name({"JOB_ID": "1234"}, when) == "job-1234"
    assert _reports.run_name({"JOB_ID": "../../etc"}, when) == "job-.._.._etc"
    assert _reports.playbook_name("/x/nightly audit.yaml") == "nightly_audit"

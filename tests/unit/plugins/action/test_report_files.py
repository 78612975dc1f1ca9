# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The report_files action: private files on the controller, changed only when something changed, nothing in
check mode, bad input refused before anything is written."""

from __future__ import annotations

import os
import stat

import pytest

from ansible.errors import AnsibleActionFail

FILES = {"preflight.json": "{}\n", "preflight.md": "# Preflight\n"}


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_writes_private_files_in_private_directories_and_points_latest(action, tmp_path):
    run = tmp_path / "report" / "20261207T120000.000000Z"
    result = action("report_files", {"dir": str(run), "files": FILES, "latest": True})
    assert result["changed"] is True and result["dir"] == str(run)
    assert result["files"] == [str(run / "preflight.json"), str(run / "preflight.md")]
    assert "{}\n" not in str(result) and "# Preflight" not in str(result)
    assert (run / "preflight.md").read_text() == "# Preflight\n"
    assert [mode(p) for p in (tmp_path / "report", run, run / "preflight.json", run / "preflight.md")] == \
        [0o700, 0o700, 0o600, 0o600]
    assert os.readlink(tmp_path / "report" / "latest") == run.name


def test_a_rerun_with_the_same_files_changes_nothing(action, tmp_path):
    args = {"dir": str(tmp_path / "run"), "files": FILES, "latest": True}
    action("report_files", args)
    before = {name: os.stat(tmp_path / "run" / name).st_ino for name in FILES}
    assert action("report_files", args)["changed"] is False
    assert action("report_files", args, check_mode=True)["changed"] is False
    assert {name: os.stat(tmp_path / "run" / name).st_ino for name in FILES} == before


def test_new_content_a_loose_mode_or_a_newer_run_is_a_change(action, tmp_path):
    first = tmp_path / "r" / "one"
    action("report_files", {"dir": str(first), "files": FILES, "latest": True})
    assert action("report_files", {"dir": str(first), "files": {"preflight.md": "# New\n"}})["changed"] is True
    assert (first / "preflight.md").read_text() == "# New\n" and (first / "preflight.json").read_text() == "{}\n"
    os.chmod(first / "preflight.json", 0o644)
    assert action("report_files", {"dir": str(first), "files": {"preflight.json": "{}\n"}})["changed"] is True
    assert mode(first / "preflight.json") == 0o600
    second = tmp_path / "r" / "two"
    action("report_files", {"dir": str(second), "files": FILES, "latest": True})
    assert os.readlink(tmp_path / "r" / "latest") == "two"
    assert sorted(os.listdir(tmp_path / "r")) == ["latest", "one", "two"]


def test_an_existing_directory_is_made_private(action, tmp_path):
    (tmp_path / "host_vars").mkdir(mode=0o755)
    os.chmod(tmp_path / "host_vars", 0o755)
    action("report_files", {"dir": str(tmp_path / "host_vars"), "files": {"acme.yml": "---\n"}})
    assert mode(tmp_path / "host_vars") == 0o700


def test_check_mode_writes_nothing_and_says_what_would_change(action, tmp_path):
    result = action("report_files", {"dir": str(tmp_path / "a" / "b"), "files": FILES, "latest": True}, check_mode=True)
    assert result["changed"] is True
    assert os.listdir(tmp_path) == []


def test_check_mode_sees_new_content_and_a_newer_run_without_writing_them(action, tmp_path):
    first = tmp_path / "r" / "one"
    action("report_files", {"dir": str(first), "files": FILES, "latest": True})
    new_content = {"dir": str(first), "files": {"preflight.md": "# New\n"}}
    assert action("report_files", new_content, check_mode=True)["changed"] is True
    assert (first / "preflight.md").read_text() == "# Preflight\n"
    second = tmp_path / "r" / "two"
    second.mkdir(mode=0o700)
    os.chmod(second, 0o700)
    for name, content in FILES.items():
        (second / name).write_text(content)
        os.chmod(second / name, 0o600)
    assert action("report_files", {"dir": str(second), "files": FILES, "latest": True}, check_mode=True)["changed"] is True
    assert os.readlink(tmp_path / "r" / "latest") == "one"


@pytest.mark.parametrize("name", ["../escape", "sub/file", ".hidden", "latest", "", ".."])
def test_a_name_that_is_not_a_plain_file_name_is_refused_before_anything_is_written(action, tmp_path, name):
    with pytest.raises(AnsibleActionFail, match="is not a plain file name"):
        action("report_files", {"dir": str(tmp_path / "run"), "files": {"ok.json": "{}", name: "x"}})
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("files, message", [
    ({"a.json": {"not": "a string"}}, "files.a.json must be a string, got dict"),
    ({}, "files must name at least one file"),
])
def test_bad_files_are_refused_before_anything_is_written(action, tmp_path, files, message):
    with pytest.raises(AnsibleActionFail, match=message):
        action("report_files", {"dir": str(tmp_path / "run"), "files": files})
    assert os.listdir(tmp_path) == []


def test_a_missing_option_fails_with_one_line(action, tmp_path):
    with pytest.raises(AnsibleActionFail, match="missing required arguments: files"):
        action("report_files", {"dir": str(tmp_path / "run")})


def test_a_directory_under_a_file_fails_with_one_line(action, tmp_path):
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(AnsibleActionFail, match="cannot write the report files in .*file/run: "):
        action("report_files", {"dir": str(tmp_path / "file" / "run"), "files": FILES})

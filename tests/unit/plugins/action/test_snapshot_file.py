# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The snapshot_file action: on the controller, never a change, nothing in check mode, bad input refused."""

from __future__ import annotations

import os

import pytest

from ansible.errors import AnsibleActionFail

ARGS = {"tenant": "acme", "run": "job-1", "text": "---\n# header\nurl: a\n", "state": "url: a\n"}


def test_saves_once_and_never_reports_a_change(action, tmp_path):
    first = action("snapshot_file", dict(ARGS, dir=str(tmp_path)))
    assert (first["changed"], first["saved"], first["path"]) == (False, True, str(tmp_path / "acme" / "job-1.yml"))
    again = action("snapshot_file", dict(ARGS, dir=str(tmp_path), run="job-2"))
    assert (again["changed"], again["saved"], again["path"]) == (False, False, first["path"])
    assert sorted(os.listdir(tmp_path / "acme")) == [".latest", "job-1.yml"]


def test_check_mode_writes_nothing(action, tmp_path):
    result = action("snapshot_file", dict(ARGS, dir=str(tmp_path / "snap")), check_mode=True)
    assert result["changed"] is False and result["saved"] is False
    assert not os.path.exists(tmp_path / "snap")


def test_a_missing_option_fails_before_any_file(action, tmp_path):
    with pytest.raises(AnsibleActionFail, match="missing required arguments: state"):
        action("snapshot_file", {"dir": str(tmp_path / "snap"), "tenant": "acme", "run": "r", "text": "x"})
    assert not os.path.exists(tmp_path / "snap")


def test_an_unwritable_directory_fails_with_one_line(action, tmp_path):
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(AnsibleActionFail, match="cannot save the snapshot of acme in .*file"):
        action("snapshot_file", dict(ARGS, dir=str(tmp_path / "file")))

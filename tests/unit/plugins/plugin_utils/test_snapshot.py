# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The snapshot's files: one per state seen, private modes, a job's first kept, a removed one taken again."""

from __future__ import annotations

import os
import stat

from ansible_collections.cxops.digital_channels.plugins.plugin_utils._snapshot import save

HEADER = "---\n# acme as it was at %s\n"


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def _names(tmp_path):
    return sorted(os.listdir(tmp_path / "acme"))


def test_one_file_per_state_seen(tmp_path):
    path, saved = save(str(tmp_path), "acme", "job-1", HEADER % 1 + "url: a\n", "url: a\n")
    assert saved and path == str(tmp_path / "acme" / "job-1.yml")
    assert (_mode(tmp_path), _mode(tmp_path / "acme"), _mode(path)) == (0o700, 0o700, 0o600)
    assert _mode(tmp_path / "acme" / ".latest") == 0o600
    # The same state under another header: nothing new.
    assert save(str(tmp_path), "acme", "job-2", HEADER % 2 + "url: a\n", "url: a\n") == (path, False)
    assert save(str(tmp_path), "acme", "job-3", HEADER % 3 + "url: b\n", "url: b\n")[1]
    assert _names(tmp_path) == [".latest", "job-1.yml", "job-3.yml"]
    assert (tmp_path / "acme" / ".latest").read_text() == "job-3.yml\n"


def test_a_removed_snapshot_is_taken_again(tmp_path):
    save(str(tmp_path), "acme", "job-1", HEADER % 1 + "url: a\n", "url: a\n")
    os.remove(tmp_path / "acme" / "job-1.yml")
    assert save(str(tmp_path), "acme", "job-2", HEADER % 2 + "url: a\n", "url: a\n")[1]
    assert _names(tmp_path) == [".latest", "job-2.yml"]


def test_a_second_run_of_one_job_keeps_its_first_file(tmp_path):
    save(str(tmp_path), "acme", "job-7", HEADER % 1 + "url: old\n", "url: old\n")
    save(str(tmp_path), "acme", "job-7", HEADER % 2 + "url: new\n", "url: new\n")
    assert (tmp_path / "acme" / "job-7.yml").read_text().endswith("url: old\n")


def test_names_cannot_leave_the_directory(tmp_path):
    (tmp_path / "snap").mkdir()
    path, saved = save(str(tmp_path / "snap"), "../evil", "../../run", "x\n", "x\n")
    assert saved and os.path.dirname(os.path.dirname(path)) == str(tmp_path / "snap")
    # A .latest that names a path elsewhere is read as its base name only.
    (tmp_path / "outside.yml").write_text("x\n")
    (tmp_path / "snap" / ".._evil" / ".latest").write_text("../../outside.yml\n")
    assert save(str(tmp_path / "snap"), "../evil", "run2", "x\n", "x\n")[1]


def test_tightens_an_existing_directory(tmp_path):
    (tmp_path / "acme").mkdir(mode=0o755)
    save(str(tmp_path), "acme", "job-1", "x\n", "x\n")
    assert _mode(tmp_path / "acme") == 0o700

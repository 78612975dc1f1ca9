# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where a run's report goes, and how it is written: the drift_report callback and lookup, the report_files
action (preflight.yml, adopt.yml) and the snapshots share it.

Internal use only: not a public API. Each run writes its own directory, <base>/<playbook>/<run>, so the
reports of two jobs never overwrite each other (two AWX job templates sharing a directory, an audit
running while another finishes); <base>/<playbook>/latest points at the newest. The run is ``job-<JOB_ID>``
when AWX sets JOB_ID, else the UTC start time to the microsecond (playbooks/preflight.yml names its runs
the same way, in Jinja).

The callback sets ``CURRENT`` in the controller when the playbook starts; Ansible forks its workers from
the controller, so the lookup, templated in a worker, reads the run directory of the run it is part of.
"""

from __future__ import annotations

import datetime
import os
import re
import stat
import tempfile

# The run directory of the playbook this process runs, set by the drift_report callback.
CURRENT = {"run_dir": None}

UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def run_name(environ=None, now=None):
    """job-<JOB_ID> under AWX, else the UTC start time."""
    environ = os.environ if environ is None else environ
    job = UNSAFE.sub("_", str(environ.get("JOB_ID") or "").strip())[:64]
    if job:
        return "job-" + job
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y%m%dT%H%M%S.%fZ")


def playbook_name(path):
    """The playbook's file name without .yml/.yaml, safe as a directory name."""
    name = os.path.basename(path or "") or "playbook"
    name = re.sub(r"\.ya?ml$", "", name)
    return UNSAFE.sub("_", name)[:64] or "playbook"


def run_dir(base, playbook, run):
    return os.path.join(base, playbook_name(playbook), run)


def private_dir(path):
    """path readable by its owner only; each directory created on the way to it is too (os.makedirs gives
    the parents it creates the umask's mode, 0755 for most users)."""
    parent = os.path.dirname(os.path.normpath(path))
    if parent and parent != path and not os.path.isdir(parent):
        private_dir(parent)
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        if not os.path.isdir(path):
            raise
    os.chmod(path, 0o700)
    return path


def read(path):
    """The text of a file, or None when there is none."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def write_private(path, text, check=False):
    """Replace path with text, mode 0600, in one step (a reader sees the old file or the new one).

    Returns whether anything changed: a file that already holds text with mode 0600 is left alone. With
    check, nothing is written and the answer is whether it would change.
    """
    if read(path) == text and stat.S_IMODE(os.stat(path).st_mode) == 0o600:
        return False
    if check:
        return True
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix="." + os.path.basename(path) + ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise
    return True


def point_latest(path, check=False):
    """<playbook>/latest -> this run, replaced in one step so a reader never sees it missing.

    Returns whether the link changed (with check, whether it would; nothing is written then).
    """
    parent, name = os.path.split(path.rstrip(os.sep))
    link = os.path.join(parent, "latest")
    if os.path.islink(link) and os.readlink(link) == name:
        return False
    if check:
        return True
    tmp = "%s.%d.tmp" % (link, os.getpid())
    if os.path.lexists(tmp):
        os.unlink(tmp)
    os.symlink(name, tmp)
    os.replace(tmp, link)
    return True

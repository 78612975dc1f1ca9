# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""An advisory lock per shared object, across the processes of one machine. Internal use only.

A whole-object PUT (GAX) has no version to make it conditional, so two writers that
read before either wrote lose one change. Every writer of this collection on one
controller (forks of a play, parallel ansible-playbook runs, AWX jobs in one container)
takes this lock around its read, PUT and verification, so they go one after the other.
Writers on other machines or in other containers do not see it: the settle-and-verify
of the roles covers them (docs/decisions.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import time

try:
    import fcntl
except ImportError:  # not a POSIX controller: no lock, the verification still applies
    fcntl = None

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import DigitalChannelsError

LOCK_DIR_ENV = "CXOPS_LOCK_DIR"
DEFAULT_LOCK_DIR = os.path.join("~", ".ansible", "cxops_digital_channels", "locks")
_FIRST_POLL = 0.02
_MAX_POLL = 0.5


class LockError(DigitalChannelsError):
    """The lock could not be taken: held too long by another writer, or its directory is unusable."""


def lock_directory():
    """Where the locks live: $CXOPS_LOCK_DIR, else ~/.ansible/cxops_digital_channels/locks."""
    return os.path.expanduser(os.environ.get(LOCK_DIR_ENV) or DEFAULT_LOCK_DIR)


def _holder(path):
    try:
        with open(path) as handle:
            holder = json.loads(handle.read() or "{}")
        return "process %s since %s" % (holder.get("pid"), time.strftime("%H:%M:%S", time.localtime(holder["since"])))
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"


@contextlib.contextmanager
def exclusive(key, what, timeout, directory=None):
    """Hold the lock named ``key`` (for example an endpoint and an object) while the block runs.

    Waits at most ``timeout`` seconds for another holder, polling with jitter; then fails naming
    ``what`` and the holder. A lock of a process that died is free at once (the kernel drops it).
    """
    if fcntl is None:
        yield None
        return
    directory = directory or lock_directory()
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        path = os.path.join(directory, hashlib.sha256(key.encode("utf-8")).hexdigest()[:40] + ".lock")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise LockError("cannot use the lock directory %s (%s) for %s; set %s to a writable directory shared by "
                        "every job that writes it" % (directory, exc.strerror, what, LOCK_DIR_ENV)) from None
    try:
        deadline = time.monotonic() + timeout
        poll = _FIRST_POLL
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise LockError("%s is being written by %s on this machine (lock %s); waited %s s (lock_timeout)"
                                    % (what, _holder(path), path, timeout)) from None
                time.sleep(poll + random.uniform(0, poll))
                poll = min(poll * 2, _MAX_POLL)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps({"pid": os.getpid(), "since": time.time(), "key": key}).encode("utf-8"), 0)
            yield path
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The options of the modules that write NexusServices: plugins/module_utils/_nexus_services.py WRITE_OPTIONS;
    # tests/unit/plugins/module_utils/test_spec.py holds them together.
    DOCUMENTATION = r"""
options:
  lock_timeout:
    description:
      - Seconds to wait for another writer of the same C(NexusServices) on this machine to finish.
      - Every write takes an advisory lock named after the transaction and its Platform Administration
        (O(gax_url) with scheme and host lower-cased and the default port and a trailing slash dropped), held
        while it reads, writes and verifies, so parallel forks, plays and C(ansible-playbook) runs on one
        controller write one after the other. The locks live in the directory of the E(CXOPS_LOCK_DIR)
        environment variable, by default C(~/.ansible/cxops_digital_channels/locks).
      - Writers on other machines, or in other containers (each AWX job runs in its own execution
        environment), do not share it; O(verify_after) is what catches them.
      - If not set, the value of the E(CXOPS_LOCK_TIMEOUT) environment variable is used.
    type: int
    default: 300
    version_added: 2.0.0
  verify_after:
    description:
      - Verify a write made earlier in this run instead of planning a new one. Give the RV(written_at) of
        that task; the module waits until O(verify_settle) seconds have passed since it, reads the
        transaction, and re-applies whatever is missing (a writer that had read the transaction before that
        write landed, on another controller, overwrote it), returned in RV(lost) with a warning.
      - After a re-application it settles and reads again, at most as many rounds as O(retries) allows (3 at
        least); sections still missing then fail the task naming them.
      - Only the task's own sections and options are checked; removals of O(exclusive=true) are left to the
        next run.
    type: float
    version_added: 2.0.0
  verify_settle:
    description:
      - Seconds after a write within which another writer's late whole-object PUT is expected to land, for
        O(verify_after).
    type: float
    default: 2.0
    version_added: 2.0.0
"""

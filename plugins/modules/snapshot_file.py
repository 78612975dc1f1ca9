#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import annotations

DOCUMENTATION = r"""
module: snapshot_file
short_description: Controller - save a tenant's snapshot file when its state changed
version_added: 2.0.0
description:
  - Used by the SMS roles (C(roles/sms/tasks/snapshot.yml)) before their first write to a tenant. Saves O(text) as
    O(dir)/<tenant>/<run>.yml (directories mode 0700, file mode 0600) unless the tenant's last snapshot, named in
    O(dir)/<tenant>/.latest, ends with the same O(state); then names the new file in C(.latest).
  - Runs on the controller as an action, without a module process. An existing <run>.yml is kept, so a second run
    of one AWX job keeps the state from before the job's first write.
  - Never reports a change (a local file, not a change to the tenant); in check mode it writes nothing.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.attributes.CONTROLLER
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
options:
  dir:
    description: The snapshot directory (the SMS roles' C(sms_snapshot_dir)).
    type: path
    required: true
  tenant:
    description: The tenant, the name of its directory.
    type: str
    required: true
  run:
    description: This run's name for the file (V(job-<JOB_ID>) or the UTC time).
    type: str
    required: true
  text:
    description: The file, filter P(cxops.digital_channels.adopted_host_vars#filter)'s C(text).
    type: str
    required: true
  state:
    description: The tenant's state, the filter's C(state); two snapshots of one state end with it.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Keep the snapshot if the tenant changed since its last one
  cxops.digital_channels.snapshot_file:
    dir: "{{ sms_snapshot_dir }}"
    tenant: "{{ inventory_hostname }}"
    run: "{{ sms_snapshot_run }}"
    text: "{{ sms_read_tenant.text }}"
    state: "{{ sms_read_tenant.state }}"
"""

RETURN = r"""
saved:
  description: Whether this task wrote a new snapshot.
  returned: success
  type: bool
path:
  description: The snapshot that holds the tenant's current state.
  returned: success
  type: str
"""

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: report_files
short_description: Controller - write a run's report files, readable by their owner only
version_added: 2.0.0
description:
  - Used by C(playbooks/preflight.yml) (C(preflight.json), C(preflight.md)) and C(playbooks/adopt.yml) (a tenant's
    host_vars). Writes each of O(files) into O(dir), mode 0600, each replaced in one step; O(dir) and every directory
    created on the way to it are mode 0700.
  - Runs on the controller as an action, without a module process (a C(delegate_to) C(localhost) C(file) or C(copy)
    task starts one per file). Reports a change when a directory, a file or the C(latest) link was created or
    changed; a file that already holds its content is left alone.
  - The contents are not returned and no diff is shown, since reports hold tenant configuration.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.attributes.CONTROLLER
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: In check mode nothing is written; set C(check_mode) to V(false) on the task to write in a play that runs in check mode.
options:
  dir:
    description: The directory of this run's files, created if missing.
    type: path
    required: true
  files:
    description:
      - File name (a plain name, no C(/), not starting with C(.), not C(latest)) to its content (a string).
    type: dict
    required: true
  latest:
    description:
      - Point C(latest), next to O(dir), at O(dir) (a relative symbolic link, replaced in one step), so that
        C(<parent>/latest) is always the newest run.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Write preflight.json and preflight.md, and make this run the latest
  cxops.digital_channels.report_files:
    dir: "{{ preflight_report_path }}"
    files:
      preflight.json: "{{ preflight.json | to_nice_json(sort_keys=false) }}\n"
      preflight.md: "{{ preflight.markdown }}\n"
    latest: true
  # The play runs in check mode; these are local files, not API writes.
  check_mode: false
  run_once: true

- name: Write the tenant's host_vars
  cxops.digital_channels.report_files:
    dir: "{{ adopt_path }}/host_vars"
    files: "{{ {inventory_hostname ~ '.yml': sms_read_tenant.text} }}"
  check_mode: false
"""

RETURN = r"""
dir:
  description: The directory written.
  returned: success
  type: str
files:
  description: The paths of the files, in the order of O(files).
  returned: success
  type: list
  elements: str
"""

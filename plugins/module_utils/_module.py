# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one place a module turns into AnsibleModule calls. Internal use only.

Each module supplies ``run(module) -> (changed, result, diff)``; this runner owns
the missing-library check, the only ``try`` around it and the exit.
"""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import DigitalChannelsError
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
)


def run_module(argument_spec, run, **module_kwargs):
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True, **module_kwargs)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    try:
        changed, result, diff = run(module)
    except DigitalChannelsError as exc:
        module.fail_json(**exc.to_fail_json())
    if diff is not None:
        result["diff"] = diff
    module.exit_json(changed=changed, **result)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The one place a module turns into AnsibleModule calls. Internal use only.

Each module supplies ``run(module) -> (changed, result, diff)`` and ``module_args()`` (its
argument spec and rules); this runner owns the missing-library check and the exit.
:func:`outcome` holds the only ``try`` around ``run()``: the in-process action plugins
(``plugins/plugin_utils/_inprocess.py``) call it too, so both execution paths turn a
result or a :class:`DigitalChannelsError` into the same task result, scrubbed of the
task's secrets in every form (``_secrets``).
"""

from __future__ import annotations

from ansible.module_utils import basic
from ansible.module_utils.basic import missing_required_lib

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import DigitalChannelsError
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import collecting


def outcome(run, module):
    """run(module) as the keyword arguments of exit_json, or of fail_json plus ``failed=True``.

    Everything the task shows passes one scrub: its ``no_log`` option values and every credential
    its clients met (cookies, tokens), in each form a server may echo them in. Values a module
    returns on purpose (``_secrets.Revealed``) are kept.
    """
    with collecting(getattr(module, "no_log_values", ())) as secrets:
        warn = module.warn
        module.warn = lambda message: warn(secrets.scrub(message))
        try:
            try:
                changed, result, diff = run(module)
            except DigitalChannelsError as exc:
                return secrets.scrub_data(dict(exc.to_fail_json(), failed=True))
            result = dict(changed=changed, **result)
            if diff is not None:
                result["diff"] = diff
            return secrets.scrub_data(result)
        finally:
            del module.warn


class AnsibleModule(basic.AnsibleModule):
    """AnsibleModule, failing as ansible-core 2.17 and later do when syslog refuses the invocation."""

    def _log_to_syslog(self, msg):
        # ansible-core < 2.17 catches only TypeError here, so a NUL in an option (ValueError) escaped as a
        # traceback from the constructor; later cores fail the task with this message. Nothing has been sent.
        try:
            super()._log_to_syslog(msg)
        except ValueError as exc:
            self.fail_json(msg="Failed to log to syslog (%s). To proceed anyway, disable syslog logging by setting "
                               "no_target_syslog to True in your Ansible config." % exc)


def run_module(argument_spec, run, **module_kwargs):
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True, **module_kwargs)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    result = outcome(run, module)
    if result.pop("failed", False):
        module.fail_json(**result)
    module.exit_json(**result)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test helper: one request to the simulator's control API ($SIM_URL/_sim/...), from the controller.

The targets read the journal and the state and inject faults between tasks, often hundreds of times in a
run; ansible.builtin.uri started a module process for each (about 0.7 CPU seconds), this costs a worker's
fork. Options: path (under /_sim), method (GET), body (sent as JSON), status_code (one or a list, default
200, as ansible.builtin.uri's). Returns status and json (the parsed answer, or None). Never changed: it
observes or stages the test double, not the system under test. Not shipped in the collection build.
"""

from __future__ import annotations

import json
import os
import ssl
import urllib.error
import urllib.request

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    """Call the simulator's control API without a module process."""

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _VALID_ARGS = frozenset(("path", "method", "body", "status_code"))

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        args = self._task.args
        path, method = args.get("path"), args.get("method", "GET")
        if not isinstance(path, str) or not path.startswith("/_sim/"):
            return dict(result, failed=True, msg="path must start with /_sim/, got %r" % (path,))
        wanted = args.get("status_code", [200])
        wanted = [int(code) for code in (wanted if isinstance(wanted, list) else [wanted])]
        data = None if args.get("body") is None else json.dumps(args["body"]).encode("utf-8")
        request = urllib.request.Request(os.environ["SIM_URL"] + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        context = ssl.create_default_context(cafile=os.environ["SIM_CA_FILE"]) if os.environ.get("SIM_CA_FILE") else None
        try:
            with urllib.request.urlopen(request, timeout=30, context=context) as response:  # nosec: loopback test double
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        except OSError as error:
            return dict(result, failed=True, msg="%s %s: %s" % (method, path, error))
        result.update(changed=False, status=status, json=json.loads(raw) if raw else None)
        if status not in wanted:
            result.update(failed=True, msg="%s %s: HTTP %s, expected %s" % (method, path, status, wanted))
        return result

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The in-process action base: validation, environment, check mode, diff, masking, failures, the switch.

Where a behaviour is AnsibleModule's, the test runs the same arguments through the module's real
main() too (the ``both`` fixture) and requires the same result.
"""

from __future__ import annotations

import json
import os

import pytest

from ansible import constants as C
from ansible.errors import AnsibleActionFail

from ansible_collections.cxops.digital_channels.plugins.plugin_utils import _inprocess
from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_API_KEY, DEFAULT_CLIENT_SECRET
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID

SERVICE = "/nexus/v3/provisioning/services/%s/" % CCID
KALEYRA = {"username": "kaleyra-user-7781", "password": "kaleyra-pass-Yx90!"}
MGAGE = {"name": "mGageSMS", "url": "http://directtext.mgage.com", "data": {}, "secret": KALEYRA}
INVOCATION = {"ansible_inject_invocation": True}


def text(result):
    return json.dumps(result, sort_keys=True)


def without_token(result):
    """A token result without what the server generates anew for every request."""
    return {k: v for k, v in result.items() if k not in ("access_token", "expires_at")}


# --- argument validation, as AnsibleModule does it --------------------------------------------

@pytest.mark.parametrize("module, args, message", [
    ("nexus_service", {"name": "SMS", "bogus": 1},
     "Unsupported parameters for (cxops.digital_channels.nexus_service) module: bogus. Supported parameters include: "),
    ("nexus_service", {}, "missing required arguments: name"),
    ("nexus_service", {"name": "SMS", "state": "gone"}, "value of state must be one of: present, absent, got: gone"),
    ("nexus_service", {"name": "SMS", "timeout": "soon"}, "argument 'timeout' is of type"),
    ("nexus_api_key", {"name": "k"}, "state is present but all of the following are missing: tenant, permissions"),
    ("nexus_sender_id", {}, "one of the following is required: sender_ids, name"),
    ("nexus_sender_id", {"name": "A", "sender_ids": [{"name": "B"}]}, "parameters are mutually exclusive: sender_ids|name"),
    ("nexus_sender_id", {"sender_ids": [{"channel_id": "1"}]}, "missing required arguments: name found in sender_ids"),
    ("gc_oauth_token", {"region": "mars-1"}, "value of region must be one of:"),
])
def test_validation_failure_is_the_module_s_own(both, sim, nexus_args, gax_args, gauth_args, module, args, message):
    connection = {"nexus_sender_id": gax_args, "nexus_api_key": gauth_args}.get(
        module, nexus_args if module.startswith("nexus") else {})
    in_process, module_process = both(module, dict(connection, **args), task_vars=INVOCATION)
    assert in_process["failed"] is True and message in in_process["msg"]
    assert in_process == module_process
    assert sim.journal() == []


def test_no_log_values_are_masked_in_a_validation_failure(both, nexus_args):
    in_process, module_process = both("nexus_service", dict(nexus_args, name="SMS", secret=KALEYRA, state="gone"),
                                      task_vars=INVOCATION)
    assert in_process == module_process
    assert in_process["invocation"]["module_args"]["secret"] == {"username": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER",
                                                                 "password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"}
    assert DEFAULT_API_KEY not in text(in_process) and KALEYRA["password"] not in text(in_process)


# --- environment: fallbacks see the task's environment, as a module process does ----------------

def test_env_fallbacks_come_from_the_task_environment(action, sim):
    environment = {"NEXUS_URL": sim.url, "NEXUS_API_KEY": DEFAULT_API_KEY, "NEXUS_CCID": CCID}
    result = action("nexus_service", {"name": "SMS", "data": {"provider": "mGage"}}, environment=environment,
                    task_vars=INVOCATION)
    assert result["changed"] is True, result
    assert [e["method"] for e in sim.journal()] == ["GET", "POST"]
    assert sim.journal()[0]["headers"]["x-api-key"] == DEFAULT_API_KEY
    # A no_log option filled from the environment is masked like one given as an argument.
    assert result["invocation"]["module_args"]["api_key"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert DEFAULT_API_KEY not in text(result)
    # The controller's environment is what it was.
    assert not {"NEXUS_URL", "NEXUS_API_KEY", "NEXUS_CCID"} & set(os.environ)


def test_task_environment_wins_over_the_controller_environment(action, sim, monkeypatch):
    monkeypatch.setenv("NEXUS_URL", "http://127.0.0.1:9")
    result = action("nexus_service_info", {"api_key": DEFAULT_API_KEY, "ccid": CCID, "names": ["SMS"]},
                    environment={"NEXUS_URL": sim.url})
    assert result["services"] == {}
    assert len(sim.journal()) == 1
    assert os.environ["NEXUS_URL"] == "http://127.0.0.1:9"


def test_controller_environment_is_a_fallback_too(action, sim, monkeypatch):
    monkeypatch.setenv("NEXUS_URL", sim.url)
    result = action("nexus_service_info", {"api_key": DEFAULT_API_KEY, "ccid": CCID, "names": ["SMS"]})
    assert result["services"] == {} and len(sim.journal()) == 1


def test_env_fallbacks_match_the_module_process(both, sim, monkeypatch):
    monkeypatch.setenv("NEXUS_CCID", CCID)
    environment = {"NEXUS_URL": sim.url, "NEXUS_API_KEY": DEFAULT_API_KEY, "NEXUS_VALIDATE_CERTS": "no"}
    # The module process gets the task environment from the shell; hand it the same for the comparison.
    monkeypatch.setattr(_inprocess, "task_environment", _and_keep(environment, monkeypatch))
    in_process, module_process = both("nexus_service_info", {"names": ["SMS"]}, environment=environment, task_vars=INVOCATION)
    assert in_process == module_process
    assert in_process["invocation"]["module_args"]["validate_certs"] is False


def _and_keep(environment, monkeypatch):
    """task_environment that leaves the environment set, so the module run after it sees it too."""
    def apply(env):
        for name, value in env.items():
            monkeypatch.setenv(name, str(value))
        return _inprocess.contextlib.nullcontext()
    return apply


# --- check mode, diff, results ------------------------------------------------------------------

def test_check_mode_writes_nothing_and_predicts_the_real_run(action, sim, nexus_args):
    checked = action("nexus_service", dict(nexus_args, **MGAGE), check_mode=True)
    assert sim.writes() == []
    real = action("nexus_service", dict(nexus_args, **MGAGE))
    assert len(sim.writes()) == 1
    assert checked["changed"] is real["changed"] is True
    assert checked["diff"] == real["diff"]
    assert checked["diff"]["after"]["secret"] == {"username": "******** (new value)", "password": "******** (new value)"}
    assert checked["service"] == real["service"]


def test_check_mode_and_diff_match_the_module_process(both, sim, nexus_args):
    in_process, module_process = both("nexus_service", dict(nexus_args, **MGAGE), check_mode=True, task_vars=INVOCATION)
    assert in_process == module_process
    assert in_process["changed"] is True and sim.writes() == []


def test_converged_rerun_matches_the_module_process(both, action, sim, nexus_args):
    action("nexus_service", dict(nexus_args, **MGAGE))
    sim.clear()
    in_process, module_process = both("nexus_service", dict(nexus_args, **MGAGE), task_vars=INVOCATION)
    assert in_process == module_process
    assert in_process["changed"] is False and sim.writes() == []


def test_results_are_plain_data(action, sim, nexus_args):
    result = action("nexus_service", dict(nexus_args, name="SMS", data={"provider": "mGage", "ids": (1, 2)}))
    assert result["service"]["data"] == {"provider": "mGage", "ids": [1, 2]}
    assert type(result["service"]["name"]) is str  # pylint: disable=unidiomatic-typecheck


# --- masking --------------------------------------------------------------------------------------

def test_secrets_are_masked_in_results_and_invocation(action, sim, nexus_args):
    result = action("nexus_service", dict(nexus_args, **MGAGE), task_vars=INVOCATION)
    assert result["invocation"]["module_args"]["api_key"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    for secret in (DEFAULT_API_KEY, KALEYRA["username"], KALEYRA["password"]):
        assert secret not in text(result)


def test_invocation_only_when_asked(both, sim, nexus_args):
    """ansible-core 2.21 returns module arguments only with INJECT_INVOCATION; older cores always did."""
    in_process, module_process = both("nexus_service_info", dict(nexus_args, names=["SMS"]),
                                      task_vars={"ansible_inject_invocation": False})
    assert in_process == module_process
    assert ("invocation" in in_process) is ("INJECT_INVOCATION" not in C.config.get_configuration_definitions())


def test_a_secret_echoed_by_the_server_is_masked_in_the_failure(both, sim, nexus_args):
    sim.fault(method="POST", path="/mGageSMS$", status=500, times=-1,
              body={"message": "rejected password %s" % KALEYRA["password"]})
    in_process, module_process = both("nexus_service", dict(nexus_args, **MGAGE), task_vars=INVOCATION)
    assert in_process == module_process
    assert in_process["failed"] is True
    assert in_process["msg"] == ("POST %smGageSMS failed: HTTP 500: rejected password ******** (the write of service mGageSMS "
                                 "did not take effect)" % SERVICE)
    assert (in_process["method"], in_process["path"], in_process["status"]) == ("POST", SERVICE + "mGageSMS", 500)
    assert KALEYRA["password"] not in text(in_process)


# --- failures ---------------------------------------------------------------------------------------

def test_bad_input_fails_before_any_request(both, sim, nexus_args):
    in_process, module_process = both("nexus_service", dict(nexus_args, name="S M S"), task_vars=INVOCATION)
    assert in_process == module_process
    assert in_process["failed"] is True and "name may hold only letters" in in_process["msg"]
    assert sim.journal() == []


def test_http_failure_carries_method_path_and_status(both, sim, nexus_args):
    sim.fault(method="GET", status=401, times=-1, body={"message": "bad key %s" % DEFAULT_API_KEY})
    in_process, module_process = both("nexus_service", dict(nexus_args, name="SMS"), task_vars=INVOCATION)
    assert in_process == module_process
    assert in_process["msg"] == "GET %sSMS failed: HTTP 401: bad key ******** (check the credentials)" % SERVICE
    assert in_process["status"] == 401


def test_module_warnings_and_task_no_log(both, sim, gc_args):
    """gc_oauth_token warns unless the task has no_log, as its module process does."""
    in_process, module_process = both("gc_oauth_token", gc_args, task_vars=INVOCATION)
    assert without_token(in_process) == without_token(module_process)
    assert in_process["warnings"] == ["gc_oauth_token returns the access token in clear; set no_log: true on this task"]
    quiet_in_process, quiet_module = both("gc_oauth_token", gc_args, no_log=True, task_vars=INVOCATION)
    assert without_token(quiet_in_process) == without_token(quiet_module)
    assert "warnings" not in quiet_in_process
    assert DEFAULT_CLIENT_SECRET not in text(in_process) + text(quiet_in_process)


def test_no_target_syslog_counts_as_no_log_for_the_module(both, sim, gc_args, monkeypatch):
    """ActionBase sends _ansible_no_log=True with no_target_syslog; run() sees module.no_log either way."""
    monkeypatch.setenv("ANSIBLE_NO_TARGET_SYSLOG", "true")
    in_process, module_process = both("gc_oauth_token", gc_args, task_vars=INVOCATION)
    assert without_token(in_process) == without_token(module_process) and "warnings" not in in_process


# --- Ansible's own "did not set no_log" warning and alias messages ---------------------------------

def _echo(module):
    return False, {"seen": sorted(k for k, v in module.params.items() if v is not None)}, None


def test_did_not_set_no_log_warning_as_ansiblemodule(both, synthetic_module):
    spec = {"db_password": {"type": "str"}, "api_pass": {"type": "str", "no_log": False},
            "token": {"type": "str", "no_log": True}, "name": {"type": "str"}}
    module = synthetic_module(spec, _echo)
    in_process, module_process = both(module, {"db_password": "hunter2-long", "token": "tok-123456", "name": "n"},
                                      task_vars=INVOCATION)
    assert in_process == module_process
    assert in_process["warnings"] == ["Module did not set no_log for db_password"]
    assert "tok-123456" not in text(in_process)
    quiet, quiet_module = both(module, {"db_password": "hunter2-long"}, no_log=True, task_vars=INVOCATION)
    assert quiet == quiet_module and "warnings" not in quiet


def test_a_bug_in_run_is_not_hidden(action, synthetic_module):
    def broken(module):
        raise KeyError("not a DigitalChannelsError")
    with pytest.raises(KeyError):
        action(synthetic_module({}, broken), {})


# --- the switch and when the module process runs ---------------------------------------------------

@pytest.fixture()
def module_process(monkeypatch):
    """Record module-process runs instead of starting one."""
    calls = []

    def execute(self, task_vars=None, wrap_async=False, **kwargs):
        calls.append(wrap_async)
        return {"changed": False, "ran": "module process"}

    monkeypatch.setattr(_inprocess.InProcessAction, "_execute_module", execute)
    monkeypatch.setattr(_inprocess.InProcessAction, "_remove_tmp_path", lambda self, path: None)
    return calls


@pytest.mark.parametrize("task, reason", [
    ({"task_vars": {"cxops_digital_channels_execution": "module"}}, "switch"),
    ({"transport": "ssh"}, "connection"),
    ({"become": object()}, "become"),
    ({"async_val": 30}, "async"),
])
def test_module_process_when_not_in_process(action, sim, nexus_args, module_process, task, reason):
    result = action("nexus_service_info", dict(nexus_args, names=["SMS"]), **task)
    assert result["ran"] == "module process", reason
    assert module_process == [task.get("async_val", 0)]
    assert sim.journal() == []


def test_auto_runs_in_process(action, sim, nexus_args, module_process):
    result = action("nexus_service_info", dict(nexus_args, names=["SMS"]), task_vars={"cxops_digital_channels_execution": "auto"})
    assert "ran" not in result and module_process == []
    assert len(sim.journal()) == 1


def test_unknown_switch_value_fails_clearly(action, nexus_args, module_process):
    with pytest.raises(AnsibleActionFail, match="cxops_digital_channels_execution must be one of auto, module, got 'inprocess'"):
        action("nexus_service_info", nexus_args, task_vars={"cxops_digital_channels_execution": "inprocess"})


def test_controller_without_requests_uses_the_module_process(action, nexus_args, module_process, monkeypatch):
    monkeypatch.setattr(_inprocess, "HAS_REQUESTS", False)
    assert action("nexus_service_info", nexus_args)["ran"] == "module process"


@pytest.mark.parametrize("cli_args, parent, frozen", [
    ({"check": False}, None, True),  # the main process of ansible-playbook
    ({}, None, False),  # imported outside an ansible CLI (tests, ansible-doc of the source)
    ({"check": False}, object(), False),  # a worker: it forks nothing
])
def test_warm_up_freezes_objects_only_in_the_cli_main_process(monkeypatch, cli_args, parent, frozen):
    import gc
    import multiprocessing
    import sys

    from ansible import context
    from ansible.module_utils.common.collections import ImmutableDict

    role_input = "ansible_collections.cxops.digital_channels.plugins.plugin_utils._role_input"
    monkeypatch.delitem(sys.modules, role_input, raising=False)
    monkeypatch.setattr(context, "CLIARGS", ImmutableDict(cli_args))
    monkeypatch.setattr(multiprocessing, "parent_process", lambda: parent)
    gc.unfreeze()
    try:
        _inprocess.warm_up_controller()
        assert (gc.get_freeze_count() > 0) is frozen
    finally:
        gc.unfreeze()
    # The roles' input rules are imported either way, so that a forked worker inherits them.
    assert role_input in sys.modules


def test_importing_the_plugins_freezes_nothing_the_warm_up_callback_does():
    """The warm-up is an opt-in (callback warm_up), not a side effect of importing the action plugins."""
    import subprocess
    import sys

    script = """
import gc, multiprocessing
from ansible import context
from ansible.module_utils.common.collections import ImmutableDict
context.CLIARGS = ImmutableDict(check=False)
print(gc.get_freeze_count())
import ansible_collections.cxops.digital_channels.plugins.action.nexus_service
print(gc.get_freeze_count())
from ansible_collections.cxops.digital_channels.plugins.callback.warm_up import CallbackModule
CallbackModule().v2_playbook_on_start(None)
print(gc.get_freeze_count())
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    # Some Python builds start with objects in the permanent generation already: compare with that.
    before, after_import, after_callback = (int(n) for n in out.stdout.split())
    assert after_import == before
    assert after_callback > before

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The two matrices: which cases there are, and how one case is run and judged.

A case is named by plain strings (scenario key, target label, fault; or module, option, value)
so that worker processes can run it and send back a plain dict.
"""

from __future__ import annotations

import urllib.parse

from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import basic_credentials
from ansible_collections.cxops.digital_channels.tests.reliability import inputs
from ansible_collections.cxops.digital_channels.tests.reliability.harness import (
    LATE,
    duplicate_state,
    duplicate_writes,
    failure_problems,
    leaked,
    option_secrets,
    refused_by_ansible_core,
)
from ansible_collections.cxops.digital_channels.tests.reliability.scenarios import MODULES, SCENARIOS

FAULTS = ("429", "5xx burst", "500", "500 long message", "drop", "drop after commit", "late commit", "expiry",
          "gone (drops)", "gone (refused)")
# GAX sessions that end by themselves, for the whole run of the module's first task.
SESSION_FAULTS = {
    "session ends after each request": {"gax": {"session_max_requests": 1}},
    "session ends at once (ttl 0)": {"gax": {"session_ttl": 0}},
}
SESSION_TARGET = "GAX session"
RETRY_AFTER = 1.0
# The cut of long server messages falls inside the credentials the server echoes after this preamble.
LONG_PREAMBLE = ("The upstream gateway rejected the request. " + "Diagnostic context follows. " * 8)[:240]
# A server that went away stays away for the faulty run (the harness brings it back for the reruns).
DOWN_TIME = 60


def fault_cases():
    """Every (scenario key, target label, fault) of the fault matrix."""
    cases = []
    for scenarios in MODULES.values():
        for scenario in scenarios:
            for target in scenario.targets:
                for fault in FAULTS:
                    if fault == "expiry" and scenario.plane == "nexus":
                        continue  # Nexus API keys do not expire: nothing to simulate
                    cases.append((scenario.key, target.label, fault))
        first = scenarios[0]
        if first.plane == "gax" and first.changes:  # a read is one request: a session always lasts that long
            cases.extend((first.key, SESSION_TARGET, fault) for fault in SESSION_FAULTS)
    return cases


def input_cases():
    """Every (module, option path, bad value) of the bad-input matrix."""
    cases = []
    for module_name, scenarios in MODULES.items():
        for path in inputs.string_options(inputs.argument_spec(scenarios[0].module)):
            cases.extend((module_name, path, case) for case in inputs.CASES)
    return cases


def fault_rules(fault, target, scenario, skips):
    """The simulator's fault rules that make one fault hit the target (``skips`` from Baselines.skips)."""
    skip, same = skips
    match = {"method": target.method, "path": target.path, "skip": same}
    if fault == "429":
        return [dict(match, status=429, retry_after="%d" % RETRY_AFTER, echo=True)]
    if fault == "5xx burst":
        return [dict(match, status=status, echo=True) for status in (502, 503, 504)]
    if fault == "500":
        return [dict(match, status=500, echo=True)]
    if fault == "500 long message":
        return [dict(match, status=500, echo=True, body={"message": LONG_PREAMBLE})]
    if fault == "drop":
        return [dict(match, action="drop")]
    if fault == "drop after commit":
        return [dict(match, action="drop_after_commit")]
    if fault == "late commit":
        return [dict(match, action="delay", delay=LATE)]
    if fault == "expiry":
        expire = {"gc": {"gc": {"expire_tokens": True}}, "gauth": {"gauth": {"expire_tokens": True}}}.get(
            scenario.plane, {"gax": {"expire_sessions": True}})
        return [dict(match, action="configure", body=expire)]
    if fault == "gone (drops)":
        return [{"method": "*", "path": ".", "action": "drop", "times": -1, "skip": skip}]
    if fault == "gone (refused)":
        return [{"method": "*", "path": ".", "action": "down", "delay": DOWN_TIME, "skip": skip}]
    raise ValueError(fault)


def secrets_of(module, args):
    """The secrets a task was given: no_log option values, and the Basic token made of client credentials."""
    values = option_secrets(inputs.argument_spec(module), args)
    if isinstance(args.get("client_id"), str) and isinstance(args.get("client_secret"), str):
        values.append(basic_credentials(args["client_id"].strip(), args["client_secret"].strip()))
    return values


class Baselines:
    """Each scenario run once without faults: it must converge, and it tells where each target first comes."""

    def __init__(self, lab):
        self.lab = lab
        self.entries = {}

    def skips(self, scenario, target):
        """(requests before the target, requests matching the target's method and path before it)."""
        if scenario.key not in self.entries:
            self.lab.prepare(scenario)
            args = scenario.args(self.lab)
            run = self.lab.run(scenario.module, args)
            problems = failure_problems(run) if not run.ok else scenario.verify(self.lab, args, run.result)
            if problems:
                raise AssertionError("the case table is wrong: %s does not converge without faults: %s"
                                     % (scenario.key, "; ".join(problems)))
            self.entries[scenario.key] = run.entries
        entries = self.entries[scenario.key]
        position = target.position(entries)
        if position is None:
            raise AssertionError("the case table is wrong: %s never sends %s" % (scenario.key, target.label))
        return position, sum(1 for entry in entries[:position] if target.matches(entry))


def _target(scenario, label):
    if label == SESSION_TARGET:
        return None
    return next(t for t in scenario.targets if t.label == label)


def run_fault_case(lab, baselines, scenario_key, target_label, fault):
    """One fault case: faulty run, rerun without the fault, second rerun; judged by the scorecard's rules."""
    scenario = SCENARIOS[scenario_key]
    target = _target(scenario, target_label)
    config = SESSION_FAULTS.get(fault)
    skips = baselines.skips(scenario, target) if target is not None else None
    lab.prepare(scenario, config)
    args = scenario.args(lab)
    if target is not None:
        lab.add_faults(fault_rules(fault, target, scenario, skips))
    problems = []

    first = lab.run(scenario.module, args)
    if config is not None:
        if not [e for e in first.entries if e["status"] == 401]:
            problems.append("the session never ended (no 401 in the journal)")
    elif not [e for e in first.entries if e["fault"]]:
        problems.append("the fault never hit %s" % target.label)
    if first.ok:
        problems += ["after the faulty run: " + p for p in scenario.verify(lab, args, first.result)]
        if scenario.changes and not first.changed:
            problems.append("the faulty run converged but reported changed=false")
    else:
        problems += ["faulty run: " + p for p in failure_problems(first)]
    if fault == "429":
        problems += _retry_after_problems(first.entries)

    lab.clear_faults()
    rerun = lab.run(scenario.module, args)
    if not rerun.ok:
        problems.append("the rerun without the fault failed: %s" % rerun.summary())
    else:
        problems += ["after the rerun: " + p for p in scenario.verify(lab, args, rerun.result)]
    second = lab.run(scenario.module, args)
    if not second.ok or second.changed or second.writes:
        problems.append("the second rerun did not converge without writes: %s" % second.summary())

    runs = (first, rerun, second)
    entries = [e for run in runs for e in run.entries]
    secrets = secrets_of(scenario.module, args)
    printed = sorted({label for run in runs for label in leaked(run, secrets, lab.generated, scenario.allowed)})
    return {
        "matrix": "fault", "module": scenario.module_name, "scenario": scenario.name, "target": target_label,
        "fault": fault, "survived": not problems, "problems": problems,
        "duplicates": duplicate_writes(entries) + duplicate_state(lab.state()), "secrets": printed,
        "outcome": first.summary(), "seconds": sum(run.seconds for run in runs),
    }


def _echoed_by_ansible_core(run):
    """ansible-core's own check of choices quotes the value as given, line breaks and all; not the module's message."""
    msg = str(run.result.get("msg"))
    return msg.startswith("value of ") and " must be one of: " in msg


def _retry_after_problems(entries):
    """The retry after a 429 came no sooner than its Retry-After said."""
    for position, entry in enumerate(entries):
        if entry["status"] == 429:
            later = [e for e in entries[position + 1:] if e["method"] == entry["method"] and e["path"] == entry["path"]]
            if not later:
                return []
            waited = later[0]["time"] - entry["time"]
            return [] if waited >= RETRY_AFTER - 0.05 else ["retried %.2f s after a 429 with Retry-After: 1" % waited]
    return []


def run_input_case(lab, module_name, path, case):
    """One bad value in one option: rejected before any request, or accepted and right, or refused cleanly."""
    kind = inputs.kind_of(module_name, path)
    scenario = inputs.base_of(module_name, path)
    record = {"matrix": "input", "module": module_name, "option": path, "case": case, "kind": kind,
              "problems": [], "secrets": [], "requests": 0, "requests_before_rejection": 0, "seconds": 0.0}
    if kind is None:
        record.update(outcome="no kind", expected=[], passed=False,
                      problems=["option %s has no kind in tests/reliability/inputs.py KINDS" % path])
        return record
    expected = inputs.EXPECT[kind][0][case]
    lab.prepare(scenario)
    args = scenario.args(lab)
    value = inputs.bad_value(case, kind, inputs.base_value(args, path))
    args = inputs.set_value(args, path, value)
    # What the module gets: ansible-core makes a string of an int, a list or a dict given to a str option.
    given = inputs.set_value(args, path, value if isinstance(value, str) else str(value))
    run = lab.run(scenario.module, args)
    problems = []
    record["requests"] = len(run.entries)
    if not run.ok and not run.entries:
        outcome = inputs.REJECTED
        problems += [p for p in failure_problems(run, api=False)
                     if not (p == "message is more than one line" and _echoed_by_ansible_core(run))]
        leaf = path.rsplit(".", 1)[-1].rstrip("[]")
        if not run.crash and not refused_by_ansible_core(run) and leaf not in str(run.result.get("msg")) \
                and path.split("[", 1)[0] not in str(run.result.get("msg")):
            problems.append("the message does not name the option")
    elif run.ok:
        outcome = inputs.ACCEPTED
        wrong = [e for e in run.entries if not lab.routed(e)]
        if wrong and kind == "base url":
            # A base URL whose path the server does not serve: every request under it, nothing written.
            under = urllib.parse.quote(urllib.parse.urlsplit(value.rstrip("/")).path, safe="/")
            problems += ["%s %s is not under the given URL" % (e["method"], e["raw_path"][:80])
                         for e in run.entries if not e["raw_path"].startswith(under)]
            if lab.lasting_state() != lab.before:
                problems.append("the state changed although no request reached the API")
        elif wrong:
            problems.append("requests to paths the API does not have: %s" % ", ".join(
                "%s %s" % (e["method"], e["raw_path"][:80]) for e in wrong))
        else:
            problems += scenario.verify(lab, given, run.result)
        again = lab.run(scenario.module, args)
        if not again.ok or again.changed or again.writes:
            problems.append("the rerun did not converge without writes: %s" % again.summary())
    else:
        outcome = inputs.REFUSED
        problems += failure_problems(run, api=False)
        if lab.lasting_state() != lab.before:
            problems.append("half-written: the state changed although the task failed")
    if outcome not in expected:
        problems.insert(0, "%s, expected %s" % (outcome, " or ".join(sorted(expected))))
    if expected == inputs.R and outcome != inputs.REJECTED:
        record["requests_before_rejection"] = len(run.entries)
    record["secrets"] = leaked(run, secrets_of(scenario.module, args), lab.generated, scenario.allowed)
    record.update(outcome=outcome, expected=sorted(expected), problems=problems,
                  passed=not problems and not record["secrets"], message=run.summary(), seconds=run.seconds)
    return record

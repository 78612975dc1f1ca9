# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Modules run in-process against the in-process simulator, and the rules that judge a run.

The rules are the scorecard's definitions (written out in its header, see run.py):
a clean failure, a duplicate write, a secret printed. They read only what a user or the
simulator can see: the module's result or failure, its warnings, the journal and the state.
"""

from __future__ import annotations

import gc
import json
import math
import time
import traceback

from ansible.module_utils import basic

from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import basic_credentials, forms as secret_forms
from ansible_collections.cxops.digital_channels.tests.simulator import build
from ansible_collections.cxops.digital_channels.tests.simulator.core import HttpError
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

# Connection options of every case: small, so that a fault costs seconds, not minutes.
CONNECTION = {"timeout": 1, "settle_timeout": 2, "retries": 3}
# A late commit: the simulator processes the request this long after it arrived, past the timeout.
LATE = 1.5
# Longest a request of a finished run may still be in the simulator (a late commit).
QUIESCE = 15.0
# Methods whose repetition after they landed is a duplicate write (DELETE is idempotent).
NON_IDEMPOTENT = ("POST", "PUT", "PATCH")
# The start of a secret this long (or half of it, whichever is longer) counts as printing it: what
# is left of a secret when a message is cut in the middle of it.
FRAGMENT = 12
# State that changes on every run whatever the module does: not part of "was anything written".
VOLATILE = ("tokens", "sessions", "concurrent_writes")


class Run:
    """One module run: its outcome and the requests it sent (journal entries)."""

    def __init__(self, ok, result, warnings, entries, seconds, crash=None):
        self.ok = ok
        self.result = result
        self.warnings = warnings
        self.entries = entries
        self.seconds = seconds
        self.crash = crash

    @property
    def writes(self):
        return [e for e in self.entries if e["write"]]

    @property
    def changed(self):
        return bool(self.result.get("changed"))

    def summary(self):
        if self.crash:
            return "crashed: %s" % self.crash.strip().splitlines()[-1]
        if self.ok:
            return "ok, changed=%s, %d requests, %d writes" % (self.changed, len(self.entries), len(self.writes))
        return "failed: %s" % self.result.get("msg")


class Lab:
    """One simulator and a way to run modules against it, one at a time."""

    def __init__(self):
        self.sim = build().start()
        # Every value the simulator generated during the current case (tokens, sessions, keys, client secrets).
        self.generated = set()
        # Snapshots taken by prepare(): the lasting state and the NexusServices sections before the task.
        self.before = {}
        self.before_sections = {}

    @property
    def url(self):
        return self.sim.url

    @property
    def planes(self):
        return self.sim.planes

    def close(self):
        self.sim.stop()

    def reset(self, config=None):
        self.sim.reset()
        self.generated = set()
        if config:
            self.sim.apply_config(config)

    def prepare(self, scenario, config=None):
        """A fresh simulator holding the scenario's state before its task."""
        self.reset(config)
        scenario.setup(self)
        self.before = self.lasting_state()
        self.before_sections = self.planes["gax"].sections()

    def clear_faults(self, config=None):
        """Between the faulty run and the reruns: the server back, no faults, the scenario's own settings."""
        self.sim.resume()
        self.sim.faults.clear()
        for plane in self.planes.values():
            plane.reset_config()
        if config:
            self.sim.apply_config(config)

    def add_faults(self, rules):
        for rule in rules:
            self.sim.faults.add(rule)

    def state(self):
        with self.sim.lock:
            return {name: plane.dump() for name, plane in self.planes.items()}

    def lasting_state(self):
        """The state without what changes on every request (tokens, sessions, also those of GAX environments)."""
        return _without(self.state(), VOLATILE)

    def run(self, module, args, check_mode=False):
        """Run module.main() with args; wait until the simulator has finished every request it started."""
        since = self.sim.journal.last_seq
        warnings = []
        original = basic.AnsibleModule.warn
        basic.AnsibleModule.warn = lambda self, msg: warnings.append(msg)
        start = time.monotonic()
        crash = None
        try:
            ok, result = run_module(module.main, args, check_mode=check_mode)
        except Exception:  # pylint: disable=broad-exception-caught  # a crash is what the scorecard reports
            ok, result, crash = False, {}, traceback.format_exc()
        finally:
            basic.AnsibleModule.warn = original
        seconds = time.monotonic() - start
        self.quiesce()
        self._collect_generated()
        # Sessions of finished runs are closed, so the simulator's connection threads end.
        gc.collect()
        return Run(ok, result, warnings, self.sim.journal.entries(since), seconds, crash)

    def quiesce(self, limit=QUIESCE):
        """Wait for requests still being processed (a late commit outlives the client that gave up on it)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if not [e for e in self.sim.journal.entries() if e["status"] is None and e["fault"] in (None, "delay")]:
                return
            time.sleep(0.05)

    def _collect_generated(self):
        state = self.state()
        self.generated.update(state["gc"]["tokens"])
        for client in state["gc"]["oauth_clients"].values():
            self.generated.add(client["secret"])
            self.generated.add(basic_credentials(client["id"], client["secret"]))
        self.generated.update(key["id"] for key in state["nexus"]["api_keys"].values())
        self.generated.update(state["gauth"]["tokens"])
        for environment in state["gax"].get("environments", {}).values():
            self.generated.update(environment["sessions"])
        self.generated.update(state["gax"]["sessions"])

    def routed(self, entry):
        """Whether a journaled request went to a route of the simulated APIs (not a wrong path)."""
        try:
            self.sim.resolve(entry["method"], entry["raw_path"], self.sim._routes)  # pylint: disable=protected-access
        except HttpError:
            return False
        return True


def _without(value, keys):
    """A nested dict without the given keys at any depth."""
    if isinstance(value, dict):
        return {k: _without(v, keys) for k, v in value.items() if k not in keys}
    return value


# --- a clean failure ---------------------------------------------------------------------------

def failure_problems(run, api=True):
    """What is wrong with a failure as the user sees it; [] for one clean line.

    Clean: no traceback, one line, and for an API error the method, path and status in the
    message. With ``api`` the failure must be an API error (a fault run fails because of the API).
    """
    if run.crash:
        return ["crashed with a traceback: %s" % run.crash.strip().splitlines()[-1]]
    msg = run.result.get("msg")
    if refused_by_ansible_core(run):
        return []
    problems = []
    if not isinstance(msg, str) or not msg.strip():
        return ["failed without a message"]
    if "\n" in msg or "\r" in msg:
        problems.append("message is more than one line")
    if "Traceback" in msg or "exception" in run.result:
        problems.append("message carries a traceback")
    if "method" in run.result:
        if "%s %s" % (run.result["method"], run.result["path"]) not in msg:
            problems.append("message does not name %s %s" % (run.result["method"], run.result["path"]))
        if run.result.get("status") is not None and "HTTP %s" % run.result["status"] not in msg:
            problems.append("message does not name status %s" % run.result["status"])
    elif api:
        problems.append("an API failure without method and path")
    return problems


def refused_by_ansible_core(run):
    """AnsibleModule logs a module's string arguments to syslog before the module runs and fails on a NUL in one,
    with a traceback in the result: ansible-core's refusal on the module path, before any request (in-process,
    the module's own message comes). Counted as a clean rejection."""
    return str(run.result.get("msg")).startswith("Failed to log to syslog (embedded null character)") and not run.entries


# --- duplicate writes ------------------------------------------------------------------------------

def landed(entry):
    """The simulator processed the write and it took effect (answered 2xx, whether or not the answer arrived)."""
    return entry["write"] and entry["status"] is not None and 200 <= entry["status"] < 300


def write_identities(entry):
    """What makes two writes "the same write" (see the scorecard's definition)."""
    body = entry["body"]
    path = entry["path"]
    if entry["method"] == "POST" and path.endswith("/tollfreenumbers") and isinstance(body, list):
        return [("order of", item.get("tollfreeNumber")) for item in body if isinstance(item, dict)]
    if entry["method"] == "POST" and isinstance(body, dict) and (
            path.endswith("/roles") or path.endswith("/oauth/clients") or path.endswith("/apikeys")):
        return [("create of", "%s %r" % (path.rsplit("/", 1)[1], body.get("name")))]
    return [("%s %s" % (entry["method"], path), json.dumps(body, sort_keys=True))]


def duplicate_writes(entries):
    """Writes the simulator received although the same write had already landed: [description]."""
    first = {}
    duplicates = []
    for entry in sorted(entries, key=lambda e: e["seq"]):
        if not entry["write"] or entry["method"] not in NON_IDEMPOTENT:
            continue
        for identity in write_identities(entry):
            earlier = first.get(identity)
            if earlier is not None and landed(earlier):
                duplicates.append("%s %s sent again (request %d) after request %d had landed" % (
                    identity[0], identity[1][:80], entry["seq"], earlier["seq"]))
            elif earlier is None or not landed(earlier):
                first[identity] = entry
    return duplicates


def duplicate_state(state):
    """Objects the APIs hold twice although a name (or a number's order) must be unique."""
    found = []
    for kind in ("roles", "oauth_clients"):
        names = [o["name"] for o in state["gc"][kind].values()]
        found += ["%s %r exists %d times" % (kind, n, names.count(n)) for n in sorted(set(names)) if names.count(n) > 1]
    ordered = [n for order in state["gc"]["orders"].values() for n in order["numbers"]]
    found += ["%s ordered %d times" % (n, ordered.count(n)) for n in sorted(set(ordered)) if ordered.count(n) > 1]
    keys = [k["name"] for k in state["nexus"]["api_keys"].values()]
    found += ["API key %r exists %d times" % (n, keys.count(n)) for n in sorted(set(keys)) if keys.count(n) > 1]
    return found


# --- secrets printed ---------------------------------------------------------------------------------

def option_secrets(spec, args):
    """Values of the options the argument spec marks no_log (every string leaf of a dict option)."""
    found = []
    for name, option in spec.items():
        value = args.get(name)
        if value is None:
            continue
        if option.get("no_log"):
            found.extend(_leaves(value))
        if option.get("options"):
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    found.extend(option_secrets(option["options"], item))
    return found


def _leaves(value):
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value] if isinstance(value, str) else [str(value)]


def secret_patterns(secrets):
    """Every form of every secret (raw, trimmed, escaped, URL-encoded; Basic tokens are secrets of their own)."""
    return {form for secret in secrets for form in secret_forms(secret)}


def printed(text, forms):
    """Secret forms found in text, in any letter case: whole, or their first max(FRAGMENT, half) characters (a
    message cut inside one)."""
    found = []
    text = text.lower()
    for form in sorted(forms, key=len, reverse=True):
        lowered = form.lower()
        if lowered in text or (len(form) > FRAGMENT and lowered[:max(FRAGMENT, math.ceil(len(form) / 2))] in text):
            found.append(form)
    return found


def visible_text(run, allowed=()):
    """Everything a user sees of a run: result or failure, diff, warnings, a traceback.

    ``allowed`` are (key, subkey) fields that return a generated secret on purpose (documented,
    sensitive return values such as a created client's secret); they are left out.
    """
    result = json.loads(json.dumps(run.result, default=str))
    for key, subkey in allowed:
        holder = result.get(key) if subkey else result
        field = subkey or key
        if isinstance(holder, dict) and field in holder:
            holder[field] = "(documented sensitive return value)"
    texts = [json.dumps(result, ensure_ascii=False), json.dumps(result), repr(result)]
    texts += list(run.warnings) + ([run.crash] if run.crash else [])
    return "\n".join(texts)


def leaked(run, option_values, generated, allowed=()):
    """Labels of secrets printed by a run. Documented return fields may hold generated secrets, never option values."""
    forms = secret_patterns(list(option_values) + sorted(generated))
    found = printed(visible_text(run, allowed), forms)
    option_forms = secret_patterns(option_values)
    found += [f for f in printed(visible_text(run), option_forms) if f not in found]
    return ["%s...(%d chars)" % (f[:4], len(f)) for f in found]

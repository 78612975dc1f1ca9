# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The families of issue 19: concurrent writers, secrets a server echoes back, answers too large, slow or deep,
listings of the wrong shape, ~/.netrc, and control characters or oversized values inside structured options.

Each case is (family, case name) and returns a plain record like the other matrices; the scorecard
prints the families with their totals (run.py).
"""

from __future__ import annotations

import json
import os
import tempfile
import time

from ansible_collections.cxops.digital_channels.plugins.modules import (
    gc_oauth_client,
    gc_role,
    gc_tollfree_number,
    gc_tollfree_number_info,
    nexus_api_key,
    nexus_sender_id,
    nexus_service,
    nexus_services_options,
)
from ansible_collections.cxops.digital_channels.tests.reliability import matrix
from ansible_collections.cxops.digital_channels.tests.reliability.harness import CONNECTION, failure_problems, leaked
from ansible_collections.cxops.digital_channels.tests.reliability.scenarios import MODULES, SCENARIOS
from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_GAX_PASSWORD, DEFAULT_GAX_USERNAME
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

CONCURRENT = "concurrent writers"
ECHOED = "secrets echoed by the server"
UNBOUNDED = "answers too large, slow or deep"
SHAPES = "listings of the wrong shape"
NETRC = "~/.netrc"
STRUCTURED = "control characters and sizes in structured options"
FAMILIES = (CONCURRENT, ECHOED, UNBOUNDED, SHAPES, NETRC, STRUCTURED)

# --- concurrent writers --------------------------------------------------------------------------

ROUNDS = 20
PUT_DELAY = 0.3
JOBS = (["t%02d" % n for n in range(1, 6)], ["t%02d" % n for n in range(6, 11)])
LOCK_MODES = ("one lock directory", "a lock directory each")


def _spellings(url):
    """One Platform Administration, four spellings of its URL (the lock key must see one endpoint)."""
    return [url, url + "/", url.replace("http://", "HTTP://"), url + "/"]


def _job(url, tenants, lock_dir, report):
    """One ansible-playbook run of the sender_ids role, as the role runs it: write each tenant (one at a time,
    the play's throttle), then verify each once the settle window passed. One JSON line per tenant to report."""
    os.environ["CXOPS_LOCK_DIR"] = lock_dir
    spellings = _spellings(url)
    written = {}
    for index, tenant in enumerate(tenants):
        args = {"gax_url": spellings[index % len(spellings)], "gax_username": DEFAULT_GAX_USERNAME,
                "gax_password": DEFAULT_GAX_PASSWORD, "name": "SMS_" + tenant, "channel_id": "555%02d" % int(tenant[1:]),
                "endpoint": "SMS_Main", "timeout": 5, "retries": 3}
        ok, result = run_module(nexus_sender_id.main, args)
        written[tenant] = (args, ok, result)
    for tenant in tenants:
        args, ok, result = written[tenant]
        lost = []
        if ok and result.get("written_at"):
            ok, result = run_module(nexus_sender_id.main, dict(args, verify_after=result["written_at"]))
            lost = result.get("lost") or []
        with open(report, "a") as handle:
            handle.write(json.dumps([tenant, ok, result.get("msg"), lost]) + "\n")


def _fork(target, *args):
    """Run target in a child process (os.fork: the scorecard's pool workers may not start multiprocessing children)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            target(*args)
        except BaseException:  # pylint: disable=broad-exception-caught
            code = 1
        finally:
            os._exit(code)  # pylint: disable=protected-access
    return pid


def _wait(pids, timeout):
    deadline = time.monotonic() + timeout
    pending = set(pids)
    while pending and time.monotonic() < deadline:
        for pid in list(pending):
            done, dummy = os.waitpid(pid, os.WNOHANG)
            if done:
                pending.discard(pid)
        time.sleep(0.05)
    for pid in pending:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    return not pending


def concurrent_cases():
    return [(CONCURRENT, "round %02d, %s" % (number, mode)) for number in range(1, ROUNDS + 1) for mode in LOCK_MODES]


def run_concurrent(lab, case):
    """Two jobs of five tenants at once on one NexusServices whose PUT lands 0.3 s after it arrives."""
    shared = case.endswith(LOCK_MODES[0])
    lab.reset()
    lab.add_faults([{"method": "PUT", "delay": PUT_DELAY, "times": -1}])
    folder = tempfile.mkdtemp(prefix="cxops-locks-")
    report = os.path.join(folder, "report.jsonl")
    started = time.monotonic()
    pids = [_fork(_job, lab.url, tenants, os.path.join(folder, "shared" if shared else str(n)), report)
            for n, tenants in enumerate(JOBS)]
    finished = _wait(pids, 120)
    lab.quiesce()
    reports = []
    if os.path.exists(report):
        with open(report) as handle:
            reports = [json.loads(line) for line in handle if line.strip()]
    present = set(lab.planes["gax"].sections())
    problems, loud, reapplied = [], [], 0
    if not finished:
        problems.append("a job did not finish within 120 s")
    if len(reports) != sum(len(t) for t in JOBS):
        problems.append("only %d of %d tenants reported" % (len(reports), sum(len(t) for t in JOBS)))
    for tenant, ok, message, lost in reports:
        reapplied += len(lost)
        here = "chat.SMS_" + tenant in present
        if ok and not here:
            problems.append("silent loss: %s reported success and chat.SMS_%s is missing" % (tenant, tenant))
        elif not ok:
            loud.append(tenant)
            if message and ("\n" in message or "Traceback" in message):
                problems.append("%s failed without a clean message" % tenant)
        if shared and not ok:
            problems.append("%s failed although both jobs shared the lock: %s" % (tenant, message))
    return {"problems": problems, "outcome": "%d sections present, %d loud failures, %d re-applied by the verification"
            % (len(present), len(loud), reapplied), "seconds": time.monotonic() - started,
            "loud": len(loud), "reapplied": reapplied, "silent": sum(1 for p in problems if p.startswith("silent"))}


# --- secrets echoed by the server --------------------------------------------------------------

ENCODINGS = ("", "html", "base64", "lower", "url")
ECHO = "rejected: {bearer%(e)s} {cookie%(e)s} {api_key%(e)s} {body%(e)s}"


def echoed_cases():
    cases = []
    for module_name, scenarios in sorted(MODULES.items()):
        cases += [(ECHOED, "%s: error message, %s" % (module_name, encoding or "as sent")) for encoding in ENCODINGS]
        cases.append((ECHOED, "%s: ids and links of an answer" % module_name))
    return cases


def _first_request(scenario):
    return next((t for t in scenario.targets if t.method != "GET"), scenario.targets[0] if scenario.targets else None)


def run_echoed(lab, case):
    """A server that echoes every credential of a request back: in an error's message (in one encoding), or as
    the ids and links of an answer. Nothing of them may reach what the user sees."""
    module_name, what = case.split(": ", 1)
    scenario = MODULES[module_name][0]
    lab.prepare(scenario)
    args = scenario.args(lab)
    if what.startswith("error message"):
        encoding = what.split(", ", 1)[1]
        form = "" if encoding == "as sent" else ":" + encoding
        target = _first_request(scenario)
        method, path = (target.method, target.path) if target else ("*", ".")
        lab.add_faults([{"method": method, "path": path, "status": 400,
                         "body": {"message": ECHO % {"e": form}, "error_description": ECHO % {"e": form}}}])
    else:
        lab.add_faults([{"method": "GET", "path": ".", "action": "rewrite", "times": -1, "body": {
            "set": {"nextUri": "https://{bearer}.evil.example/x?token={bearer}", "id": "{bearer}"},
            "each": {"id": "{bearer}", "dbid": "{cookie}", "name": "{api_key}"}}}])
    run = lab.run(scenario.module, args)
    problems = [] if run.ok else list(failure_problems(run, api=False))
    secrets = leaked(run, matrix.secrets_of(scenario.module, args), lab.generated, scenario.allowed)
    return {"problems": problems, "secrets": secrets, "outcome": run.summary(), "seconds": run.seconds}


# --- answers too large, slow or deep ------------------------------------------------------------

HOSTILE = {
    "200 MB announced": {"action": "flood", "body": {"size": 200 * 1024 * 1024}},
    "endless chunked": {"action": "flood"},
    "trickled (a byte per 0.4 s)": {"action": "trickle", "delay": 0.4},
    "JSON 100,000 deep": {"action": "deep"},
    "an HTML page": {"action": "html"},
}
# Every exchange ends within timeout plus a second; a read is tried retries + 1 times, with backoff between.
BOUND = (CONNECTION["timeout"] + 1) * (CONNECTION["retries"] + 1) + 8


def unbounded_cases():
    return [(UNBOUNDED, "%s: %s" % (module_name, answer)) for module_name in sorted(MODULES) for answer in HOSTILE]


def run_unbounded(lab, case):
    """Every read of the task is answered with the hostile body (gc_oauth_token: its token request): a clean
    failure within the bound, no crash, no write."""
    module_name, answer = case.split(": ", 1)
    scenario = MODULES[module_name][0]
    lab.prepare(scenario)
    args = dict(scenario.args(lab), max_response_size=4 * 1024 * 1024)
    # The token request is the only request of gc_oauth_token: there, it gets the hostile answer.
    method, path = ("POST", "/oauth/token$") if module_name == "gc_oauth_token" else ("GET", ".")
    lab.add_faults([dict(HOSTILE[answer], method=method, path=path, times=-1)])
    run = lab.run(scenario.module, args)
    problems = []
    if run.ok:
        problems.append("succeeded although every read was answered with %s" % answer)
    else:
        problems += failure_problems(run, api=False)
    if run.seconds > BOUND:
        problems.append("took %.1f s, more than %d s (timeout %d s, %d retries)" % (
            run.seconds, BOUND, CONNECTION["timeout"], CONNECTION["retries"]))
    if run.writes:
        problems.append("wrote after an unreadable answer: %s" % ", ".join(e["method"] for e in run.writes))
    return {"problems": problems, "outcome": run.summary(), "seconds": run.seconds}


# --- listings of the wrong shape ----------------------------------------------------------------

LISTINGS = {
    "gc_role/create": "^/api/v2/authorization/roles$",
    "gc_oauth_client/create": "^/api/v2/oauth/clients$",
    "nexus_api_key/create, value generated": "/apikeys$",
    "gc_tollfree_number/order one": "/tollfreenumbers$",
    "gc_tollfree_number_info/owned": "/tollfreenumbers$",
    "gc_tollfree_number_info/available": "/tollfreenumbers/available$",
    "nexus_sender_id/add one": "^/gax/api/cfg/objects$",
}
WRONG = {"null": None, "{}": {}, "[]": [], "entities of numbers": {"entities": [1, 2]}, "entities null": {"entities": None},
         "a string": "x"}
# A bare array is a documented shape of these listings: [] is "nothing there", not a wrong shape.
BARE_LISTS = ("nexus_api_key/create, value generated",)


def shape_cases():
    return [(SHAPES, "%s: %s" % (key, name)) for key in LISTINGS for name in WRONG
            if not (name == "[]" and key in BARE_LISTS)]


def run_shape(lab, case):
    """A listing answered 200 with something that is not a listing: a clean error, never a create after it."""
    key, name = case.rsplit(": ", 1)
    scenario = SCENARIOS[key]
    lab.prepare(scenario)
    args = scenario.args(lab)
    lab.add_faults([{"method": "GET", "path": LISTINGS[key], "status": 200, "body": WRONG[name], "times": -1}])
    run = lab.run(scenario.module, args)
    problems = []
    if run.ok:
        problems.append("succeeded on a listing of the wrong shape: %s" % run.summary())
    else:
        problems += failure_problems(run, api=False)
    if run.writes:
        problems.append("wrote after a listing of the wrong shape: %s" % ", ".join(
            "%s %s" % (e["method"], e["path"]) for e in run.writes))
    return {"problems": problems, "outcome": run.summary(), "seconds": run.seconds}


# --- ~/.netrc ---------------------------------------------------------------------------------------

NETRC_PASSWORD = "netrc-password-never-sent-41f7"


def netrc_cases():
    return [(NETRC, module_name) for module_name in sorted(MODULES)]


def run_netrc(lab, module_name):
    """A ~/.netrc entry for the API host (and a default one): the task converges and never sends it."""
    scenario = MODULES[module_name][0]
    lab.prepare(scenario)
    args = scenario.args(lab)
    folder = tempfile.mkdtemp(prefix="cxops-netrc-")
    path = os.path.join(folder, ".netrc")
    with open(path, "w") as handle:
        handle.write("machine 127.0.0.1 login netrc-user password %s\ndefault login any password %s\n"
                     % (NETRC_PASSWORD, NETRC_PASSWORD))
    os.chmod(path, 0o600)
    saved = {name: os.environ.get(name) for name in ("NETRC", "HOME")}
    os.environ.update(NETRC=path, HOME=folder)
    try:
        run = lab.run(scenario.module, args)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    problems = [] if run.ok else ["failed: %s" % run.summary()]
    if run.ok:
        problems += scenario.verify(lab, args, run.result)
    sent = [e for e in run.entries if NETRC_PASSWORD in repr(e) or "netrc-user" in repr(e)]
    if sent:
        problems.append("the netrc credentials went out in %d requests" % len(sent))
    return {"problems": problems, "outcome": run.summary(), "seconds": run.seconds}


# --- control characters and sizes in structured options ------------------------------------------

MEGABYTE = "v" * (1024 * 1024)
STRUCTURED_CASES = {
    "nexus_service data: NUL in a value": (nexus_service, "nexus_service/create SMS", {"data": {"provider": "mGage\x00"}}),
    "nexus_service data: 1 MB value": (nexus_service, "nexus_service/create SMS", {"data": {"provider": MEGABYTE}}),
    "nexus_service data: control character in a key": (
        nexus_service, "nexus_service/create SMS", {"data": {"pro\x1bvider": "mGage"}}),
    "nexus_service secret: NUL in a value": (nexus_service, "nexus_service/update mGageSMS",
                                             {"secret": {"username": "acme", "password": "pass\x00word-2026"}}),
    "nexus_service secret: line break in a value": (nexus_service, "nexus_service/update mGageSMS",
                                                    {"secret": {"username": "acme", "password": "password-2026\n"}}),
    "nexus_sender_id options: NUL in a value": (nexus_sender_id, "nexus_sender_id/add one", {"options": {"note": "a\x00b"}}),
    "nexus_sender_id options: 1 MB value": (nexus_sender_id, "nexus_sender_id/add one", {"options": {"note": MEGABYTE}}),
    "nexus_sender_id name: 100,000 characters": (nexus_sender_id, "nexus_sender_id/add one", {"name": "S" * 100000}),
    "nexus_services_options options: NUL in a value": (nexus_services_options, "nexus_services_options/set headers",
                                                       {"options": {"header:X-Tenant": "a\x00"}}),
    "nexus_services_options secret_options: 1 MB value": (nexus_services_options, "nexus_services_options/set headers",
                                                          {"secret_options": {"header:Authorization": MEGABYTE}}),
    "nexus_service name: 100,000 characters": (nexus_service, "nexus_service/create SMS", {"name": "S" * 100000}),
    "gc_role description: NUL": (gc_role, "gc_role/create", {"description": "Nexus\x00"}),
    "gc_oauth_client description: 1 MB": (gc_oauth_client, "gc_oauth_client/create", {"description": MEGABYTE}),
    "gc_tollfree_number webhook_password: NUL": (gc_tollfree_number, "gc_tollfree_number/order one",
                                                 {"webhook_password": "pass\x00word"}),
    "nexus_api_key name: 100,000 characters": (nexus_api_key, "nexus_api_key/create, value generated",
                                               {"name": "K" * 100000}),
    "gc_tollfree_number_info vanity: NUL": (gc_tollfree_number_info, "gc_tollfree_number_info/available",
                                            {"vanity": "55\x0050"}),
}


def structured_cases():
    return [(STRUCTURED, name) for name in STRUCTURED_CASES]


def run_structured(lab, name):
    """Refused before any request, in one short line that does not repeat the value."""
    module, key, override = STRUCTURED_CASES[name]
    scenario = SCENARIOS[key]
    lab.prepare(scenario)
    args = dict(scenario.args(lab), **override)
    run = lab.run(module, args)
    problems = []
    if run.ok:
        problems.append("accepted: %s" % run.summary())
    elif run.entries:
        problems.append("%d requests sent before the refusal" % len(run.entries))
    problems += [p for p in failure_problems(run, api=False) if run.entries or not run.ok]
    message = str(run.result.get("msg", ""))
    if len(message) > 400:
        problems.append("the message is %d characters long" % len(message))
    secrets = leaked(run, matrix.secrets_of(module, args), lab.generated, scenario.allowed)
    return {"problems": problems, "secrets": secrets, "outcome": run.summary(), "seconds": run.seconds,
            "requests_before_rejection": len(run.entries)}


RUNNERS = {CONCURRENT: run_concurrent, ECHOED: run_echoed, UNBOUNDED: run_unbounded, SHAPES: run_shape,
           NETRC: run_netrc, STRUCTURED: run_structured}


def cases():
    return concurrent_cases() + echoed_cases() + unbounded_cases() + shape_cases() + netrc_cases() + structured_cases()


def run_case(lab, family, name):
    record = {"matrix": "hostile", "family": family, "case": name, "module": name.split(":", 1)[0].split("/", 1)[0],
              "problems": [], "secrets": [], "duplicates": [], "requests_before_rejection": 0}
    record.update(RUNNERS[family](lab, name))
    if family == CONCURRENT:
        record["module"] = "nexus_sender_id"
    elif family == STRUCTURED:
        record["module"] = STRUCTURED_CASES[name][0].__name__.rsplit(".", 1)[1]
    record["passed"] = not record["problems"] and not record["secrets"]
    return record

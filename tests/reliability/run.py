# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""make reliability: the fault matrix and the bad-input matrix, and tests/reliability/SCORECARD.md.

Run with the collection importable (the Makefile puts .build/collections on PYTHONPATH):

    python -m ansible_collections.cxops.digital_channels.tests.reliability.run [--jobs N] [--only TEXT]

Cases run in worker processes, each with its own in-process simulator; most of a fault case
is waiting (timeouts, Retry-After, settle windows), so workers overlap waits, not CPU.
Exits 1 when a case did not survive or a "must be 0" count is not 0.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import gc
import multiprocessing
import os
import platform
import sys
import time
import traceback

from ansible.release import __version__ as ansible_version

from ansible_collections.cxops.digital_channels.tests.reliability import hostile, inputs, matrix
from ansible_collections.cxops.digital_channels.tests.reliability.harness import CONNECTION, LATE, Lab
from ansible_collections.cxops.digital_channels.tests.reliability.scenarios import MODULES

HERE = os.path.dirname(os.path.abspath(__file__))
SCORECARD = os.path.join(HERE, "SCORECARD.md")
MODULES_DIR = os.path.join(os.path.dirname(os.path.dirname(HERE)), "plugins", "modules")
# Environment variables the modules fall back to: a developer's shell must not change the cases.
ENV_PREFIXES = ("NEXUS_", "GENESYSCLOUD_", "GAX_")

_LAB = None
_BASELINES = None


def _start_worker():
    global _LAB, _BASELINES  # pylint: disable=global-statement
    for name in list(os.environ):
        if name.startswith(ENV_PREFIXES):
            del os.environ[name]
    _LAB = Lab()
    _BASELINES = matrix.Baselines(_LAB)
    # Lab.run collects garbage after every run (sessions left open keep simulator threads alive); frozen,
    # what the worker holds from its start (ansible-core, the simulator) is not walked each time.
    gc.freeze()


def _run_case(case):
    started = time.monotonic()
    try:
        if case[0] == "fault":
            return matrix.run_fault_case(_LAB, _BASELINES, *case[1:])
        if case[0] == "hostile":
            return hostile.run_case(_LAB, *case[1:])
        return matrix.run_input_case(_LAB, *case[1:])
    except Exception:  # pylint: disable=broad-exception-caught  # a harness error is a failed case, reported
        sys.stderr.write(traceback.format_exc())
        if case[0] == "fault":
            module, scenario = case[1].split("/", 1)
            record = {"module": module, "scenario": scenario, "target": case[2], "fault": case[3]}
        elif case[0] == "hostile":
            record = {"module": case[2].split(":", 1)[0].split("/", 1)[0], "family": case[1], "case": case[2]}
        else:
            record = {"module": case[1], "option": case[2], "case": case[3], "outcome": None}
        record.update(matrix=case[0], survived=False, passed=False, duplicates=[], secrets=[],
                      requests_before_rejection=0, seconds=time.monotonic() - started,
                      problems=["harness error: %s" % traceback.format_exc().strip().splitlines()[-1]])
        return record


def _cost(case):
    """Slow cases first, so that workers finish together."""
    if case[0] == "hostile":
        return {hostile.CONCURRENT: 10, hostile.UNBOUNDED: 7}.get(case[1], 1)
    if case[0] == "input":
        return 0
    return {"5xx burst": 9, "gone (drops)": 6, "gone (refused)": 6, "late commit": 5}.get(case[3], 3)


def all_cases(only=None):
    cases = [("fault",) + c for c in matrix.fault_cases()] + [("input",) + c for c in matrix.input_cases()]
    cases += [("hostile",) + c for c in hostile.cases()]
    if only:
        cases = [c for c in cases if only in " / ".join(str(part) for part in c)]
    return sorted(cases, key=_cost, reverse=True)


def run(cases, jobs):
    results = []
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start_worker) as pool:
        for done, record in enumerate(pool.imap_unordered(_run_case, cases, chunksize=1), 1):
            results.append(record)
            if not _passed(record):
                sys.stderr.write("FAIL %s: %s\n" % (_name(record), "; ".join(_issues(record))))
            if done % 100 == 0 or done == len(cases):
                sys.stderr.write("%d/%d cases\n" % (done, len(cases)))
    return results


def _passed(record):
    if record["matrix"] == "fault":
        return record["survived"] and not record["duplicates"] and not record["secrets"]
    return record.get("passed", False)


def _issues(record):
    issues = list(record["problems"])
    issues += ["duplicate write: %s" % d for d in record.get("duplicates") or []]
    issues += ["secret printed: %s" % s for s in record.get("secrets") or []]
    if record.get("requests_before_rejection"):
        issues.append("%d requests sent before the bad input was rejected" % record["requests_before_rejection"])
    return issues


def _name(record):
    if record["matrix"] == "fault":
        return "%s / %s / %s / %s" % (record["module"], record["scenario"], record["target"], record["fault"])
    if record["matrix"] == "hostile":
        return "%s / %s" % (record["family"], record["case"])
    return "%s / %s / %s" % (record["module"], record["option"], record["case"])


def totals(results):
    faults = [r for r in results if r["matrix"] == "fault"]
    bad = [r for r in results if r["matrix"] == "input"]
    families = [r for r in results if r["matrix"] == "hostile"]
    concurrent = [r for r in families if r["family"] == hostile.CONCURRENT]
    return {
        "cases": len(results), "fault cases": len(faults), "input cases": len(bad), "family cases": len(families),
        "survived": sum(1 for r in faults if r["survived"]),
        "as expected": sum(1 for r in bad if not r["problems"]),
        "families held": sum(1 for r in families if _passed(r)),
        "silent losses": sum(r.get("silent") or 0 for r in concurrent),
        "loud failures": sum(r.get("loud") or 0 for r in concurrent),
        "reapplied": sum(r.get("reapplied") or 0 for r in concurrent),
        "duplicate writes": sum(len(r.get("duplicates") or []) for r in results),
        "secrets printed": sum(len(r.get("secrets") or []) for r in results),
        "requests before rejection": sum(r.get("requests_before_rejection") or 0 for r in results),
        "failing": sum(1 for r in results if not _passed(r)),
    }


def scorecard(results, seconds, jobs):
    """SCORECARD.md: definitions, totals, per-module rows, the fault grid, the input verdicts, failing cases."""
    total = totals(results)
    lines = [
        "# Reliability scorecard",
        "",
        "Written by `make reliability` (`tests/reliability/run.py`, also run by `make test`); do not edit by hand.",
        "Generated %s with Python %s, ansible-core %s, %d worker processes." % (
            datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), platform.python_version(),
            ansible_version, jobs),
        "",
        "## Totals",
        "",
        "| | |",
        "|---|---|",
        "| cases run | %d (%d fault, %d bad input, %d of the families below) |" % (
            total["cases"], total["fault cases"], total["input cases"], total["family cases"]),
        "| survived | %d of %d fault cases; %d of %d bad-input cases got the verdict their option allows; %d of %d "
        "family cases held |" % (total["survived"], total["fault cases"], total["as expected"], total["input cases"],
                                 total["families held"], total["family cases"]),
        "| sections lost by a run that reported success (must be 0) | %d (concurrent writers: %d loud failures, %d "
        "sections re-applied by the settled verification) |" % (
            total["silent losses"], total["loud failures"], total["reapplied"]),
        "| duplicate writes (must be 0) | %d |" % total["duplicate writes"],
        "| secrets printed (must be 0) | %d |" % total["secrets printed"],
        "| requests sent before a bad input was rejected (must be 0) | %d |" % total["requests before rejection"],
        "| failing cases | %d |" % total["failing"],
        "| time | %.0f s wall clock (%.0f s of case time over %d workers) |" % (
            seconds, sum(r["seconds"] for r in results), jobs),
        "",
    ]
    lines += DEFINITIONS.format(timeout=CONNECTION["timeout"], settle=CONNECTION["settle_timeout"],
                                retries=CONNECTION["retries"], late=LATE, down=matrix.DOWN_TIME,
                                fragment=12).strip("\n").splitlines()
    lines += FAMILIES.format(rounds=hostile.ROUNDS, delay=hostile.PUT_DELAY, bound=hostile.BOUND).strip("\n").splitlines()
    lines += _module_rows(results) + _family_rows(results) + _fault_grid(results) + _input_grid(results) + _failing(results)
    return "\n".join(lines) + "\n"


DEFINITIONS = """
## Definitions

Every module in `plugins/modules` that sends requests (all but `snapshot_file` and `report_files`, controller
actions that write files) runs in-process (`tests/unit/utils.py` `run_module`) against the in-process simulator
(`tests/simulator`), with `timeout: {timeout}`, `settle_timeout: {settle}` and `retries: {retries}`.

- **Fault matrix.** Each task of `tests/reliability/scenarios.py` starts from a known state. A fault is aimed
  at each write the task sends (each method and path), at its reads (the first GET it sends) and at its
  login (token or GAX session): `429` with `Retry-After: 1`; a `5xx burst` (502, 503, 504, then success);
  `500`; `500 long message` (the server's message is cut at 300 characters inside the credentials it
  echoes); `drop` (closed before the request is processed); `drop after commit` (processed, then closed
  unanswered); `late commit` (processed {late} s after arrival, past the timeout); `expiry` (every Genesys
  Cloud token or GAX session ends just before the target is processed; Nexus API keys do not expire, so
  Nexus tasks have no expiry case); `gone (drops)` (from the target on, every request is dropped);
  `gone (refused)` (from the target on, the port is closed: connection refused, for {down} s or until the
  reruns). GAX tasks that write also run with sessions that end after each request and at once.
  Every status fault echoes the credentials the request carried (headers, body, URL-encoded) in its message.
- **Survived**: the faulty run either converged (the simulator's state and the result are what the task
  asks for, `changed=true` for a task that changes something) or failed with one clean message (one line,
  no traceback, and for an API error the method, path and status in it); then a rerun without the fault
  converged (state verified) and a second rerun reported `changed=false` and sent no write. For `429` the
  retry must also come no sooner than `Retry-After`. A fault that never hit its target fails the case.
- **Duplicate write**: over the three runs of a case, the simulator received a POST, PUT or PATCH that is
  the same write as one that had already *landed* (processed with a 2xx, whether or not the answer reached
  the client). The same write is: an order of the same toll-free number (`POST .../tollfreenumbers`, per
  number); a create of the same name (`POST` roles, OAuth clients, Nexus API keys); otherwise the same
  method, path and JSON body (a Nexus service upsert, a whole-object GAX `PUT`, a role or client `PUT`, a
  `PATCH`). DELETE is idempotent and never counted; a write sent again after its first copy failed without
  landing is a retry, not a duplicate. Objects the simulator holds twice (roles, clients or API keys with
  one name, a number in two orders) count too.
- **Secret printed**: any known secret appears in what a user sees of any run (the result or failure
  message, the diff, warnings, a traceback) in any form `_secrets.forms` knows (raw, trimmed, JSON-, repr-,
  URL-, HTML- and base64-encoded), in any letter case, or its first {fragment} characters or first half, whichever
  is longer (what a message cut in the middle of a secret leaves). Known secrets: the task's `no_log` option values
  (every string leaf of a `no_log` dict), the Basic token of its client credentials (`_secrets.basic_credentials`),
  and every value the simulator generated during the case (tokens, GAX session cookies, Nexus API key
  values, OAuth client secrets and their Basic tokens; `simctl secrets`). The documented sensitive return
  values (`gc_oauth_token` `access_token`, a created client's `client_secret`, a generated API key's `key`)
  may hold a generated secret, never an option's value.
- **Bad-input matrix.** Every string option of every module, taken from the module's argument spec
  (connection options, list elements such as `names[]`, suboptions such as `numbers[].number`), gets each
  bad value in turn: empty, blank (spaces and a tab), a trailing newline, CR/LF inside, NUL inside, `..` and `/`
  (a `/../` segment for URLs), unicode (fullwidth digits for phone numbers, `üïï€名` otherwise), 10,000 and
  100,000 characters, and the wrong types 42, a list and a dict. Verdicts: **rejected** (failed before any
  request: the journal is empty; the message is one clean line naming the option; a NUL in a string that
  AnsibleModule logs is refused by ansible-core itself on the module path, "Failed to log to syslog (embedded
  null character)", which counts as a rejection), **accepted as valid**
  (converged, no request to a path the API does not have, the state verified against the arguments, a
  rerun sends no write), **refused** (well-formed, and the API or a lookup said no: a clean failure and the
  state unchanged, nothing half-written). Each kind of option below says which verdicts it allows and why.
- **Requests sent before a bad input was rejected**: for a value whose only allowed verdict is *rejected*,
  the requests the module sent anyway.
"""


FAMILIES = """
- **Families (issue 19).** *Concurrent writers*: two jobs (forked processes) of five tenants each write one
  `NexusServices` whose `PUT` lands {delay} s after it arrives, each tenant with the URL spelled one of four ways,
  then verify each write after the settle window as the `sender_ids` role does (`verify_after`); {rounds} rounds
  with one lock directory (two runs on one controller) and {rounds} with a lock directory each (two AWX execution
  environments). A section missing after its run reported success is a silent loss (must be 0); a run may fail
  loudly. *Secrets echoed by the server*: each module's first task against a server that echoes the request's
  credentials (bearer token, session cookie, API key, and the request body with its passwords) in an error
  message, as sent, HTML-escaped, base64-encoded, lower-cased or URL-encoded, or puts them in the ids, names and
  links of its answers; none may be printed (in any letter case). *Answers too large, slow or deep*: every read
  answered with 200 MB announced, an endless chunked body, a body trickled a byte per 0.4 s, JSON nested 100,000
  deep, or an HTML page: a clean failure within {bound} s (timeout plus a second per attempt, with retries and
  backoff), no write. *Listings of the wrong shape*: a listing answered 200 with null, `{{}}`, `[]` where the
  API lists objects in `entities`, entities that are not objects, or a string: a clean failure naming the endpoint,
  never a write after it. *~/.netrc*: an entry for the API host (and a default one): the task converges and the
  netrc credentials are never sent. *Control characters and sizes in structured options*: NUL or control
  characters in values and keys of `data`, `secret`, `options`, a 1 MB value, a 100,000-character name: refused
  before any request in one short line.
"""


def _family_rows(results):
    lines = ["", "## Families", "", "| family | cases | held | secrets printed | requests before rejection |",
             "|---|---|---|---|---|"]
    for family in hostile.FAMILIES:
        mine = [r for r in results if r["matrix"] == "hostile" and r["family"] == family]
        lines.append("| %s | %d | %d | %d | %d |" % (
            family, len(mine), sum(1 for r in mine if _passed(r)), sum(len(r.get("secrets") or []) for r in mine),
            sum(r.get("requests_before_rejection") or 0 for r in mine)))
    return lines


def _module_rows(results):
    lines = ["", "## Per module", "",
             "| module | fault cases | survived | bad-input cases | as expected | duplicate writes | secrets printed "
             "| requests before rejection |", "|---|---|---|---|---|---|---|---|"]
    for module in sorted(MODULES):
        mine = [r for r in results if r["module"] == module]
        faults = [r for r in mine if r["matrix"] == "fault"]
        bad = [r for r in mine if r["matrix"] == "input"]
        lines.append("| `%s` | %d | %d | %d | %d | %d | %d | %d |" % (
            module, len(faults), sum(1 for r in faults if r["survived"]), len(bad),
            sum(1 for r in bad if _passed(r)), sum(len(r.get("duplicates") or []) for r in mine),
            sum(len(r.get("secrets") or []) for r in mine), sum(r.get("requests_before_rejection") or 0 for r in mine)))
    return lines


def _fault_grid(results):
    faults = list(matrix.FAULTS) + list(matrix.SESSION_FAULTS)
    lines = ["", "## Fault matrix: survived / cases per module and fault", "",
             "| module | " + " | ".join(faults) + " |", "|---|" + "---|" * len(faults)]
    for module in sorted(MODULES):
        cells = []
        for fault in faults:
            mine = [r for r in results if r["matrix"] == "fault" and r["module"] == module and r["fault"] == fault]
            cells.append("%d/%d" % (sum(1 for r in mine if _passed(r)), len(mine)) if mine else "n/a")
        lines.append("| `%s` | %s |" % (module, " | ".join(cells)))
    targets = collections.OrderedDict()
    for record in results:
        if record["matrix"] == "fault":
            targets.setdefault(record["module"], set()).add("%s: %s" % (record["scenario"], record["target"]))
    lines += ["", "Targets (task: requests a fault hits):", ""]
    lines += ["- `%s`: %s" % (module, "; ".join(sorted(targets[module]))) for module in sorted(targets)]
    return lines


def _input_grid(results):
    lines = ["", "## Bad-input matrix", "", "Kinds of option, the verdict each bad value must get "
             "(R rejected, A accepted as valid, F refused), and why:", "",
             "| kind | " + " | ".join(inputs.CASES) + " | why |", "|---|" + "---|" * (len(inputs.CASES) + 1)]
    letters = {inputs.REJECTED: "R", inputs.ACCEPTED: "A", inputs.REFUSED: "F"}
    for kind, (expected, why) in inputs.EXPECT.items():
        cells = ["/".join(sorted(letters[v] for v in expected[case])) for case in inputs.CASES]
        lines.append("| %s | %s | %s |" % (kind, " | ".join(cells), why))
    lines += ["", "Options and their kind, with the verdicts they got (R, A, F; `!` marks a case that failed):", "",
              "| module | option | kind | " + " | ".join(inputs.CASES) + " |", "|---|---|---|" + "---|" * len(inputs.CASES)]
    rows = collections.OrderedDict()
    for record in sorted((r for r in results if r["matrix"] == "input" and "option" in r),
                         key=lambda r: (r["module"], r["option"])):
        rows.setdefault((record["module"], record["option"], record.get("kind")), {})[record["case"]] = record
    for (module, option, kind), cases in rows.items():
        cells = []
        for case in inputs.CASES:
            record = cases.get(case)
            if record is None:
                cells.append("")
                continue
            cells.append(letters.get(record["outcome"], "?") + ("" if _passed(record) else " !"))
        lines.append("| `%s` | `%s` | %s | %s |" % (module, option, kind, " | ".join(cells)))
    return lines


def _failing(results):
    failing = sorted((r for r in results if not _passed(r)), key=_name)
    lines = ["", "## Failing cases", ""]
    if not failing:
        return lines + ["None."]
    for record in failing:
        lines.append("- %s: %s" % (_name(record), "; ".join(_issues(record)).replace("|", "\\|")))
    return lines


def _sends_requests(filename):
    """A module file with a main() runs as a module; one without only documents a controller action that sends no
    request (snapshot_file and report_files write files), which has no place in a matrix of API faults."""
    with open(os.path.join(MODULES_DIR, filename), encoding="utf-8") as handle:
        return "\ndef main(" in handle.read()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=6,
                        help="worker processes (default 6, also on 2 cores: the cases mostly wait)")
    parser.add_argument("--only", help="run only cases whose name contains this text; the scorecard is not written")
    parser.add_argument("--output", default=SCORECARD, help="where to write the scorecard")
    options = parser.parse_args(argv)

    missing = sorted(name[:-3] for name in os.listdir(MODULES_DIR)
                     if name.endswith(".py") and name[:-3] not in MODULES and _sends_requests(name))
    if missing:
        sys.exit("modules without a row in tests/reliability/scenarios.py: %s" % ", ".join(missing))
    cases = all_cases(options.only)
    start = time.monotonic()
    results = run(cases, options.jobs)
    seconds = time.monotonic() - start
    total = totals(results)
    if not options.only:
        with open(options.output, "w", encoding="utf-8") as handle:
            handle.write(scorecard(results, seconds, options.jobs))
    print("reliability: %d cases (%d fault, %d bad input) in %.0f s: %d fault cases survived, %d bad inputs as "
          "expected, %d duplicate writes, %d secrets printed, %d requests before rejection, %d failing" % (
              total["cases"], total["fault cases"], total["input cases"], seconds, total["survived"],
              total["as expected"], total["duplicate writes"], total["secrets printed"],
              total["requests before rejection"], total["failing"]))
    return 1 if total["failing"] else 0


if __name__ == "__main__":
    sys.exit(main())

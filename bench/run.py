# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""make bench: the collection beside Ansible's own floors and the runbook, on one simulator.

For each tenant count (default 30 and 100, 10 forks) in one run: site.yml first run, rerun and
audit.yml on the default (in-process) path; Ansible's two floors for the same hosts and tasks per
host (`set_fact` runs in the worker, `ping` is a module process), the in-process runs and the
`set_fact` floor repeated (--repeats, median counts); for the counts in --module-path, the same
three runs as module processes; and the requests of one converged tenant per SMS option
against the minimum reads it needs. Then bulk sender IDs and the runbook's curl sequence replayed
with `requests`. Results go to bench/results/latest.{json,md} (and a timestamped copy). Nothing is
asserted except that reruns and audits write nothing: timings are measurements, not tests.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import requests
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from simulator import (  # noqa: E402  pylint: disable=wrong-import-position
    DEFAULT_API_KEY,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_GAUTH_CLIENT_ID,
    DEFAULT_GAUTH_CLIENT_SECRET,
    DEFAULT_GAUTH_PASSWORD,
    DEFAULT_GAUTH_USERNAME,
    build,
)
from simulator.gax import DEFAULT_PASSWORD as GAX_PASSWORD, DEFAULT_USERNAME as GAX_USERNAME  # noqa: E402  pylint: disable=wrong-import-position

OPTIONS = ("kaleyra", "custom_gateway", "genesys_cloud")


def tenant_vars(index, option, sim_url):
    """Host vars of one generated tenant, its sender IDs numbered apart from every other tenant's."""
    number = "+1844555%04d" % (100 + index) if index < 60 else "+1888555%04d" % (40 + index)
    sender = {"name": "SMS_T%03d" % index, "channel_id": "1650%06d" % index, "endpoint": "SMS_Main"}
    # Each tenant has its own Platform Administration environment, as in production (its own NexusServices).
    host = {"sms_option": option, "ccid": str(uuid.UUID(int=index + 1)), "gax_url": "%s/tenants/t%03d" % (sim_url, index)}
    if option == "kaleyra":
        host.update(sms_kaleyra_username="bench", sms_kaleyra_password="bench-pass-%d" % index,
                    sms_kaleyra_sender_ids=[sender])
    elif option == "custom_gateway":
        host.update(sms_custom_gateway_channels=[{
            "channel_id": "1650%06d" % index, "webhook_url": "https://hook.example.com",
            "webhook_secret": "w-%d" % index, "api_secret": "a-%d" % index}],
            sms_custom_gateway_headers={"x-tenant": "t%d" % index},
            sms_custom_gateway_sender_ids=[sender])
    else:
        host.update(sms_genesys_cloud_login_url=sim_url, sms_genesys_cloud_api_url=sim_url,
                    sms_genesys_cloud_client_id=DEFAULT_CLIENT_ID, sms_genesys_cloud_client_secret=DEFAULT_CLIENT_SECRET,
                    sms_genesys_cloud_cluster_api_key="bench-cluster-key-0001",
                    sms_genesys_cloud_numbers=[{"number": number, "comment": "bench"}],
                    sms_genesys_cloud_sender_ids=[dict(sender, channel_id=number)])
    return host


def write_inventory(path, count, sim_url):
    hosts = {}
    for index in range(count):
        hosts["tenant%03d" % index] = tenant_vars(index, OPTIONS[index % 3], sim_url)
    inventory = {"tenants": {"hosts": hosts, "vars": {
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable,
        "nexus_api_key": DEFAULT_API_KEY, "gax_username": GAX_USERNAME, "gax_password": GAX_PASSWORD,
        "gauth_url": sim_url, "gauth_client_secret": DEFAULT_GAUTH_CLIENT_SECRET, "gauth_username": DEFAULT_GAUTH_USERNAME,
        "gauth_password": DEFAULT_GAUTH_PASSWORD}}}
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(inventory, handle)


RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)", re.M)
EXECUTION_VAR = "cxops_digital_channels_execution"
# Ansible's own floors run without the collection's callbacks (the warm-up would speed them up too): None unsets
# the variable (ansible-core 2.21 refuses an empty one).
ANSIBLE_ONLY = {"ANSIBLE_CALLBACKS_ENABLED": None}


class Bench:
    def __init__(self, sim, workdir, forks):
        self.sim = sim
        self.workdir = workdir
        self.forks = forks
        self.last_journal = []
        self.env = dict(os.environ, NEXUS_URL=sim.url, GAX_URL=sim.url, ANSIBLE_FORKS=str(forks),
                        ANSIBLE_STDOUT_CALLBACK="ansible.builtin.default", ANSIBLE_NOCOLOR="1",
                        ANSIBLE_CALLBACKS_ENABLED="cxops.digital_channels.drift_report,cxops.digital_channels.warm_up",
                        CXOPS_DRIFT_REPORT_DIR=os.path.join(workdir, "drift"),
                        CXOPS_SNAPSHOT_DIR=os.path.join(workdir, "snapshots"))

    def journal(self):
        entries = self.sim.journal.entries()
        self.sim.journal.clear()
        return {"requests": len(entries), "writes": sum(1 for e in entries if e["write"])}, entries

    def playbook(self, *args, expect_rc=0, env=None):
        """Run ansible-playbook; return seconds, requests, writes and task results (from the recap).

        The requests it sent stay in last_journal.
        """
        self.sim.journal.clear()
        started = time.perf_counter()
        env = {key: value for key, value in dict(self.env, **(env or {})).items() if value is not None}
        run = subprocess.run(["ansible-playbook", *args], cwd=self.workdir, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        seconds = time.perf_counter() - started
        if run.returncode != expect_rc:
            failures = [line for line in run.stdout.splitlines() if line.startswith(("fatal:", "failed:"))]
            sys.stderr.write("\n".join(failures[:20] or run.stdout.splitlines()[-40:]) + "\n")
            raise SystemExit("ansible-playbook %s exited %d" % (" ".join(args), run.returncode))
        counts, entries = self.journal()
        recap = [tuple(int(n) for n in match[1:]) for match in RECAP.findall(run.stdout)]
        # ok counts changed; a task result is ok, failed, skipped or unreachable.
        tasks = sum(ok + unreachable + failed + skipped for ok, _changed, unreachable, failed, skipped in recap)
        self.last_journal = entries
        return dict(counts, seconds=round(seconds, 2), tasks=tasks, hosts=len(recap))


def runbook_replay(sim_url, count):
    """The runbook's curl sequence per tenant, one tenant after the other, as an operator runs it.

    Sender IDs and the Genesys Cloud role and client are admin-UI steps in the runbook; they are
    counted as the requests their UI pages would cost at least (login, read, write), not timed.
    """
    session = requests.Session()
    counts = {"requests": 0, "writes": 0}

    def call(method, path, write=True, **kwargs):
        response = session.request(method, sim_url + path, timeout=30, **kwargs)
        counts["requests"] += 1
        counts["writes"] += int(write)
        return response

    started = time.perf_counter()
    for index in range(count):
        option = OPTIONS[index % 3]
        ccid = str(uuid.UUID(int=10000 + index))
        headers = {"x-api-key": DEFAULT_API_KEY, "x-ccid": ccid}

        def service(name, body):
            call("POST", "/nexus/v3/provisioning/services/%s/%s" % (ccid, name), json=body, headers=headers)

        if option == "kaleyra":
            service("SMS", {"url": "N/A", "data": {"provider": "mGage"}, "secret": {}})
            service("mGageSMS", {"url": "http://directtext.mgage.com", "data": {}, "secret": {"username": "u", "password": "p"}})
        elif option == "custom_gateway":
            service("Async", {"data": {"channels": [{"channelId": "1", "webhook": {"url": "https://h"}}]},
                              "secret": {"channels": [{"channelId": "1", "webhook": {"secret": "w"}, "api": {"secret": "a"}}]}})
            service("SMS", {"url": "N/A", "data": {"provider": "Async"}, "secret": {}})
        else:
            if index < 3:
                # "Provision API keys": a GWS Auth token (password grant), then the key.
                gauth = call("POST", "/auth/v3/oauth/token", write=False,
                             auth=(DEFAULT_GAUTH_CLIENT_ID, DEFAULT_GAUTH_CLIENT_SECRET),
                             data={"grant_type": "password", "client_id": DEFAULT_GAUTH_CLIENT_ID,
                                   "username": DEFAULT_GAUTH_USERNAME, "password": DEFAULT_GAUTH_PASSWORD}).json()
                call("POST", "/nexus/v3/apikeys", headers={"Authorization": "Bearer " + gauth["access_token"]},
                     json={"data": {"enabled": True, "tenant": "*", "name": "Runbook key %d" % index,
                                    "permissions": ["nexus:cluster:*"]}})
            service("PurecloudIDP", {"url": sim_url, "secret": {"clientId": DEFAULT_CLIENT_ID, "clientSecret": DEFAULT_CLIENT_SECRET}, "data": {}})
            service("SMS", {"url": "N/A", "secret": {}, "data": {"tokenProvider": "Purecloud"}})
            service("PorticoSMS", {"url": sim_url, "secret": {}, "data": {}})
            token = call("POST", "/oauth/token", write=False, auth=(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET),
                         data={"grant_type": "client_credentials"}).json()["access_token"]
            bearer = {"Authorization": "Bearer " + token}
            call("GET", "/api/v2/messaging/sms/provisioning/tollfreenumbers", write=False, headers=bearer)
            available = call("GET", "/api/v2/messaging/sms/provisioning/tollfreenumbers/available", write=False,
                             headers=bearer).json()["entities"]
            call("POST", "/api/v2/messaging/sms/provisioning/tollfreenumbers", headers=bearer, json=[{
                "tollfreeNumber": available[0]["tollfreeNumber"], "comment": "runbook", "moUrl": sim_url + "/m",
                "drUrl": sim_url + "/r", "webhookUsername": ccid, "webhookPassword": "k", "emailAddress": "a@b.c"}])
        # Sender ID in Platform Administration: log in, open NexusServices, save one section.
        counts["requests"] += 3
        counts["writes"] += 1
    return dict(counts, seconds=round(time.perf_counter() - started, 2))


def bulk_sender_ids_playbook(path, count):
    items = [{"name": "SMS_B%05d" % n, "channel_id": "1651%06d" % n, "endpoint": "SMS_Bulk"} for n in range(count)]
    play = [{"name": "Bulk sender IDs", "hosts": "localhost", "gather_facts": False, "connection": "local",
             "vars": {"ansible_python_interpreter": sys.executable},
             "tasks": [{"name": "Provision %d sender IDs" % count, "cxops.digital_channels.nexus_sender_id": {
                 "gax_username": GAX_USERNAME, "gax_password": GAX_PASSWORD, "sender_ids": items}}]}]
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(play, handle)


def floor_playbook(path, module, tasks):
    """Ansible's own floor: the same hosts and tasks per host, each task one `module` call and nothing else."""
    play = [{"name": "Floor: %s" % module, "hosts": "tenants", "gather_facts": False,
             "tasks": [{"name": "%s %d" % (module, n), module: {"floor_%d" % n: n} if module.endswith("set_fact") else {}}
                       for n in range(tasks)]}]
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(play, handle)


# What a converged tenant must read at least to prove it is converged, per SMS option.
MINIMUM_READS = {
    "kaleyra": (4, "GET of its 2 services (SMS, mGageSMS); a GAX login and 1 read of NexusServices (sender ID)"),
    "custom_gateway": (4, "GET of its 2 services (Async, SMS); a GAX login and 1 read of NexusServices "
                          "(its header section and sender ID live in the same transaction)"),
    "genesys_cloud": (8, "GET of the API keys and its 3 services (PurecloudIDP, SMS, PorticoSMS); a token and 1 list of "
                         "the toll-free numbers; a GAX login and 1 read of NexusServices (sender ID)"),
}


def request_kinds(entries):
    """A converged run's requests by kind, for the report."""
    kinds = {}
    for entry in entries:
        path = entry["path"]
        if "/provisioning/services/" in path:
            kind = "GET service %s" % path.rsplit("/", 1)[-1]
        elif path.endswith("/session/login"):
            kind = "GAX login"
        elif "/cfg/objects" in path:
            kind = "%s NexusServices" % entry["method"]
        elif path == "/oauth/token":
            kind = "GC token"
        else:
            kind = "%s %s" % (entry["method"], path.rsplit("/", 1)[-1])
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def median_row(rows):
    """The first repetition's counts with the median of every repetition's seconds (and all of them)."""
    seconds = sorted(row["seconds"] for row in rows)
    return dict(rows[0], seconds=round(statistics.median(seconds), 2), runs=seconds,
                writes=max(row["writes"] for row in rows))


def tenant_set(bench, count, site, audit, module_path, repeats):
    """First run, rerun and audit for `count` tenants, their floors, and (if asked) the module path.

    The in-process runs and the in-process floor repeat `repeats` times, interleaved so that load from
    elsewhere on the machine hits them alike, and count with their median. The module-process floor and
    the module path, minutes each and only compared at a 5x distance, run once.
    """
    results = {"tenants": count, "repeats": repeats}
    write_inventory(os.path.join(bench.workdir, "inventory.yml"), count, bench.sim.url)
    inventory = ("-i", "inventory.yml")
    runs = {"site_first_run": [], "site_rerun": [], "audit": [], "floor_in_process": [], "site_first_run_no_settle": []}
    floor = os.path.join(bench.workdir, "floor_in_process.yml")
    for repetition in range(repeats):
        bench.sim.reset()
        runs["site_first_run"].append(bench.playbook(*inventory, site))
        runs["site_rerun"].append(bench.playbook(*inventory, site))
        runs["audit"].append(bench.playbook(*inventory, audit))
        if repetition == 0:
            results["tasks_per_tenant"] = int(round(runs["site_first_run"][0]["tasks"] / float(count)))
            floor_playbook(floor, "ansible.builtin.set_fact", results["tasks_per_tenant"])
        runs["floor_in_process"].append(bench.playbook(*inventory, floor, env=ANSIBLE_ONLY))
        # The first run again without the verification's settle window (issue 19): a deliberate wait after a
        # NexusServices write, not work, so this row is the one that compares the work with the floor.
        bench.sim.reset()
        runs["site_first_run_no_settle"].append(bench.playbook(*inventory, site, "-e", "sms_gax_verify_settle=0"))
    results.update((key, median_row(rows)) for key, rows in runs.items())
    # Requests of one converged tenant per SMS option, against the minimum it needs.
    results["per_option"] = {}
    for index, option in enumerate(OPTIONS):
        run = bench.playbook(*inventory, site, "--limit", "tenant%03d" % index)
        minimum, why = MINIMUM_READS[option]
        results["per_option"][option] = {"requests": run["requests"], "writes": run["writes"], "minimum": minimum,
                                         "minimum_reads": why, "kinds": request_kinds(bench.last_journal)}
    path = os.path.join(bench.workdir, "floor_module_process.yml")
    floor_playbook(path, "ansible.builtin.ping", results["tasks_per_tenant"])
    results["floor_module_process"] = bench.playbook(*inventory, path, env=ANSIBLE_ONLY)
    if module_path:
        switch = ("-e", "%s=module" % EXECUTION_VAR)
        bench.sim.reset()
        results["module_site_first_run"] = bench.playbook(*inventory, site, *switch)
        results["module_site_rerun"] = bench.playbook(*inventory, site, *switch)
        results["module_audit"] = bench.playbook(*inventory, audit, *switch)
    for key, row in results.items():
        if isinstance(row, dict) and "requests" in row and "seconds" in row:
            row["requests_per_tenant"] = round(row["requests"] / float(count), 1)
    for key in ("site_rerun", "audit", "module_site_rerun", "module_audit"):
        if key in results and results[key]["writes"]:
            raise SystemExit("%d tenants: %s wrote %d times; a converged system must see no write" % (count, key, results[key]["writes"]))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tenants", default="30,100", help="comma-separated tenant counts (default 30,100)")
    parser.add_argument("--module-path", default="30", help="tenant counts that also run the module path (default 30)")
    parser.add_argument("--sender-ids", type=int, default=1000)
    parser.add_argument("--forks", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3, help="repetitions of the in-process runs and floor (median counts)")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results"))
    args = parser.parse_args()
    counts = [int(n) for n in args.tenants.split(",") if n]
    module_path = {int(n) for n in args.module_path.split(",") if n}

    sim = build().start()
    workdir = tempfile.mkdtemp(prefix="cxops-bench-")
    results = {"forks": args.forks, "sender_ids": args.sender_ids, "sets": [],
               "machine": {"cpus": os.cpu_count(), "load_before": [round(x, 2) for x in os.getloadavg()]}}
    try:
        bench = Bench(sim, workdir, args.forks)
        site = os.path.join(ROOT, "playbooks", "site.yml")
        audit = os.path.join(ROOT, "playbooks", "audit.yml")
        for count in counts:
            results["sets"].append(tenant_set(bench, count, site, audit, count in module_path, args.repeats))
        bulk = os.path.join(workdir, "bulk.yml")
        bulk_sender_ids_playbook(bulk, args.sender_ids)
        sim.reset()
        results["bulk_sender_ids"] = bench.playbook("-i", "localhost,", bulk)
        results["bulk_sender_ids_rerun"] = bench.playbook("-i", "localhost,", bulk)
        if results["bulk_sender_ids_rerun"]["writes"]:
            raise SystemExit("bulk sender IDs rerun wrote %d times" % results["bulk_sender_ids_rerun"]["writes"])
        sim.reset()
        results["runbook"] = runbook_replay(sim.url, counts[0])
        results["runbook"]["tenants"] = counts[0]
        results["runbook"]["requests_per_tenant"] = round(results["runbook"]["requests"] / float(counts[0]), 1)
    finally:
        sim.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    results["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    report(results, args.out)


def ratio(numerator, denominator):
    return round(numerator / denominator, 2) if denominator else None


def report(results, out):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    results["generated"] = stamp
    results["python"] = sys.version.split()[0]
    results["ansible_core"] = subprocess.run(["ansible", "--version"], stdout=subprocess.PIPE, text=True,
                                             check=False).stdout.split("\n")[0]
    os.makedirs(out, exist_ok=True)
    machine = results["machine"]
    lines = [
        "# Benchmark %s" % stamp, "",
        "%s, Python %s, %d CPUs, %d forks; load average (1, 5, 15 min) %s before and %s after. "
        "Tenants are a third per SMS option, one simulator." % (
            results["ansible_core"], results["python"], machine["cpus"], results["forks"],
            machine["load_before"], machine["load_after"]), "",
        "In-process rows and the `set_fact` floor: median of %d interleaved repetitions (every repetition's seconds "
        "are in latest.json); the `ping` floor and the module path: one run each." % results["sets"][0]["repeats"], "",
        "| Tenants | Run | Path | Seconds | × in-process floor | Module path ÷ this | Requests per tenant | Writes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row_set in results["sets"]:
        count = row_set["tenants"]
        floor = row_set["floor_in_process"]["seconds"]
        for key, label, path, module_key in (
            ("floor_in_process", "floor: `set_fact` ×%d per tenant" % row_set["tasks_per_tenant"], "in-process", None),
            ("floor_module_process", "floor: `ping` ×%d per tenant" % row_set["tasks_per_tenant"], "module process", None),
            ("site_first_run", "site.yml, first run", "in-process", "module_site_first_run"),
            ("site_first_run_no_settle", "site.yml, first run, `sms_gax_verify_settle: 0`", "in-process", None),
            ("site_rerun", "site.yml, rerun", "in-process", "module_site_rerun"),
            ("audit", "audit.yml (check mode)", "in-process", "module_audit"),
            ("module_site_first_run", "site.yml, first run", "module process", None),
            ("module_site_rerun", "site.yml, rerun", "module process", None),
            ("module_audit", "audit.yml (check mode)", "module process", None),
        ):
            if key not in row_set:
                continue
            row = row_set[key]
            row["x_floor"] = ratio(row["seconds"], floor)
            speedup = ratio(row_set[module_key]["seconds"], row["seconds"]) if module_key in row_set else None
            if speedup:
                row["module_path_speedup"] = speedup
            floor_row = key.startswith("floor")
            lines.append("| %d | %s | %s | %.2f | %.2f | %s | %s | %s |" % (
                count, label, path, row["seconds"], row["x_floor"], "%.1f" % speedup if speedup else "",
                "" if floor_row else "%.1f" % row["requests_per_tenant"], "" if floor_row else row["writes"]))
    lines += ["", "Requests of one converged tenant per SMS option (site.yml rerun, `--limit` to one tenant):", "",
              "| Tenants | Option | Requests | Minimum reads | What the minimum is | Requests by kind |", "|---|---|---|---|---|---|"]
    for row_set in results["sets"]:
        for option, row in row_set["per_option"].items():
            kinds = ", ".join("%s ×%d" % (k, n) for k, n in sorted(row["kinds"].items()))
            lines.append("| %d | %s | %d | %d | %s | %s |" % (
                row_set["tenants"], option, row["requests"], row["minimum"], row["minimum_reads"], kinds))
    lines += [
        "", "Bulk sender IDs (%d in one task, in-process):" % results["sender_ids"], "",
        "| Run | Seconds | Requests | Writes |", "|---|---|---|---|",
        "| first run | %.2f | %d | %d |" % tuple(results["bulk_sender_ids"][k] for k in ("seconds", "requests", "writes")),
        "| rerun | %.2f | %d | %d |" % tuple(results["bulk_sender_ids_rerun"][k] for k in ("seconds", "requests", "writes")),
        "", "Runbook curl sequence for %d tenants, one run: %.2f s, %d requests (%.1f per tenant), %d writes. It never "
        "reads, so running it again sends every write again; its sender IDs and Genesys Cloud role/client are admin-UI "
        "steps, counted at three requests and one save per sender ID and not timed." % (
            results["runbook"]["tenants"], results["runbook"]["seconds"], results["runbook"]["requests"],
            results["runbook"]["requests_per_tenant"], results["runbook"]["writes"]), "",
    ]
    text = "\n".join(lines)
    for name in ("latest", stamp):
        with open(os.path.join(out, name + ".md"), "w", encoding="utf-8") as handle:
            handle.write(text)
        with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2, sort_keys=True)
    print(text)


if __name__ == "__main__":
    main()

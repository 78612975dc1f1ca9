# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""make bench: the collection against the runbook's own request sequence, on one simulator.

Counts HTTP requests per converged tenant, writes on a rerun, wall time for N tenants and for
bulk sender IDs, and the same for the runbook's curl sequence replayed with `requests`.
Results go to bench/results/latest.{json,md} (and a timestamped copy). Nothing is asserted here
except that reruns write nothing: timings are measurements, not tests.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import requests
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from simulator import DEFAULT_API_KEY, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, build  # noqa: E402  pylint: disable=wrong-import-position
from simulator.gax import DEFAULT_PASSWORD as GAX_PASSWORD, DEFAULT_USERNAME as GAX_USERNAME  # noqa: E402  pylint: disable=wrong-import-position

OPTIONS = ("kaleyra", "custom_gateway", "genesys_cloud")


def tenant_vars(index, option, sim_url):
    """Host vars of one generated tenant, its sender IDs numbered apart from every other tenant's."""
    number = "+1844555%04d" % (100 + index) if index < 60 else "+1888555%04d" % (40 + index)
    sender = {"name": "SMS_T%03d" % index, "channel_id": "1650%06d" % index, "endpoint": "SMS_Main"}
    host = {"sms_option": option, "ccid": str(uuid.UUID(int=index + 1))}
    if option == "kaleyra":
        host.update(sms_kaleyra_username="bench", sms_kaleyra_password="bench-pass-%d" % index,
                    sms_kaleyra_sender_ids=[sender])
    elif option == "custom_gateway":
        host.update(sms_custom_gateway_channels=[{
            "channel_id": "1650%06d" % index, "webhook_url": "https://hook.example.com",
            "webhook_secret": "w-%d" % index, "api_secret": "a-%d" % index}],
            sms_custom_gateway_headers={"x-tenant": "t%d" % index},
            # One transaction stands in for every tenant's own NexusServices: a section per tenant.
            sms_custom_gateway_headers_section="Async_t%03d" % index,
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
        "nexus_api_key": DEFAULT_API_KEY, "gax_username": GAX_USERNAME, "gax_password": GAX_PASSWORD}}}
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(inventory, handle)


class Bench:
    def __init__(self, sim, workdir, forks):
        self.sim = sim
        self.workdir = workdir
        self.forks = forks
        self.env = dict(os.environ, NEXUS_URL=sim.url, GAX_URL=sim.url, ANSIBLE_FORKS=str(forks),
                        ANSIBLE_STDOUT_CALLBACK="ansible.builtin.default", ANSIBLE_NOCOLOR="1",
                        ANSIBLE_CALLBACKS_ENABLED="cxops.digital_channels.drift_report",
                        CXOPS_DRIFT_REPORT_DIR=os.path.join(workdir, "drift"))

    def journal(self):
        entries = self.sim.journal.entries()
        self.sim.journal.clear()
        return {"requests": len(entries), "writes": sum(1 for e in entries if e["write"])}

    def playbook(self, *args, expect_rc=0):
        started = time.perf_counter()
        run = subprocess.run(["ansible-playbook", *args], cwd=self.workdir, env=self.env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        seconds = time.perf_counter() - started
        if run.returncode != expect_rc:
            failures = [line for line in run.stdout.splitlines() if line.startswith(("fatal:", "failed:"))]
            sys.stderr.write("\n".join(failures[:20] or run.stdout.splitlines()[-40:]) + "\n")
            raise SystemExit("ansible-playbook %s exited %d" % (" ".join(args), run.returncode))
        return dict(self.journal(), seconds=round(seconds, 2))


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
                call("POST", "/nexus/v3/provisioning/apikeys", headers=headers,
                     json={"name": "Runbook key %d" % index, "tenant": "*", "permissions": ["nexus:cluster:*"]})
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


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tenants", type=int, default=30)
    parser.add_argument("--sender-ids", type=int, default=1000)
    parser.add_argument("--forks", type=int, default=10)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results"))
    args = parser.parse_args()

    sim = build().start()
    workdir = tempfile.mkdtemp(prefix="cxops-bench-")
    try:
        bench = Bench(sim, workdir, args.forks)
        write_inventory(os.path.join(workdir, "inventory.yml"), args.tenants, sim.url)
        site = os.path.join(ROOT, "playbooks", "site.yml")
        audit = os.path.join(ROOT, "playbooks", "audit.yml")
        results = {"tenants": args.tenants, "forks": args.forks, "sender_ids": args.sender_ids}
        results["site_first_run"] = bench.playbook("-i", "inventory.yml", site)
        results["site_rerun"] = bench.playbook("-i", "inventory.yml", site)
        results["audit"] = bench.playbook("-i", "inventory.yml", audit)
        bulk = os.path.join(workdir, "bulk.yml")
        bulk_sender_ids_playbook(bulk, args.sender_ids)
        results["bulk_sender_ids"] = bench.playbook("-i", "localhost,", bulk)
        results["bulk_sender_ids_rerun"] = bench.playbook("-i", "localhost,", bulk)
        sim.reset()
        results["runbook"] = runbook_replay(sim.url, args.tenants)
    finally:
        sim.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    for key in ("site_first_run", "site_rerun", "audit", "runbook"):
        results[key]["requests_per_tenant"] = round(results[key]["requests"] / args.tenants, 1)
    for key in ("site_rerun", "audit", "bulk_sender_ids_rerun"):
        if results[key]["writes"]:
            raise SystemExit("%s wrote %d times; a converged system must see no write" % (key, results[key]["writes"]))
    report(results, args.out)


def report(results, out):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    results["generated"] = stamp
    results["python"] = sys.version.split()[0]
    os.makedirs(out, exist_ok=True)
    rows = [
        ("collection: site.yml, first run", results["site_first_run"]),
        ("collection: site.yml, rerun", results["site_rerun"]),
        ("collection: audit.yml (check mode)", results["audit"]),
        ("runbook curl sequence, one run", results["runbook"]),
    ]
    lines = [
        "# Benchmark %s" % stamp, "",
        "%d tenants (a third per SMS option), %d forks, one simulator; Python %s." % (
            results["tenants"], results["forks"], results["python"]), "",
        "| Run | Seconds | Requests | Per tenant | Writes |", "|---|---|---|---|---|",
    ]
    for label, row in rows:
        lines.append("| %s | %.2f | %d | %.1f | %d |" % (label, row["seconds"], row["requests"], row["requests_per_tenant"], row["writes"]))
    lines += [
        "", "Bulk sender IDs (%d in one task):" % results["sender_ids"], "",
        "| Run | Seconds | Requests | Writes |", "|---|---|---|---|",
        "| first run | %.2f | %d | %d |" % tuple(results["bulk_sender_ids"][k] for k in ("seconds", "requests", "writes")),
        "| rerun | %.2f | %d | %d |" % tuple(results["bulk_sender_ids_rerun"][k] for k in ("seconds", "requests", "writes")),
        "", "The runbook replay sends its curl calls one tenant after the other and reads nothing back: "
        "running it again would send every write again (%d), where a rerun of the collection sends none. "
        "Its sender IDs and Genesys Cloud role/client are admin-UI steps, counted at three requests and one "
        "save per sender ID and not timed." % results["runbook"]["writes"], "",
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

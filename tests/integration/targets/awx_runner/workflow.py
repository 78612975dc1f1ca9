# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the workflow of extensions/awx/configure.yml the way AWX runs a workflow job.

    workflow.py CONFIGURE_YML JOBS_DIR FIRST_JOB_ID [--deny] -- AWX_JOB_OPTIONS...

From the root node, each job template node is a job (awx_job.py lays out its private_data_dir with the job
template's playbook and extra variables, ansible-runner runs it); a job that exits 0 follows the node's
success_nodes, any other its failure_nodes, both its always_nodes. An approval node is approved (or denied with
--deny), as the operator would after reading the audit. AWX mounts a job's private_data_dir at /runner in the
execution environment: a /runner/ path in extra variables is that job's directory here. Prints one line per
node run: identifier, job id (or "approval"), and the job's exit status (or approved/denied).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import yaml


def _definitions(path):
    with open(path, encoding="utf-8") as handle:
        play, = yaml.safe_load(handle)
    templates = {t["name"]: t for t in play["vars"]["awx_job_templates"]}
    workflow, = [t["awx.awx.workflow_job_template"] for t in play["tasks"] if "awx.awx.workflow_job_template" in t]
    return templates, {node["identifier"]: node for node in workflow["schema"]}


def _at_runner(value, job_dir):
    if isinstance(value, str) and value.startswith("/runner/"):
        return os.path.join(job_dir, value[len("/runner/"):])
    return value


def run_job(jobs_dir, job_id, template, options):
    job_dir = os.path.join(jobs_dir, str(job_id))
    extra_vars = {k: _at_runner(v, job_dir) for k, v in (template.get("extra_vars") or {}).items()}
    here = os.path.dirname(os.path.abspath(__file__))
    command = [sys.executable, os.path.join(here, "awx_job.py"), job_dir, "--job-id", str(job_id)] + options
    if extra_vars:
        command += ["--extra-vars", json.dumps(extra_vars)]
    subprocess.run(command, check=True)
    with open(os.path.join(jobs_dir, "%s.err" % job_id), "w", encoding="utf-8") as errors:
        done = subprocess.run(["ansible-runner", "run", job_dir, "-p", template["playbook"], "--ident", str(job_id)],
                              stdout=subprocess.DEVNULL, stderr=errors, check=False)
    with open(os.path.join(jobs_dir, "%s.rc" % job_id), "w", encoding="utf-8") as handle:
        handle.write("%d\n" % done.returncode)
    return done.returncode


def main(argv):
    split = argv.index("--")
    head, options = argv[:split], argv[split + 1:]
    deny = "--deny" in head
    configure, jobs_dir, job_id = [a for a in head if a != "--deny"]
    job_id = int(job_id)
    templates, nodes = _definitions(configure)
    targets = {t["identifier"] for n in nodes.values() for kind in ("success_nodes", "failure_nodes", "always_nodes")
               for t in n["related"][kind]}
    pending = sorted(set(nodes) - targets)
    while pending:
        name = pending.pop(0)
        node = nodes[name]
        template = node["unified_job_template"]
        if template["type"] == "workflow_approval":
            ok = not deny
            print("%s approval %s" % (name, "approved" if ok else "denied"), flush=True)
        else:
            rc = run_job(jobs_dir, job_id, templates[template["name"]], options)
            print("%s %d %d" % (name, job_id, rc), flush=True)
            job_id += 1
            ok = rc == 0
        follow = node["related"]["success_nodes" if ok else "failure_nodes"] + node["related"]["always_nodes"]
        pending += [t["identifier"] for t in follow]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""extensions/awx/configure.yml, the AWX configuration as code, has the structure docs/awx.md promises.

No AWX runs here and Galaxy is not reachable, so awx.awx is not installed: the file is checked against the options
the awx.awx modules document (credential_type, job_template, workflow_job_template with its node schema) and
against this repository (credential types, the project's playbooks)."""

from __future__ import annotations

import glob
import os

import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
AWX = os.path.join(ROOT, "extensions", "awx")
# The options of each awx.awx module the file uses, as awx.awx documents them (the subset that matters here).
MODULE_OPTIONS = {
    "awx.awx.credential_type": {"name", "description", "kind", "inputs", "injectors", "state"},
    "awx.awx.job_template": {"name", "description", "organization", "project", "inventory", "playbook",
                             "execution_environment", "credentials", "extra_vars", "forks", "ask_limit_on_launch",
                             "allow_simultaneous", "state"},
    "awx.awx.workflow_job_template": {"name", "description", "organization", "inventory", "ask_limit_on_launch",
                                      "destroy_current_schema", "state", "schema"},
}
NODE_KEYS = {"identifier", "unified_job_template", "related"}
RELATED_KEYS = {"success_nodes", "failure_nodes", "always_nodes", "credentials"}


def _play():
    with open(os.path.join(AWX, "configure.yml"), encoding="utf-8") as handle:
        play, = yaml.safe_load(handle)
    return play


def _task(play, module):
    task, = [t for t in play["tasks"] if module in t]
    return task


def test_only_documented_options_of_the_awx_modules():
    play = _play()
    for task in play["tasks"]:
        module, = [key for key in task if key.startswith("awx.awx.")]
        assert set(task[module]) <= MODULE_OPTIONS[module], (module, set(task[module]) - MODULE_OPTIONS[module])


def test_every_credential_type_file_is_applied():
    task = _task(_play(), "awx.awx.credential_type")
    assert task["loop"] == "{{ query('ansible.builtin.fileglob', playbook_dir ~ '/credential_types/*.yml') | sort }}"
    assert len(glob.glob(os.path.join(AWX, "credential_types", "*.yml"))) == 5


def test_job_templates_run_the_projects_playbooks():
    play = _play()
    templates = {t["name"]: t for t in play["vars"]["awx_job_templates"]}
    for template in templates.values():
        assert os.path.isfile(os.path.join(AWX, "project", template["playbook"])), template
    # The preflight writes its report outside the installed collection, as the playbook requires.
    assert os.path.isabs(templates["Digital Channels SMS - preflight"]["extra_vars"]["preflight_report_dir"])
    job_template = _task(play, "awx.awx.job_template")["awx.awx.job_template"]
    assert job_template["allow_simultaneous"] is False and job_template["ask_limit_on_launch"] is True


def test_the_workflow_is_preflight_audit_approval_site_audit():
    play = _play()
    templates = set(t["name"] for t in play["vars"]["awx_job_templates"])
    workflow = _task(play, "awx.awx.workflow_job_template")["awx.awx.workflow_job_template"]
    nodes = {node["identifier"]: node for node in workflow["schema"]}
    assert len(nodes) == len(workflow["schema"])
    edges = []
    for name, node in nodes.items():
        assert set(node) == NODE_KEYS, name
        assert set(node["related"]) == RELATED_KEYS, name
        template = node["unified_job_template"]
        if template["type"] == "job_template":
            assert template["name"] in templates, template
        else:
            assert template["type"] == "workflow_approval" and template["timeout"], template
        for kind in ("success_nodes", "failure_nodes", "always_nodes"):
            for target in node["related"][kind]:
                assert target["identifier"] in nodes, (name, target)
                edges.append((name, kind, target["identifier"]))
    assert sorted(edges) == sorted([
        ("preflight", "success_nodes", "audit-before"),
        ("audit-before", "failure_nodes", "approve"),
        ("approve", "success_nodes", "site"),
        ("site", "success_nodes", "audit-after"),
    ])
    # Nothing writes before the approval: the only node that runs site.yml comes after it.
    writers = [n for n, node in nodes.items() if node["unified_job_template"]["name"] == "Digital Channels SMS - site"]
    assert writers == ["site"]
    roots = set(nodes) - {edge[2] for edge in edges}
    assert roots == {"preflight"}

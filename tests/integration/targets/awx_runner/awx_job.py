# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lay out an ansible-runner private_data_dir the way AWX does for a job, from our credential types.

    awx_job.py DIR --project SRC --inventory FILE --job-id N [--credential TYPE.yml=INPUTS.json ...]
               [--vault-id ID --vault-password-file FILE] [--limit PATTERN] [--extra-vars JSON]

What AWX does and this reproduces (awx/main/models/credential.py, CredentialType.inject_credential, and the
job's private_data_dir: project/, inventory/, env/envvars, env/extravars, env/cmdline, env/passwords):

- a credential's inputs are checked against its type (unknown fields and missing required ones are refused);
- the injector namespace holds every input that is set (empty strings are not), booleans as booleans, and a
  boolean field the credential does not have as false;
- each ``file`` injector is rendered into a file of the job's env/ directory (mode 0600), whose path templates
  reach as ``tower.filename`` (or ``tower.filename.<label>``);
- each ``env`` injector is rendered with Jinja2's immutable sandbox, every variable always, so a field that is
  not set becomes an empty string;
- the job's environment also has JOB_ID; a Vault credential becomes ``--vault-id ID@prompt`` and an answer to
  Ansible's prompt in env/passwords, as AWX passes it.

The environment of this process must not hold any connection variable: the job gets its connection only from
the credentials, which is the point of the test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from types import SimpleNamespace

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

CONNECTION_PREFIXES = ("NEXUS_", "GAX_", "GAUTH_", "GENESYSCLOUD_")


def _private(path, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def check_inputs(credential_type, inputs):
    fields = {field["id"]: field for field in credential_type["inputs"]["fields"]}
    unknown = sorted(set(inputs) - set(fields))
    if unknown:
        raise SystemExit("%s: unknown input fields %s" % (credential_type["name"], ", ".join(unknown)))
    missing = [name for name in credential_type["inputs"].get("required", []) if inputs.get(name) in (None, "")]
    if missing:
        raise SystemExit("%s: required input fields missing: %s" % (credential_type["name"], ", ".join(missing)))
    for name, value in inputs.items():
        kind = fields[name]["type"]
        if (kind == "boolean") != isinstance(value, bool) or (kind == "string" and not isinstance(value, str)):
            raise SystemExit("%s: field %s must be a %s" % (credential_type["name"], name, kind))


def inject(credential_type, inputs, env_dir):
    """The environment variables and files one credential gives a job, as AWX renders them."""
    check_inputs(credential_type, inputs)
    tower = SimpleNamespace()
    namespace = {"tower": tower}
    for name, value in inputs.items():
        if isinstance(value, bool) or len(value):
            namespace[name] = value
    for field in credential_type["inputs"]["fields"]:
        if field["type"] == "boolean" and field["id"] not in inputs:
            namespace[field["id"]] = False
    sandbox = ImmutableSandboxedEnvironment()
    injectors = credential_type.get("injectors", {})
    for label, template in injectors.get("file", {}).items():
        handle, path = tempfile.mkstemp(dir=env_dir)
        os.close(handle)
        _private(path, sandbox.from_string(template).render(**namespace))
        if "." not in label:
            tower.filename = path
        else:
            if not isinstance(getattr(tower, "filename", None), SimpleNamespace):
                tower.filename = SimpleNamespace()
            setattr(tower.filename, label.split(".", 1)[1], path)
    env = {}
    for name, template in injectors.get("env", {}).items():
        if name.startswith("ANSIBLE_") or name in ("PATH", "HOME", "JOB_ID"):
            raise SystemExit("%s: AWX refuses to inject %s" % (credential_type["name"], name))
        env[name] = sandbox.from_string(template).render(**namespace)
    if injectors.get("extra_vars"):
        raise SystemExit("%s: extra_vars injectors are not used by this collection" % credential_type["name"])
    return env


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--project", required=True, help="directory copied as the job's project/")
    parser.add_argument("--inventory", required=True, help="a file, or a directory with hosts.yml and host_vars/")
    parser.add_argument("--job-id", required=True)
    parser.add_argument("--credential", action="append", default=[], metavar="TYPE.yml=INPUTS.json")
    parser.add_argument("--vault-id")
    parser.add_argument("--vault-password-file")
    parser.add_argument("--limit")
    parser.add_argument("--extra-vars", help="the job template's extra variables, as JSON (env/extravars)")
    args = parser.parse_args(argv)

    leaked = sorted(name for name in os.environ if name.startswith(CONNECTION_PREFIXES))
    if leaked:
        raise SystemExit("the test's own environment holds %s: the job would not get its connection only from the "
                         "credentials" % ", ".join(leaked))
    if os.path.exists(args.dir):
        shutil.rmtree(args.dir)
    env_dir = os.path.join(args.dir, "env")
    os.makedirs(env_dir)
    shutil.copytree(args.project, os.path.join(args.dir, "project"), symlinks=True)
    # An inventory file, or a directory with its host_vars (an inventory sourced from the project keeps inline
    # vaulted values encrypted until the job's Vault credential opens them).
    if os.path.isdir(args.inventory):
        shutil.copytree(args.inventory, os.path.join(args.dir, "inventory"))
    else:
        os.makedirs(os.path.join(args.dir, "inventory"))
        shutil.copy(args.inventory, os.path.join(args.dir, "inventory", "hosts.yml"))

    envvars = {"JOB_ID": str(args.job_id)}
    kinds = set()
    for spec in args.credential:
        type_file, inputs_file = spec.split("=", 1)
        with open(type_file, encoding="utf-8") as handle:
            credential_type = yaml.safe_load(handle)
        if credential_type["name"] in kinds:
            raise SystemExit("AWX attaches one credential per type to a job: %s twice" % credential_type["name"])
        kinds.add(credential_type["name"])
        with open(inputs_file, encoding="utf-8") as handle:
            inputs = json.load(handle)
        for name, value in inject(credential_type, inputs, env_dir).items():
            if name in envvars:
                raise SystemExit("two credentials inject %s" % name)
            envvars[name] = value
    _private(os.path.join(env_dir, "envvars"), yaml.safe_dump(envvars, default_flow_style=False))

    if args.extra_vars:
        _private(os.path.join(env_dir, "extravars"), yaml.safe_dump(json.loads(args.extra_vars)))
    cmdline = []
    if args.limit:
        cmdline += ["--limit", args.limit]
    if args.vault_id:
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", args.vault_id):
            raise SystemExit("a vault id AWX accepts is a word")
        cmdline += ["--vault-id", "%s@prompt" % args.vault_id]
        with open(args.vault_password_file, encoding="utf-8") as handle:
            password = handle.read().strip()
        passwords = {r"Vault password \(%s\):\s*?$" % re.escape(args.vault_id): password}
        _private(os.path.join(env_dir, "passwords"), yaml.safe_dump(passwords))
    if cmdline:
        _private(os.path.join(env_dir, "cmdline"), " ".join(cmdline))
    return 0


if __name__ == "__main__":
    sys.exit(main())

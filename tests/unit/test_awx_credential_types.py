# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The AWX credential types inject exactly what the modules and roles read, rendered as AWX renders them
(the awx_runner integration target's awx_job.py, which follows AWX's CredentialType.inject_credential)."""

from __future__ import annotations

import glob
import importlib.util
import os
import re

import pytest
import yaml

from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GAX_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GC_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus import NEXUS_KEYS_OPTIONS, NEXUS_OPTIONS

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
TYPES = os.path.join(ROOT, "extensions", "awx", "credential_types")
# Per credential type, the option table whose environment variables the modules read; None: read by the roles.
PLANES = {"nexus": NEXUS_OPTIONS, "genesys_cloud": GC_OPTIONS, "gax": GAX_OPTIONS, "gws_auth": NEXUS_KEYS_OPTIONS,
          "genesys_cloud_admin": None}


def _awx_job():
    path = os.path.join(ROOT, "tests", "integration", "targets", "awx_runner", "awx_job.py")
    spec = importlib.util.spec_from_file_location("awx_job", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load(name):
    with open(os.path.join(TYPES, name + ".yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _fields_of(template):
    return set(re.findall(r"\b([a-z_]+)\b", template)) - {"tower", "filename", "if", "else"}


def test_every_credential_type_is_tested():
    assert sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(TYPES, "*.yml"))) == sorted(PLANES)


@pytest.mark.parametrize("name", sorted(PLANES))
def test_injected_variables_are_read_and_secrets_come_from_secret_fields(name):
    credential_type = _load(name)
    fields = {field["id"]: field for field in credential_type["inputs"]["fields"]}
    assert set(credential_type["inputs"]["required"]) <= set(fields)
    injected = credential_type["injectors"]["env"]
    table = PLANES[name]
    if table is None:
        # Read by the role defaults and the preflight, which pass them to the modules as the admin's client.
        with open(os.path.join(ROOT, "roles", "sms_genesys_cloud", "defaults", "main.yml"), encoding="utf-8") as handle:
            defaults = handle.read()
        with open(os.path.join(ROOT, "playbooks", "preflight.yml"), encoding="utf-8") as handle:
            preflight = handle.read()
        for variable in injected:
            assert "'%s'" % variable in defaults and "'%s'" % variable in preflight, variable
        assert all(fields[f].get("secret", False) == f.endswith("secret") for f in fields)
        return
    env = {entry["env"]: option for option, entry in table.items() if entry.get("env")}
    assert set(injected) <= set(env), set(injected) - set(env)
    for variable, template in injected.items():
        used = _fields_of(template)
        assert used and used <= set(fields), (variable, template)
        # A secret option must come from a secret field, and a secret field only feed a secret option.
        assert any(fields[f].get("secret", False) for f in used) == table[env[variable]].get("no_log", False), variable
    for field in fields.values():
        if field["id"] == "validate_certs":
            assert field["type"] == "boolean" and field["default"] is True


@pytest.mark.parametrize("name", ["nexus", "gax", "genesys_cloud"])
def test_a_ca_bundle_becomes_a_private_file_and_its_path_else_nothing(name, tmp_path):
    awx_job = _awx_job()
    credential_type = _load(name)
    required = {f: "x" for f in credential_type["inputs"]["required"]}
    variable = [v for v in credential_type["injectors"]["env"] if v.endswith("_CA_PATH")]
    assert len(variable) == 1
    pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    env = awx_job.inject(credential_type, dict(required, ca_bundle=pem), str(tmp_path))
    path = env[variable[0]]
    assert os.path.dirname(path) == str(tmp_path) and oct(os.stat(path).st_mode & 0o777) == "0o600"
    with open(path, encoding="utf-8") as handle:
        assert handle.read() == pem
    # Without a bundle the variable is empty, which the modules take as "not given" (their default trust).
    assert awx_job.inject(credential_type, required, str(tmp_path))[variable[0]] == ""


@pytest.mark.parametrize("name", ["nexus", "gax"])
def test_verify_tls_is_rendered_as_the_modules_read_it(name, tmp_path):
    awx_job = _awx_job()
    credential_type = _load(name)
    required = {f: "x" for f in credential_type["inputs"]["required"]}
    variable = "%s_VALIDATE_CERTS" % name.upper()
    assert awx_job.inject(credential_type, dict(required, validate_certs=True), str(tmp_path))[variable] == "True"
    assert awx_job.inject(credential_type, dict(required, validate_certs=False), str(tmp_path))[variable] == "False"
    # AWX sets a boolean field a credential does not have to false: the help text says to always give it.
    assert awx_job.inject(credential_type, required, str(tmp_path))[variable] == "False"
    assert "always give it" in [f for f in credential_type["inputs"]["fields"] if f["id"] == "validate_certs"][0]["help_text"]


def test_the_integration_and_admin_clients_can_be_attached_to_one_job():
    integration, admin = _load("genesys_cloud"), _load("genesys_cloud_admin")
    assert not set(integration["injectors"]["env"]) & set(admin["injectors"]["env"])
    assert integration["name"] != admin["name"]


def test_a_credential_with_unknown_or_missing_inputs_is_refused(tmp_path):
    awx_job = _awx_job()
    with pytest.raises(SystemExit, match="unknown input fields region"):
        awx_job.inject(_load("nexus"), {"nexus_url": "u", "api_key": "k", "region": "x"}, str(tmp_path))
    with pytest.raises(SystemExit, match="required input fields missing: api_key"):
        awx_job.inject(_load("nexus"), {"nexus_url": "u"}, str(tmp_path))

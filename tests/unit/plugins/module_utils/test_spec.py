# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Option tables generate the argspec, and the doc fragments must describe the same options."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.cxops.digital_channels.plugins.doc_fragments import connection as connection_fragment
from ansible_collections.cxops.digital_channels.plugins.doc_fragments import gax as gax_fragment
from ansible_collections.cxops.digital_channels.plugins.doc_fragments import genesys_cloud as gc_fragment
from ansible_collections.cxops.digital_channels.plugins.doc_fragments import gws_auth as gws_auth_fragment
from ansible_collections.cxops.digital_channels.plugins.doc_fragments import nexus_services_write as write_fragment
from ansible_collections.cxops.digital_channels.plugins.doc_fragments import nexus as nexus_fragment
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GAX_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GC_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus import NEXUS_KEYS_OPTIONS, NEXUS_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus_services import WRITE_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    argument_spec,
    env_set,
    transport_options,
    validate_base_url,
    validate_name,
    validate_service_url,
    validate_uuid,
)

TABLES = [
    (NEXUS_OPTIONS, nexus_fragment.ModuleDocFragment.DOCUMENTATION),
    (GC_OPTIONS, gc_fragment.ModuleDocFragment.DOCUMENTATION),
    (GAX_OPTIONS, gax_fragment.ModuleDocFragment.DOCUMENTATION),
    (NEXUS_KEYS_OPTIONS, gws_auth_fragment.ModuleDocFragment.DOCUMENTATION),
]


@pytest.mark.parametrize("table, fragment", TABLES)
def test_fragments_document_exactly_the_table(table, fragment):
    """Each module extends its plane's fragment and the connection fragment: together they are the table."""
    documented = dict(yaml.safe_load(fragment)["options"])
    documented.update(yaml.safe_load(connection_fragment.ModuleDocFragment.DOCUMENTATION)["options"])
    assert set(documented) == set(table)
    for name, entry in table.items():
        doc = documented[name]
        assert doc["type"] == entry["type"], name
        assert doc.get("default") == entry.get("default"), name
        assert bool(doc.get("required")) == bool(entry.get("required")), name
        assert doc.get("choices") == entry.get("choices"), name
        text = " ".join(doc["description"])
        if entry.get("env"):
            assert "E(%s)" % entry["env"] in text, "%s must document its env var" % name
        else:
            assert "environment variable" not in text, name


@pytest.mark.parametrize("table, secrets", [
    (NEXUS_OPTIONS, ["api_key"]),
    (GC_OPTIONS, ["client_secret", "access_token"]),
    (GAX_OPTIONS, ["gax_password"]),
    (NEXUS_KEYS_OPTIONS, ["auth_client_secret", "auth_password"]),
])
def test_secret_options_are_no_log(table, secrets):
    spec = argument_spec(table)
    assert [n for n, o in spec.items() if o.get("no_log")] == secrets


def test_gax_env_fallbacks():
    spec = argument_spec(GAX_OPTIONS)
    assert {n: o["fallback"][1] for n, o in spec.items() if "fallback" in o} == {
        "gax_url": ["GAX_URL"], "gax_username": ["GAX_USERNAME"], "gax_password": ["GAX_PASSWORD"],
        "validate_certs": ["GAX_VALIDATE_CERTS"], "ca_path": ["GAX_CA_PATH"],
    }


def test_argument_spec_adds_env_fallback_and_module_options():
    spec = argument_spec(NEXUS_OPTIONS, name={"type": "str", "required": True})
    assert spec["nexus_url"]["fallback"] == (env_set, ["NEXUS_URL"])
    assert spec["validate_certs"]["fallback"] == (env_set, ["NEXUS_VALIDATE_CERTS"])
    assert "fallback" not in spec["timeout"]
    assert "env" not in spec["nexus_url"]
    assert spec["name"] == {"type": "str", "required": True}
    # The table itself is not modified by generation.
    assert "fallback" not in NEXUS_OPTIONS["nexus_url"]


def test_validate_uuid_normalizes_case():
    assert validate_uuid("45ACAE06-6B7C-4F97-9C76-471CB5C21BF7", "ccid") == "45acae06-6b7c-4f97-9c76-471cb5c21bf7"


@pytest.mark.parametrize("value", ["", "tenant-1", "45acae06-6b7c-4f97-9c76", None])
def test_validate_uuid_rejects(value):
    with pytest.raises(InputError, match="^ccid must be a UUID"):
        validate_uuid(value, "ccid")


def test_validate_base_url():
    assert validate_base_url("https://digital.example.com/", "nexus_url") == "https://digital.example.com"
    assert validate_base_url("http://127.0.0.1:8080/prefix", "nexus_url") == "http://127.0.0.1:8080/prefix"


@pytest.mark.parametrize("value", ["digital.example.com", "ftp://x", "https://", "https://x/?a=1", "https://x y", None])
def test_validate_base_url_rejects(value):
    with pytest.raises(InputError, match="^nexus_url must be an http"):
        validate_base_url(value, "nexus_url")


def test_validate_service_url():
    assert validate_service_url("N/A", "url") == "N/A"
    assert validate_service_url("http://directtext.mgage.com", "url") == "http://directtext.mgage.com"
    with pytest.raises(InputError, match=r"^url must be an http:// or https:// URL or N/A, got 'n/a'$"):
        validate_service_url("n/a", "url")


@pytest.mark.parametrize("value", ["SMS", "mGageSMS", "Portico_SMS-2"])
def test_validate_name_accepts(value):
    assert validate_name(value, "name") == value


@pytest.mark.parametrize("value", ["", "chat.SMS", "SMS Main", "a/b", None])
def test_validate_name_rejects(value):
    with pytest.raises(InputError, match="^name may hold only letters"):
        validate_name(value, "name")


@pytest.mark.parametrize("key, value, message", [
    ("timeout", 0, "timeout must be a positive number"),
    ("retries", -1, "retries must be 0 or more"),
])
def test_transport_options_rejects(key, value, message):
    params = {"timeout": 30, "retries": 5, "validate_certs": True, "ca_path": None}
    params[key] = value
    with pytest.raises(InputError, match=message):
        transport_options(params)


def test_the_nexusservices_write_fragment_documents_exactly_its_table():
    documented = yaml.safe_load(write_fragment.ModuleDocFragment.DOCUMENTATION)["options"]
    assert set(documented) == set(WRITE_OPTIONS)
    for name, entry in WRITE_OPTIONS.items():
        assert documented[name]["type"] == entry["type"] and documented[name].get("default") == entry.get("default"), name
        text = " ".join(documented[name]["description"])
        assert ("E(%s)" % entry["env"] in text) if entry.get("env") else "environment variable" not in text, name


def test_an_empty_environment_variable_is_not_given(monkeypatch):
    """An AWX credential renders an optional field it does not have as an empty variable: the default applies."""
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

    spec = argument_spec(GC_OPTIONS)
    monkeypatch.setenv("GENESYSCLOUD_REGION", "")
    monkeypatch.setenv("GENESYSCLOUD_LOGIN_URL", "")
    monkeypatch.setenv("GENESYSCLOUD_CA_PATH", "")
    monkeypatch.setenv("GENESYSCLOUD_VALIDATE_CERTS", "False")
    result = ArgumentSpecValidator(spec).validate({"client_id": "c", "client_secret": "s"})
    assert not result.error_messages, result.error_messages
    params = result.validated_parameters
    assert params["region"] is None and params["login_url"] is None and params["ca_path"] is None
    assert params["validate_certs"] is False
    monkeypatch.setenv("GENESYSCLOUD_REGION", "eu-west-1")
    assert ArgumentSpecValidator(spec).validate({}).validated_parameters["region"] == "eu-west-1"
    monkeypatch.delenv("GENESYSCLOUD_REGION")
    with pytest.raises(Exception) as info:
        env_set("GENESYSCLOUD_REGION")
    assert type(info.value).__name__ == "AnsibleFallbackNotFound"

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The vendor's own SDK (purecloudplatformclientv2 269.0.0) drives the simulator's Genesys Cloud plane.

Every call must succeed (no 4xx) and every answer must be the SDK's response model exactly: no field
the model lacks, each field of the model's type and enum. The simulator's own copies of the SDK's tables
(request models, query parameters) and the collection's region table are compared with the SDK too,
so none of them can drift silently. Run with ``make sdk``.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
import urllib.error
import urllib.request

import pytest
from conftest import ROOT, control
from dateutil.parser import isoparse

import PureCloudPlatformClientV2 as sdk
from PureCloudPlatformClientV2 import models
from PureCloudPlatformClientV2.apis import authorization_api, o_auth_api
from PureCloudPlatformClientV2.purecloud_region_hosts import PureCloudRegionHosts
from PureCloudPlatformClientV2.rest import ApiException
from simulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, gc

SDK_VERSION = "269.0.0"


# --- reading the SDK ---------------------------------------------------------------------------

def fields_of(model):
    """JSON field -> SDK type of a model, as its swagger_types and attribute_map define them."""
    instance = getattr(models, model)()
    return {instance.attribute_map[a]: t for a, t in instance.swagger_types.items()}


def enum_of(model, field):
    """The allowed values a model's setter checks for a field, None if it checks none."""
    instance = getattr(models, model)()
    attribute = {v: k for k, v in instance.attribute_map.items()}[field]
    setter = inspect.getsource(getattr(type(instance), attribute).fset)
    found = re.search(r"allowed_values = (\[.*?\])", setter)
    return tuple(ast.literal_eval(found.group(1))) if found else None


def operation(api, name):
    """(query parameter -> kind, response model) of an SDK operation, from its generated source."""
    source = inspect.getsource(getattr(api, name))
    docs = {snake: kind for kind, snake in re.findall(r":param ([\w\[\], ]+?) (\w+):", source)}
    query = {}
    for camel, snake in re.findall(r"query_params\['(\w+)'\] = params\['(\w+)'\]", source):
        kind = docs[snake]
        query[camel] = "list" if kind.startswith("list[") else kind
    response = re.search(r"response_type='(\w+)'", source)
    return query, response.group(1) if response else None


def conforms(value, kind, where="$"):
    """Problems of a JSON value against an SDK type: fields the model lacks, wrong types, values off its enums."""
    if value is None:
        return []
    if kind.startswith("list["):
        if not isinstance(value, list):
            return ["%s: not a list" % where]
        return [p for i, item in enumerate(value) for p in conforms(item, kind[5:-1], "%s[%d]" % (where, i))]
    if kind.startswith("dict("):
        inner = re.match(r"dict\(([^,]*), (.*)\)", kind).group(2)
        if not isinstance(value, dict):
            return ["%s: not an object" % where]
        return [p for k, v in value.items() for p in conforms(v, inner, "%s.%s" % (where, k))]
    simple = {"str": str, "bool": bool, "object": object}
    if kind in simple:
        return [] if isinstance(value, simple[kind]) else ["%s: not %s" % (where, kind)]
    if kind == "int":
        return [] if isinstance(value, int) and not isinstance(value, bool) else ["%s: not int" % where]
    if kind == "datetime":
        try:
            isoparse(value)
        except (TypeError, ValueError):
            return ["%s: not an ISO-8601 datetime" % where]
        return []
    if not isinstance(value, dict):
        return ["%s: not an object (%s)" % (where, kind)]
    fields = fields_of(kind)
    problems = ["%s.%s: not a field of %s" % (where, k, kind) for k in sorted(set(value) - set(fields))]
    for field, field_kind in fields.items():
        if field in value:
            problems += conforms(value[field], field_kind, "%s.%s" % (where, field))
            allowed = enum_of(kind, field)
            if allowed and value[field] not in allowed:
                problems.append("%s.%s: %r not one of %s" % (where, field, value[field], allowed))
    return problems


def make(model, **values):
    """An SDK model with attributes set (its constructor takes none), as an SDK user builds a request."""
    instance = model()
    for name, value in values.items():
        setattr(instance, name, value)
    return instance


# --- the simulator's and the collection's tables against the SDK -----------------------------------

def test_the_installed_sdk_is_the_pinned_one():
    assert sdk.ApiClient().__class__.__module__ == "PureCloudPlatformClientV2.api_client"
    source = inspect.getsource(sdk.api_client)
    assert "header_params['purecloud-sdk'] = '%s'" % SDK_VERSION in source


@pytest.mark.parametrize("model", sorted(gc.MODELS))
def test_request_models_match_the_sdk(model):
    sdk_fields = fields_of(model)
    ours = gc.MODELS[model]
    assert list(ours) == list(sdk_fields), "fields of %s differ from the SDK's" % model
    for field, kind in ours.items():
        if kind == "ref":  # a full entity in the SDK, checked by its id only (docs/simulator.md)
            assert sdk_fields[field].endswith("FullReference") and "id" in fields_of(sdk_fields[field])
        else:
            assert kind == sdk_fields[field], "%s.%s" % (model, field)
        assert gc.ENUMS.get((model, field)) == enum_of(model, field), "enum of %s.%s" % (model, field)


# Simulator operation table -> the SDK operations it stands for.
OPERATIONS = {
    "roles": [(authorization_api.AuthorizationApi, "get_authorization_roles")],
    "role": [(authorization_api.AuthorizationApi, "get_authorization_role")],
    "divisions": [(authorization_api.AuthorizationApi, "get_authorization_divisions")],
    "division": [(authorization_api.AuthorizationApi, "get_authorization_division")],
    "none": [
        (authorization_api.AuthorizationApi, "get_authorization_divisions_home"),
        (authorization_api.AuthorizationApi, "post_authorization_roles"),
        (authorization_api.AuthorizationApi, "put_authorization_role"),
        (authorization_api.AuthorizationApi, "delete_authorization_role"),
        (o_auth_api.OAuthApi, "get_oauth_clients"),
        (o_auth_api.OAuthApi, "post_oauth_clients"),
        (o_auth_api.OAuthApi, "get_oauth_client"),
        (o_auth_api.OAuthApi, "put_oauth_client"),
        (o_auth_api.OAuthApi, "delete_oauth_client"),
        (o_auth_api.OAuthApi, "post_oauth_client_secret"),
    ],
}


@pytest.mark.parametrize("table", sorted(OPERATIONS))
def test_query_parameters_match_the_sdk(table):
    for api, name in OPERATIONS[table]:
        query, dummy = operation(api, name)
        assert query == gc.QUERY[table], "%s.%s" % (api.__name__, name)


def _regions_in(path):
    """The REGIONS dict literal of a Python file, read without importing it (it needs ansible)."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "REGIONS" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("no REGIONS in %s" % path)


def test_region_table_matches_the_sdk():
    ours = _regions_in(os.path.join(ROOT, "plugins", "module_utils", "_gc.py"))
    theirs = {}
    for region in PureCloudRegionHosts:
        host = region.get_api_host()
        assert host.startswith("https://api."), host
        theirs[region.name.replace("_", "-")] = host[len("https://api."):]
    assert ours == theirs
    assert len(ours) == 18


# --- the SDK drives the simulator -------------------------------------------------------------

class Sdk:
    """An SDK client pointed at the simulator, checking each answer against the operation's response model.

    The only configuration needed is the host: the SDK builds its login URL from the API host by replacing
    '//api.' with '//login.' (ApiClient.get_conf_url); the simulator's host has no 'api.', so login and API
    calls both go to it, without a gateway configuration.
    """

    def __init__(self, url, client_id=DEFAULT_CLIENT_ID, client_secret=DEFAULT_CLIENT_SECRET):
        self.client = sdk.ApiClient(host=url)
        self.client.get_client_credentials_token(client_id, client_secret)
        self.apis = {authorization_api.AuthorizationApi: authorization_api.AuthorizationApi(self.client),
                     o_auth_api.OAuthApi: o_auth_api.OAuthApi(self.client)}
        self.raw = []

    def __call__(self, *args, **kwargs):
        """call(Api, "operation", *arguments, **query): the operation's result (keyword names are the SDK's)."""
        api, name, args = args[0], args[1], args[2:]
        result = getattr(self.apis[api], name)(*args, **kwargs)
        dummy, response = operation(api, name)
        if response:
            body = json.loads(self.client.last_response.data)
            assert conforms(body, response) == [], "%s answered outside %s" % (name, response)
            self.raw.append(body)
        return result


@pytest.fixture()
def auth_api():
    return authorization_api.AuthorizationApi


@pytest.fixture()
def oauth_api():
    return o_auth_api.OAuthApi


def journal(url):
    return control(url, "GET", "/journal")["entries"]


def test_token_with_the_sdk(sim):
    client = sdk.ApiClient(host=sim)
    assert client.get_client_credentials_token(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET) is client
    assert client.access_token
    [entry] = journal(sim)
    assert (entry["method"], entry["path"], entry["status"]) == ("POST", "/oauth/token", 200)
    assert entry["basic_auth"] == "%s:%s" % (DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)
    assert entry["body"] == {"grant_type": "client_credentials"}


def test_roles_with_both_permission_forms(sim, auth_api):
    call = Sdk(sim)
    policies = [make(models.DomainPermissionPolicy, domain=domain, entity_name="*", action_set=["*"])
                for domain in ("messaging", "messagingProvisioning")]
    request = make(models.DomainOrganizationRoleCreate, name="Nexus Messaging", description="Digital Channels SMS",
                   permission_policies=policies)
    by_policy = call(auth_api, "post_authorization_roles", request)
    assert by_policy.permissions == ["messaging:*:*", "messagingProvisioning:*:*"]
    assert by_policy.self_uri == "/api/v2/authorization/roles/" + by_policy.id

    request = make(models.DomainOrganizationRoleCreate, name="Provisioning viewer",
                   permissions=["messagingProvisioning:phoneNumber:view", "messagingProvisioning:phoneNumber:add"])
    by_string = call(auth_api, "post_authorization_roles", request)
    [policy] = by_string.permission_policies
    assert (policy.domain, policy.entity_name, policy.action_set) == (
        "messagingProvisioning", "phoneNumber", ["add", "view"])

    policy = make(models.DomainPermissionPolicy, domain="routing", entity_name="queue", action_set=["edit"])
    request = make(models.DomainOrganizationRoleUpdate, name="Provisioning viewer", description="now both forms",
                   permissions=["routing:queue:view"], permission_policies=[policy])
    updated = call(auth_api, "put_authorization_role", by_string.id, request)
    assert updated.permissions == ["routing:queue:edit", "routing:queue:view"]

    read = call(auth_api, "get_authorization_role", by_string.id, user_count=True, expand=["unusedPermissions"])
    assert read.description == "now both forms" and read.unused_permissions == [] and read.user_count == 0

    first = call(auth_api, "get_authorization_roles", page_size=1, page_number=1)
    assert (first.total, first.page_count, first.page_number, first.page_size) == (2, 2, 1, 1)
    assert first.next_uri and first.first_uri and first.last_uri and first.self_uri and not first.previous_uri
    second = call(auth_api, "get_authorization_roles", page_size=1, page_number=2)
    assert second.previous_uri and not second.next_uri
    assert {first.entities[0].name, second.entities[0].name} == {"Nexus Messaging", "Provisioning viewer"}
    named = call(auth_api, "get_authorization_roles", name="Nexus Messaging", page_size=100)
    assert [r.id for r in named.entities] == [by_policy.id]

    call(auth_api, "delete_authorization_role", by_string.id)
    assert [e["status"] for e in journal(sim) if e["status"] >= 400] == []


def test_oauth_client_with_role_divisions(sim, auth_api, oauth_api):
    control(sim, "POST", "/config", {"gc": {"divisions": ["Sales"]}})
    call = Sdk(sim)
    home = call(auth_api, "get_authorization_divisions_home")
    assert home.home_division is True and home.name == "Home"
    sales = call(auth_api, "get_authorization_divisions", name="Sales").entities
    assert [(d.name, d.home_division) for d in sales] == [("Sales", False)]
    everything = call(auth_api, "get_authorization_divisions", page_size=25, object_count=True)
    assert [d.name for d in everything.entities] == ["Home", "Sales"] and everything.entities[0].object_counts == {}
    request = make(models.DomainOrganizationRoleCreate, name="Nexus Messaging", permissions=["messaging:*:*"])
    role = call(auth_api, "post_authorization_roles", request)

    grants = [make(models.RoleDivision, role_id=role.id, division_id=division.id) for division in (home, sales[0])]
    request = make(models.OAuthClientRequest, name="Nexus Messaging Integration", description="runbook client",
                   authorized_grant_type="CLIENT-CREDENTIALS", access_token_validity_seconds=3600,
                   role_divisions=grants)
    created = call(oauth_api, "post_oauth_clients", request)
    assert created.secret and created.state == "active" and created.date_created and created.created_by.id
    read = call(oauth_api, "get_oauth_client", created.id)
    assert [(p.role_id, p.division_id) for p in read.role_divisions] == [(role.id, home.id), (role.id, sales[0].id)]
    assert read.role_ids == [role.id] and read.secret is None
    assert read.self_uri == "/api/v2/oauth/clients/" + created.id

    # The new client logs in with its secret.
    Sdk(sim, created.id, created.secret)
    assert journal(sim)[-1]["status"] == 200

    request = make(models.OAuthClientRequest, name="Nexus Messaging Integration",
                   authorized_grant_type="CLIENT-CREDENTIALS", state="active", role_ids=[role.id])
    updated = call(oauth_api, "put_oauth_client", created.id, request)
    assert [(p.role_id, p.division_id) for p in updated.role_divisions] == [(role.id, home.id)]
    renewed = call(oauth_api, "post_oauth_client_secret", created.id)
    assert renewed.secret and renewed.secret != created.secret

    listing = call(oauth_api, "get_oauth_clients")
    assert [c.name for c in listing.entities] == ["Nexus Messaging Integration"]
    assert (listing.total, listing.page_number, listing.page_count) == (1, 1, 1)
    assert listing.first_uri == listing.self_uri == listing.last_uri == "/api/v2/oauth/clients"
    assert listing.next_uri is None and listing.previous_uri is None
    assert all(c.secret is None for c in listing.entities)

    call(oauth_api, "delete_oauth_client", created.id)
    assert call(oauth_api, "get_oauth_clients").entities == []
    assert [e["status"] for e in journal(sim) if e["status"] >= 400] == []


@pytest.mark.parametrize("form, present, absent", [
    ("roleDivisions", "role_divisions", "role_ids"),
    ("roleIds", "role_ids", "role_divisions"),
])
def test_client_role_form_answers_one_form(sim, auth_api, oauth_api, form, present, absent):
    control(sim, "POST", "/config", {"gc": {"client_role_form": form}})
    call = Sdk(sim)
    role = call(auth_api, "post_authorization_roles",
                make(models.DomainOrganizationRoleCreate, name="R", permissions=["a:b:c"]))
    created = call(oauth_api, "post_oauth_clients",
                   make(models.OAuthClientRequest, name="C", authorized_grant_type="CLIENT-CREDENTIALS",
                        role_ids=[role.id]))
    read = call(oauth_api, "get_oauth_client", created.id)
    assert getattr(read, present) and getattr(read, absent) is None


def test_errors_are_error_bodies(sim, auth_api, oauth_api):
    call = Sdk(sim)
    contexts = []
    unknown_grant = make(models.RoleDivision, role_id="r", division_id="d")
    for api, name, args in [
        (auth_api, "post_authorization_roles", [make(models.DomainOrganizationRoleCreate, description="no name")]),
        (oauth_api, "get_oauth_client", ["3c5bb8f7-0000-4000-8000-000000000000"]),
        (oauth_api, "post_oauth_clients", [make(models.OAuthClientRequest, name="C", role_divisions=[unknown_grant],
                                                authorized_grant_type="CLIENT-CREDENTIALS")]),
    ]:
        with pytest.raises(ApiException) as err:
            call(api, name, *args)
        body = json.loads(err.value.body)
        assert conforms(body, "ErrorBody") == []
        assert body["status"] == err.value.status and body["code"] and body["message"] and body["contextId"]
        contexts.append(body["contextId"])
    assert len(set(contexts)) == 3


def test_a_bad_secret_is_an_oauth_error(sim):
    with pytest.raises(ApiException) as err:
        sdk.ApiClient(host=sim).get_client_credentials_token(DEFAULT_CLIENT_ID, "wrong-secret-0123")
    assert err.value.status == 401
    assert json.loads(err.value.body) == {"error": "invalid_client", "error_description": "invalid client credentials"}


def test_a_query_parameter_the_sdk_does_not_define_is_refused(sim):
    """The SDK cannot send one, so this is a raw request with the SDK's token."""
    call = Sdk(sim)
    request = urllib.request.Request(sim + "/api/v2/oauth/clients?pageSize=10",
                                     headers={"Authorization": "Bearer " + call.client.access_token})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)  # nosec: loopback test double  # pylint: disable=consider-using-with
    body = json.loads(err.value.read())
    assert err.value.code == 400 and conforms(body, "ErrorBody") == []
    assert body["messageParams"] == {"parameters": "pageSize", "method": "GET", "path": "/api/v2/oauth/clients"}

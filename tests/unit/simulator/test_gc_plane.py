# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The simulated Genesys Cloud plane answers as the vendor's SDK models say, and refuses what they do not define.

tests/sdk drives it with the SDK itself; these tests pin each behaviour down without the SDK.
"""

from __future__ import annotations

import pytest
import requests

from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from ansible_collections.cxops.digital_channels.tests.simulator.core import HttpError
from ansible_collections.cxops.digital_channels.tests.simulator.gc import HOME_DIVISION_ID
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID

ROLES = "/api/v2/authorization/roles"
CLIENTS = "/api/v2/oauth/clients"
DIVISIONS = "/api/v2/authorization/divisions"
TF = "/api/v2/messaging/sms/provisioning/tollfreenumbers"
ERROR_FIELDS = ["code", "contextId", "details", "errors", "message", "messageParams", "messageWithParams", "status"]
ORDER = {"moUrl": "https://d.example.com/m", "drUrl": "https://d.example.com/r",
         "webhookUsername": "45acae06-6b7c-4f97-9c76-471cb5c21bf7", "webhookPassword": "cluster-key-0123456789"}


class Api:
    """Bearer-authenticated requests to the simulator, as a Genesys Cloud client sends them."""

    def __init__(self, url, client_id=DEFAULT_CLIENT_ID, client_secret=DEFAULT_CLIENT_SECRET):
        self.url = url
        answer = requests.post(url + "/oauth/token", data={"grant_type": "client_credentials"},
                               auth=(client_id, client_secret), timeout=5)
        assert answer.status_code == 200, answer.text
        self.token = answer.json()
        self.headers = {"Authorization": "Bearer " + self.token["access_token"]}

    def __call__(self, method, path, body=None, **params):
        return requests.request(method, self.url + path, json=body, params=params or None, headers=self.headers,
                                timeout=5)

    def ok(self, method, path, body=None, **params):
        answer = self(method, path, body, **params)
        assert answer.status_code in (200, 204), answer.text
        return answer.json() if answer.content else None


@pytest.fixture()
def api(sim):
    return Api(sim.url)


def role(api, name="Nexus Messaging", **body):
    return api.ok("POST", ROLES, dict({"name": name, "permissions": ["messaging:*:*"]}, **body))


def error(answer, status):
    """The answer's ErrorBody, checked for its shape."""
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert sorted(body) == ERROR_FIELDS and body["status"] == status and body["contextId"]
    return body


# --- roles: both permission forms ----------------------------------------------------------

def test_role_from_permission_strings_shows_both_forms(api):
    created = role(api, permissions=["messagingProvisioning:phoneNumber:view", "messagingProvisioning:phoneNumber:add"])
    assert created["permissions"] == ["messagingProvisioning:phoneNumber:add", "messagingProvisioning:phoneNumber:view"]
    assert created["permissionPolicies"] == [{"domain": "messagingProvisioning", "entityName": "phoneNumber",
                                              "actionSet": ["add", "view"], "allowConditions": False}]
    assert created["selfUri"] == ROLES + "/" + created["id"]
    assert api.ok("GET", ROLES + "/" + created["id"]) == created


def test_role_from_policies_shows_both_forms(api):
    created = api.ok("POST", ROLES, {"name": "R", "permissionPolicies": [
        {"domain": "messaging", "entityName": "*", "actionSet": ["*"], "policyName": "all messaging"}]})
    assert created["permissions"] == ["messaging:*:*"]
    assert created["permissionPolicies"] == [{"domain": "messaging", "entityName": "*", "actionSet": ["*"],
                                              "allowConditions": False, "policyName": "all messaging"}]


def test_both_forms_together_are_one_set_and_an_update_replaces_it(api):
    created = role(api, permissions=["routing:queue:view", "messaging:*:*"],
                   permissionPolicies=[{"domain": "routing", "entityName": "queue", "actionSet": ["view", "edit"]}])
    assert created["permissions"] == ["messaging:*:*", "routing:queue:edit", "routing:queue:view"]
    updated = api.ok("PUT", ROLES + "/" + created["id"], {"name": "Nexus Messaging", "permissions": ["a:b:c"]})
    assert updated["permissions"] == ["a:b:c"] and [p["domain"] for p in updated["permissionPolicies"]] == ["a"]
    assert api.ok("GET", ROLES + "/" + created["id"])["permissions"] == ["a:b:c"]


@pytest.mark.parametrize("body, field", [
    ({"permissions": ["messaging"]}, "permissions[0]"),
    ({"permissions": "messaging:*:*"}, "permissions"),
    ({"permissionPolicies": [{"domain": "messaging", "entityName": "*", "actionSet": []}]}, "permissionPolicies[0].actionSet"),
    ({"permissionPolicies": [{"domain": "messaging", "actionSet": ["*"]}]}, "permissionPolicies[0].entityName"),
    ({"permissionPolicies": [{"domain": "m", "entityName": "*", "actionSet": ["*"], "allowConditions": "no"}]},
     "permissionPolicies[0].allowConditions"),
    ({"name": None}, "name"),
    ({"userCount": "0"}, "userCount"),
])
def test_role_requests_are_checked_field_by_field(api, body, field):
    answer = api("POST", ROLES, dict({"name": "R", "permissions": ["a:b:c"]}, **body))
    assert error(answer, 400)["details"] == [{"errorCode": "bad.request", "fieldName": field}]


def test_role_fields_the_models_do_not_define_are_refused(api):
    body = error(api("POST", ROLES, {"name": "R", "permission": ["a:b:c"]}), 400)
    assert body["message"] == "Unrecognized field permission in DomainOrganizationRoleCreate"
    assert body["messageParams"] == {"fields": "permission", "model": "DomainOrganizationRoleCreate"}
    created = role(api, userCount=3, default=True)  # read-only fields of the create model: accepted, not stored
    assert created["userCount"] == 0 and created["default"] is False
    # The update model is smaller: a create-only field is not part of it.
    body = error(api("PUT", ROLES + "/" + created["id"], {"name": "R", "userCount": 0}), 400)
    assert body["messageParams"] == {"fields": "userCount", "model": "DomainOrganizationRoleUpdate"}


@pytest.mark.parametrize("path", [ROLES, CLIENTS])
def test_a_body_that_is_not_an_object_is_a_400(api, path):
    body = error(api("POST", path, [{"name": "R"}]), 400)
    assert body["message"].startswith("the body must be a JSON object (") and body["details"] == []


def test_duplicate_role_name_is_a_conflict(api):
    role(api)
    body = error(api("POST", ROLES, {"name": "Nexus Messaging"}), 409)
    assert body["messageWithParams"] == "A role named {name} already exists"
    assert body["messageParams"] == {"name": "Nexus Messaging"} and body["message"].endswith("Nexus Messaging already exists")


# --- OAuth clients: both role forms, client_role_form ---------------------------------------------

def client_body(**extra):
    return dict({"name": "Nexus Messaging Integration", "authorizedGrantType": "CLIENT-CREDENTIALS"}, **extra)


def test_role_ids_become_grants_in_the_home_division(api):
    role_id = role(api)["id"]
    created = api.ok("POST", CLIENTS, client_body(roleIds=[role_id]))
    assert created["roleIds"] == [role_id]
    assert created["roleDivisions"] == [{"roleId": role_id, "divisionId": HOME_DIVISION_ID}]
    assert created["secret"] and created["state"] == "active" and created["selfUri"] == CLIENTS + "/" + created["id"]
    assert created["dateCreated"].endswith("Z") and created["createdBy"]["id"] == DEFAULT_CLIENT_ID
    shown = api.ok("GET", CLIENTS + "/" + created["id"])
    assert "secret" not in shown and shown["roleDivisions"] == created["roleDivisions"]


def test_role_divisions_in_named_divisions(sim, api):
    sim.configure("gc", divisions=["Sales", "Support"])
    sales = api.ok("GET", DIVISIONS, name="sales")["entities"]
    assert [d["name"] for d in sales] == ["Sales"]
    role_id = role(api)["id"]
    pairs = [{"roleId": role_id, "divisionId": sales[0]["id"]}, {"roleId": role_id, "divisionId": HOME_DIVISION_ID}]
    created = api.ok("POST", CLIENTS, client_body(roleDivisions=pairs + pairs[:1]))
    assert created["roleDivisions"] == pairs and created["roleIds"] == [role_id]


@pytest.mark.parametrize("pair, field", [
    ({"roleId": "no-such-role", "divisionId": HOME_DIVISION_ID}, "roleDivisions[0].roleId"),
    ({"roleId": "ROLE", "divisionId": "no-such-division"}, "roleDivisions[0].divisionId"),
    ({"roleId": "ROLE"}, "roleDivisions[0].divisionId"),
    ({"roleId": "ROLE", "divisionId": HOME_DIVISION_ID, "name": "x"}, "roleDivisions[0]"),
])
def test_role_divisions_are_checked(api, pair, field):
    role_id = role(api)["id"]
    pair = {k: role_id if v == "ROLE" else v for k, v in pair.items()}
    body = error(api("POST", CLIENTS, client_body(roleDivisions=[pair])), 400)
    assert body["details"][0]["fieldName"] == field


@pytest.mark.parametrize("form, present, absent", [
    ("both", ["roleIds", "roleDivisions"], []),
    ("roleDivisions", ["roleDivisions"], ["roleIds"]),
    ("roleIds", ["roleIds"], ["roleDivisions"]),
])
def test_client_role_form_chooses_what_the_server_answers(sim, api, form, present, absent):
    sim.configure("gc", client_role_form=form)
    role_id = role(api)["id"]
    created = api.ok("POST", CLIENTS, client_body(roleIds=[role_id]))
    for shown in (created, api.ok("GET", CLIENTS + "/" + created["id"]), api.ok("GET", CLIENTS)["entities"][0]):
        assert all(k in shown for k in present) and not any(k in shown for k in absent)


def test_every_field_of_the_request_model_is_taken(api):
    body = client_body(description="d", accessTokenValiditySeconds=600, registeredRedirectUri=["https://x.example/cb"],
                       scope=["users"], state="active", dateToDelete="2030-01-31T00:00:00.000Z", roleIds=[],
                       roleDivisions=[])
    created = api.ok("POST", CLIENTS, body)
    assert {k: created[k] for k in body if k not in ("roleIds", "roleDivisions")} == \
        {k: v for k, v in body.items() if k not in ("roleIds", "roleDivisions")}


@pytest.mark.parametrize("body, status, field", [
    (client_body(authorizedGrantType="BEARER"), 400, "authorizedGrantType"),
    (client_body(state="paused"), 400, "state"),
    (client_body(accessTokenValiditySeconds=60), 400, "accessTokenValiditySeconds"),
    (client_body(accessTokenValiditySeconds="600"), 400, "accessTokenValiditySeconds"),
    (client_body(dateToDelete="tomorrow"), 400, "dateToDelete"),
    (client_body(secret="mine"), 400, None),
    ({"name": "x"}, 400, "authorizedGrantType"),
])
def test_client_requests_are_checked(api, body, status, field):
    answer = error(api("POST", CLIENTS, body), status)
    assert answer["details"] == ([{"errorCode": "bad.request", "fieldName": field}] if field else [])


def test_roles_only_on_client_credentials_clients(api):
    role_id = role(api)["id"]
    error(api("POST", CLIENTS, client_body(authorizedGrantType="CODE", roleIds=[role_id])), 400)
    assert api.ok("POST", CLIENTS, client_body(authorizedGrantType="CODE"))["authorizedGrantType"] == "CODE"


def test_a_client_logs_in_while_active_and_its_tokens_live_as_it_says(sim, api):
    created = api.ok("POST", CLIENTS, client_body(accessTokenValiditySeconds=900))
    own = Api(sim.url, created["id"], created["secret"])
    assert own.token["expires_in"] == 900 and own("GET", CLIENTS).status_code == 200
    api.ok("PUT", CLIENTS + "/" + created["id"], client_body(state="disabled"))
    assert own("GET", CLIENTS).status_code == 401
    answer = requests.post(sim.url + "/oauth/token", data={"grant_type": "client_credentials"},
                           auth=(created["id"], created["secret"]), timeout=5)
    assert answer.status_code == 401 and answer.json()["error"] == "invalid_client"


def test_a_new_secret_replaces_the_old_one(sim, api):
    created = api.ok("POST", CLIENTS, client_body())
    renewed = api.ok("POST", CLIENTS + "/" + created["id"] + "/secret")
    assert renewed["secret"] != created["secret"]
    assert requests.post(sim.url + "/oauth/token", data={"grant_type": "client_credentials"},
                         auth=(created["id"], created["secret"]), timeout=5).status_code == 401
    Api(sim.url, created["id"], renewed["secret"])


# --- toll-free numbers: number_format and the strict order --------------------------------------

@pytest.mark.parametrize("form, listed, other", [
    ("digits", "18445550100", "+18445550100"),
    ("e164", "+18445550100", "18445550100"),
])
def test_numbers_are_listed_and_ordered_in_one_form(sim, api, form, listed, other):
    sim.configure("gc", number_format=form)
    available = api.ok("GET", TF + "/available", numberOfResults=2)["entities"]
    assert available[0] == {"tollfreeNumber": listed}
    body = error(api("POST", TF, [dict(ORDER, tollfreeNumber=other)]), 400)
    assert body["messageParams"]["number"] == other and "in the form this API lists" in body["message"]
    assert sim.state("gc")["owned"] == {}
    order = api.ok("POST", TF, [dict(ORDER, tollfreeNumber=listed)])
    assert api.ok("GET", "/api/v2/messaging/sms/provisioning/orders/" + order["orderId"])["numbers"] == [listed]
    [owned] = api.ok("GET", TF)["entities"]
    assert owned["tollfreeNumber"] == listed and "webhookPassword" not in owned
    # The path code is documented as digits; the listed form is taken too.
    for code in sorted({"18445550100", listed.replace("+", "%2B")}):
        assert api("PATCH", TF + "/" + code, {"comment": code}).status_code == 200
    assert api("PATCH", TF + "/" + other.replace("+", "%2B"), {"comment": "x"}).status_code == (404 if form == "digits" else 200)


def test_a_pool_given_in_either_form_is_one_pool(sim, api):
    sim.configure("gc", available=["+18445550100", "18885550101"], number_format="e164")
    assert [e["tollfreeNumber"] for e in api.ok("GET", TF + "/available")["entities"]] == ["+18445550100", "+18885550101"]


# --- errors ---------------------------------------------------------------------------------

def test_every_error_of_the_api_is_an_error_body_with_a_fresh_context_id(sim, api):
    contexts = set()
    for answer, status, code in [
        (api("GET", ROLES + "/3c5bb8f7-0000-4000-8000-000000000000"), 404, "not.found"),
        (api("GET", "/api/v2/no/such/thing"), 404, "not.found"),
        (api("PATCH", ROLES), 405, "method.not.allowed"),
        (requests.get(sim.url + ROLES, timeout=5), 401, "bad.credentials"),
        (requests.post(sim.url + ROLES, data="{}", headers=dict(api.headers, **{"Content-Type": "text/plain"}),
                       timeout=5), 415, "unsupported.media.type"),
        (requests.post(sim.url + ROLES, data="{", headers=dict(api.headers, **{"Content-Type": "application/json"}),
                       timeout=5), 400, "bad.request"),
    ]:
        body = error(answer, status)
        assert body["code"] == code and body["errors"] == []
        contexts.add(body["contextId"])
    assert len(contexts) == 6


def test_message_with_params_and_the_filled_message(api):
    body = error(api("GET", CLIENTS + "/abc"), 404)
    assert body["messageWithParams"] == "{entity} {id} not found"
    assert body["messageParams"] == {"entity": "OAuth client", "id": "abc"}
    assert body["message"] == "OAuth client abc not found"


def test_an_injected_fault_on_the_api_is_an_error_body(sim, api):
    sim.fault(method="GET", path=ROLES, status=503)
    body = error(api("GET", ROLES), 503)
    assert body["message"] == "injected fault" and body["code"] == "service.unavailable"


def test_other_planes_keep_their_error_shape(sim):
    answer = requests.get(sim.url + "/nexus/v3/provisioning/services/%s/SMS" % CCID, timeout=5)
    assert (answer.status_code, answer.json()) == (401, {"message": "missing x-api-key header"})
    answer = requests.get(sim.url + "/nexus/v3/apikeys", timeout=5)
    assert (answer.status_code, answer.json()) == (401, {"message": "a GWS Auth bearer token is required"})
    answer = requests.post(sim.url + "/auth/v3/oauth/token", data={"grant_type": "password"}, timeout=5)
    assert answer.status_code == 401 and answer.json()["error"] == "invalid_client"


@pytest.mark.parametrize("auth, form, status, code", [
    (None, {"grant_type": "client_credentials"}, 401, "invalid_client"),
    ((DEFAULT_CLIENT_ID, "wrong-secret-123"), {"grant_type": "client_credentials"}, 401, "invalid_client"),
    ((DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET), {"grant_type": "password"}, 400, "unsupported_grant_type"),
    ((DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET), {"scope": "x"}, 400, "invalid_request"),
])
def test_login_errors_are_oauth_errors(sim, auth, form, status, code):
    answer = requests.post(sim.url + "/oauth/token", data=form, auth=auth, timeout=5)
    assert answer.status_code == status
    assert sorted(answer.json()) == ["error", "error_description"] and answer.json()["error"] == code


def test_login_ignores_parameters_it_does_not_know(sim):
    """RFC 6749, 3.2: the authorization server ignores unrecognized request parameters."""
    answer = requests.post(sim.url + "/oauth/token", data={"grant_type": "client_credentials", "scope": "x"},
                           auth=(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET), timeout=5)
    assert answer.status_code == 200


# --- query parameters -------------------------------------------------------------------------

@pytest.mark.parametrize("path, params", [
    (TF, {"pageSize": "10"}),
    (CLIENTS, {"pageNumber": "2"}),
    (ROLES, {"pagesize": "10"}),
    (ROLES, {"name": "x", "filter": "y"}),
    (TF + "/available", {"numberOfResults": "5", "areaCode": "844"}),
    (DIVISIONS + "/home", {"objectCount": "true"}),
])
def test_a_query_parameter_the_operation_does_not_define_is_a_400(api, path, params):
    body = error(api("GET", path, **params), 400)
    assert body["messageWithParams"] == "Unrecognized query parameter {parameters} for {method} {path}"


@pytest.mark.parametrize("params", [
    {"pageSize": "ten"}, {"pageNumber": "0"}, {"userCount": "yes"}, {"nextPage": "abc"}, {"sortBy": "colour"},
    {"expand": "everything"},
])
def test_query_parameters_are_typed(api, params):
    error(api("GET", ROLES, **params), 400)


def test_repeated_single_parameter_is_a_400_and_lists_take_commas(api):
    first, second = role(api, "A")["id"], role(api, "B")["id"]
    error(api("GET", ROLES, name=["A", "B"]), 400)
    assert [r["name"] for r in api.ok("GET", ROLES, id="%s,%s" % (first, second))["entities"]] == ["A", "B"]
    assert [r["name"] for r in api.ok("GET", ROLES, id=[second])["entities"]] == ["B"]


# --- listings -------------------------------------------------------------------------------------

def test_a_paged_listing_has_every_field_and_link(sim, api):
    for name in ("R1", "R2", "R3", "R4", "R5"):
        role(api, name)
    page = api.ok("GET", ROLES, pageSize=2, pageNumber=2, name="r")
    assert [r["name"] for r in page["entities"]] == ["R3", "R4"]
    assert {k: v for k, v in page.items() if k != "entities"} == {
        "pageSize": 2, "pageNumber": 2, "total": 5, "pageCount": 3,
        "firstUri": ROLES + "?pageSize=2&pageNumber=1&name=r", "selfUri": ROLES + "?pageSize=2&pageNumber=2&name=r",
        "lastUri": ROLES + "?pageSize=2&pageNumber=3&name=r", "nextUri": ROLES + "?pageSize=2&pageNumber=3&name=r",
        "previousUri": ROLES + "?pageSize=2&pageNumber=1&name=r",
    }
    last = api.ok("GET", ROLES, pageSize=2, pageNumber=3)
    assert "nextUri" not in last and last["previousUri"].endswith("pageNumber=2")
    assert "previousUri" not in api.ok("GET", ROLES, pageSize=2)
    sim.configure("gc", next_uri="absolute")
    assert api.ok("GET", ROLES, pageSize=2)["nextUri"] == sim.url + ROLES + "?pageSize=2&pageNumber=2"
    sim.configure("gc", next_uri=False)
    assert sorted(api.ok("GET", ROLES, pageSize=2)) == ["entities", "pageCount", "pageNumber", "pageSize", "total"]


def test_listings_without_paging_parameters_are_one_page(sim, api):
    sim.configure("gc", page_size=1)
    for name in ("C1", "C2", "C3"):
        api.ok("POST", CLIENTS, client_body(name=name))
    listing = api.ok("GET", CLIENTS)
    assert [c["name"] for c in listing["entities"]] == ["C1", "C2", "C3"]
    assert {k: v for k, v in listing.items() if k != "entities"} == {
        "pageSize": 3, "pageNumber": 1, "total": 3, "pageCount": 1,
        "firstUri": CLIENTS, "selfUri": CLIENTS, "lastUri": CLIENTS}
    assert all("secret" not in c for c in listing["entities"])


def test_role_name_filter_is_a_search_term(api):
    role(api, "Nexus Messaging")
    role(api, "Nexus Messaging 2")
    assert [r["name"] for r in api.ok("GET", ROLES, name="nexus messaging")["entities"]] == [
        "Nexus Messaging", "Nexus Messaging 2"]


# --- divisions ------------------------------------------------------------------------------------

def test_divisions(sim, api):
    home = api.ok("GET", DIVISIONS + "/home")
    assert home == {"id": HOME_DIVISION_ID, "name": "Home", "description": "", "homeDivision": True,
                    "selfUri": DIVISIONS + "/" + HOME_DIVISION_ID}
    sim.configure("gc", divisions=["Sales"], home_division="Main")
    listing = api.ok("GET", DIVISIONS)
    assert [(d["name"], d["homeDivision"]) for d in listing["entities"]] == [("Main", True), ("Sales", False)]
    sales = listing["entities"][1]
    assert api.ok("GET", DIVISIONS + "/" + sales["id"], objectCount="true") == dict(sales, objectCounts={})
    assert api.ok("GET", DIVISIONS, id=sales["id"])["entities"] == [sales]
    error(api("GET", DIVISIONS + "/nope"), 404)


@pytest.mark.parametrize("settings", [
    {"number_format": "national"}, {"client_role_form": "roles"}, {"divisions": "Sales"}, {"divisions": [""]},
])
def test_settings_are_checked(sim, settings):
    with pytest.raises(HttpError):
        sim.configure("gc", **settings)

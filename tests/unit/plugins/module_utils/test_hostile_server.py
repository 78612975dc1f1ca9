# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A faulty or hostile server: one test (or more) per defect of issue 9, each failing on the code before the fix.

Links and ids from answers, late commits, secrets in every form, names with a trailing
newline, errors that keep their facts, secrets lost with a create's answer.
"""

from __future__ import annotations

import base64
import datetime
import http.server
import json
import os
import ssl
import tempfile
import threading

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils import _gc
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import (
    ApiError,
    InputError,
    UntrustedResponseError,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GaxClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GcClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import (
    HeaderAuth,
    Transport,
    build_path,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import Secrets, basic_credentials
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import validate_name
from ansible_collections.cxops.digital_channels.plugins.modules import (
    gc_oauth_client,
    gc_role,
    gc_tollfree_number,
    nexus_api_key,
    nexus_sender_id,
    nexus_service,
    nexus_services_options,
)
from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_API_KEY
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

ROLES = "/api/v2/authorization/roles"
CLIENTS = "/api/v2/oauth/clients"
TF = "/api/v2/messaging/sms/provisioning/tollfreenumbers"
KEYS = "/nexus/v3/apikeys"
SMS = "/nexus/v3/provisioning/services/%s/SMS" % CCID
PORTICO_KEY = {"name": "Portico Cluster API Key", "tenant": "*", "permissions": ["nexus:cluster:*"]}


def gc_params(gc_args, **extra):
    params = dict(gc_args, region=None, access_token=None, validate_certs=True, ca_path=None, timeout=5, retries=1,
                  settle_timeout=2)
    params.update(extra)
    return params


def requests_to(sim, path):
    return [e for e in sim.journal() if e["path"] == path]


# --- 1. a token sent to another host -------------------------------------------------------

@pytest.mark.parametrize("link, host", [
    ("//127.0.0.2:8099/api/v2/authorization/roles?pageNumber=2", "127.0.0.2:8099"),
    ("http://evil.example:8099/steal", "evil.example:8099"),
    ("https://127.0.0.1/api/v2/authorization/roles", "127.0.0.1:443"),
    ("http://user@127.0.0.1/api/v2/authorization/roles", "127.0.0.1:80"),
])
def test_a_link_to_another_origin_is_refused_and_named(sim, gc_args, link, host):
    sim.configure("gc", page_size=1)
    client = GcClient.from_params(gc_params(gc_args))
    for name in ("A", "B"):
        client.create_role({"name": name, "description": "", "permissionPolicies": []})
    sim.clear()
    sim.fault(method="GET", path=ROLES + "$", action="rewrite", body={"set": {"nextUri": link}}, times=1)
    with pytest.raises(UntrustedResponseError) as err:
        client.find_role("B")
    if "user@" not in link:
        assert "link to %s" % host in str(err.value)
    assert len(requests_to(sim, ROLES)) == 1
    assert client.api.auth.token["access_token"] not in str(err.value)


def test_relative_link_cannot_be_glued_into_another_host():
    """The old join was base + link: '0:8099/x' on http://127.0.0.1 made http://127.0.0.10:8099/x."""
    transport = Transport("http://127.0.0.1")
    assert transport.follow("0:8099/steal") == "/0:8099/steal"
    assert transport.follow("@127.0.0.2:80/x") == "/@127.0.0.2:80/x"
    for path in ("0:8099/steal", "@127.0.0.2:80/x", ".evil.example/x"):
        with pytest.raises(ApiError) as err:
            transport.request("GET", path)
        assert "refusing to send a request outside http://127.0.0.1" in str(err.value)


def test_absolute_same_host_links_are_followed(sim, gc_args):
    sim.configure("gc", page_size=2, next_uri="absolute")
    client = GcClient.from_params(gc_params(gc_args))
    for index in range(5):
        client.create_role({"name": "R%d" % index, "description": "", "permissionPolicies": []})
    sim.clear()
    assert [r["name"] for r in client._pages(ROLES, {"pageSize": 2})] == ["R0", "R1", "R2", "R3", "R4"]
    assert [e["query"].get("pageNumber") for e in requests_to(sim, ROLES)] == [None, "2", "3"]


def test_links_under_a_base_path_stay_under_it():
    transport = Transport("https://api.example.com/prefix")
    assert transport.follow("/prefix/x?a=1") == "/x?a=1"
    assert transport.follow("https://api.example.com:443/prefix/y") == "/y"
    with pytest.raises(UntrustedResponseError, match="outside https://api.example.com/prefix"):
        transport.follow("/other/x")


# --- 2. paging that never ends ---------------------------------------------------------------

def test_a_next_uri_back_to_the_same_page_stops_with_an_error(sim, gc_args):
    sim.configure("gc", page_size=1)
    client = GcClient.from_params(gc_params(gc_args))
    for name in ("A", "B"):
        client.create_role({"name": name, "description": "", "permissionPolicies": []})
    sim.clear()
    sim.fault(method="GET", path=ROLES + "$", action="rewrite", times=-1,
              body={"set": {"nextUri": ROLES + "?pageSize=100&name=A&pageNumber=1"}})
    with pytest.raises(UntrustedResponseError) as err:
        client.find_role("A")
    assert "leads back to a page already read (%s?name=A&pageNumber=1&pageSize=100)" % ROLES in str(err.value)
    assert len(requests_to(sim, ROLES)) == 2


def test_an_empty_page_ends_the_listing(sim, gc_args):
    client = GcClient.from_params(gc_params(gc_args))
    client.create_role({"name": "A", "description": "", "permissionPolicies": []})
    sim.clear()
    sim.fault(method="GET", path=ROLES + "$", action="rewrite", times=-1,
              body={"set": {"entities": [], "nextUri": ROLES + "?pageNumber=2"}})
    assert client.find_role("A") is None
    assert len(requests_to(sim, ROLES)) == 1


def test_paging_stops_at_a_hard_cap(sim, gc_args, monkeypatch):
    monkeypatch.setattr(_gc, "MAX_PAGES", 3)
    sim.configure("gc", page_size=1)
    client = GcClient.from_params(gc_params(gc_args))
    for index in range(5):
        client.create_role({"name": "R%d" % index, "description": "", "permissionPolicies": []})
    sim.clear()
    with pytest.raises(UntrustedResponseError, match="more than 3 pages; stopped"):
        client._pages(ROLES, {"pageSize": 1})
    assert len(requests_to(sim, ROLES)) == 3


# --- 3. path traversal from server ids -------------------------------------------------------

def test_api_key_id_from_a_listing_cannot_delete_a_service(sim, nexus_args, gauth_args):
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    assert ok
    ok, result = run_module(nexus_api_key.main, dict(gauth_args, key="k" * 20, **PORTICO_KEY))
    assert ok
    sim.clear()
    sim.fault(method="GET", path=KEYS + "$", action="rewrite", times=-1,
              body={"set": {"data": [dict(PORTICO_KEY, id="../services/%s/SMS" % CCID)]}})
    ok, result = run_module(nexus_api_key.main, dict(gauth_args, name=PORTICO_KEY["name"], state="absent"))
    assert not ok
    # A listed id is a key's value: a secret, masked even when it is not an id of the expected form.
    assert "API key id '********' is not an id of the expected form" in result["msg"]
    assert [e["method"] for e in sim.journal()] == ["POST", "GET"]
    assert "SMS" in sim.state("nexus")["services"][CCID]


@pytest.mark.parametrize("module, listing, task", [
    (gc_role, ROLES, {"name": "Nexus Messaging"}),
    (gc_oauth_client, CLIENTS, {"name": "Nexus Messaging Integration"}),
])
def test_gc_ids_from_listings_must_be_uuids(sim, gc_args, module, listing, task):
    gc_role.main  # noqa: B018 (imported for the parametrization)
    ok, result = run_module(gc_role.main, dict(gc_args, name="Nexus Messaging"))
    assert ok
    if module is gc_oauth_client:
        ok, result = run_module(gc_oauth_client.main, dict(gc_args, roles=["Nexus Messaging"], **task))
        assert ok
    sim.clear()
    sim.fault(method="GET", path=listing + "$", action="rewrite", times=-1, body={"each": {"id": "../../roles"}})
    ok, result = run_module(module.main, dict(gc_args, state="absent", **task))
    assert not ok and "'../../roles' is not an id of the expected form" in result["msg"]
    assert [e for e in sim.journal() if e["method"] == "DELETE"] == []


def test_every_path_segment_is_encoded():
    assert build_path("/a/{x}/{y}", x="../b", y="c d/e?f") == "/a/..%2Fb/c%20d%2Fe%3Ff"


def test_gax_dbid_must_be_a_number(sim, gax_args):
    gax = GaxClient.from_params(dict(gax_args, validate_certs=True, ca_path=None, timeout=5, retries=0,
                                     settle_timeout=0))
    sim.fault(method="GET", path="/gax/api/cfg/objects$", action="rewrite", times=-1, body={"each": {"dbid": "312/../1"}})
    with pytest.raises(UntrustedResponseError, match="dbid '312/../1' is not an id"):
        gax.find_object("CfgTransaction", "NexusServices")


# --- 4. a late write erases a later write ------------------------------------------------------

def test_late_put_is_waited_for_not_repeated(sim, gax_args):
    """The first PUT times out and lands 2 s later; the task waits for it, so the next task's write stays."""
    slow = {"timeout": 1, "settle_timeout": 6}
    sim.fault(method="PUT", delay=2.0, times=1)
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, name="S1", channel_id="+18005550101",
                                                       endpoint="SMS_Main", **slow))
    assert ok and result["changed"]
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, name="S2", channel_id="+18005550102",
                                                       endpoint="SMS_Main", **slow))
    assert ok and result["changed"]
    assert sorted(sim.server.planes["gax"].sections()) == ["chat.S1", "chat.S2"]
    assert len([e for e in sim.journal() if e["method"] == "PUT"]) == 2


def test_late_upsert_of_a_nexus_service_is_waited_for(sim, nexus_args):
    sim.fault(method="POST", path="/SMS$", delay=2.0, times=1)
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", data={"provider": "mGage"},
                                                     timeout=1, settle_timeout=6))
    assert ok and result["changed"]
    assert len(sim.writes()) == 1


# --- 5. an order re-sent while the first is in flight -----------------------------------------

def test_order_processed_after_the_timeout_is_bought_once(sim, gc_args):
    sim.fault(method="POST", path=TF + "$", delay=2.0, times=1)
    ok, result = run_module(gc_tollfree_number.main, dict(
        gc_args, numbers=[{"number": "+18445550100"}], nexus_url="https://digital.example.com",
        webhook_username=CCID, webhook_password="cluster-key-0123456789", timeout=1, settle_timeout=6, wait=False))
    assert ok and result["changed"], result
    assert result["ordered"] == ["+18445550100"]
    assert len([e for e in sim.journal() if e["method"] == "POST" and e["path"] == TF]) == 1
    assert len(sim.state("gc")["orders"]) == 1


def test_order_not_owned_and_no_longer_available_is_not_sent_again(sim, gc_args, sleeps):
    """The order's answer is lost, the number is not owned yet but has left the pool: outcome unknown."""
    client = GcClient.from_params(gc_params(gc_args))
    sim.fault(method="POST", path=TF + "$", status=504, times=1)
    sim.configure("gc", available=[])
    entry = {"tollfreeNumber": "18445550100", "moUrl": "https://d.example.com/m", "drUrl": "https://d.example.com/r",
             "webhookUsername": CCID, "webhookPassword": "cluster-key-0123456789"}
    with pytest.raises(ApiError) as err:
        client.order_tollfree([entry])
    assert "an order for 18445550100 was sent and its outcome is unknown" in str(err.value)
    assert "no longer available" in str(err.value) and "a rerun lists owned numbers first" in str(err.value)
    assert len([e for e in sim.journal() if e["method"] == "POST" and e["path"] == TF]) == 1


# --- 6. secrets printed ---------------------------------------------------------------------------

def test_scrub_masks_every_form_of_a_secret():
    secret = "tok3n/with+odd chars\n"
    text = " | ".join([secret, secret.strip(), repr(secret), json.dumps(secret), "q=tok3n%2Fwith%2Bodd%20chars%0A",
                       "q=tok3n%2Fwith%2Bodd+chars%0A", basic_credentials("client-id-1", "s3cr3t-value")])
    masked = Secrets([secret, basic_credentials("client-id-1", "s3cr3t-value")]).scrub(text)
    assert "tok3n" not in masked and "odd" not in masked
    assert base64.b64encode(b"client-id-1:s3cr3t-value").decode() not in masked


@pytest.mark.parametrize("suffix", ["\n", "\r\n", " ", "\t"])
def test_api_key_with_surrounding_whitespace_is_trimmed_before_any_request(sim, nexus_args, suffix):
    ok, result = run_module(nexus_service.main, dict(nexus_args, api_key=DEFAULT_API_KEY + suffix, name="SMS",
                                                     data={"provider": "mGage"}))
    assert ok and result["changed"], result
    assert all(e["headers"]["x-api-key"] == DEFAULT_API_KEY for e in sim.journal())


def test_secret_with_a_line_break_inside_fails_before_any_request_without_echoing_it(sim, nexus_args):
    ok, result = run_module(nexus_service.main, dict(nexus_args, api_key="abc\ndef-secret", name="SMS"))
    assert not ok and result["msg"] == "api_key must be a non-empty value on one line without control characters"
    assert sim.journal() == []


def test_access_token_with_a_trailing_newline_works_and_is_never_printed(sim, gc_args):
    token = GcClient.from_params(gc_params(gc_args)).auth.fetch()["access_token"]
    client = GcClient.from_params(gc_params(dict(gc_args, client_id=None, client_secret=None), access_token=token + "\n"))
    assert client.find_role("nothing") is None
    sim.fault(method="GET", path=ROLES + "$", status=403, body={"message": "token %r has no scope" % (token + "\n")})
    with pytest.raises(ApiError) as err:
        client.find_role("nothing")
    assert token not in str(err.value) and "has no scope" in str(err.value)


def test_gax_session_cookie_is_masked_from_the_moment_it_arrives(sim, gax_args):
    gax = GaxClient.from_params(dict(gax_args, validate_certs=True, ca_path=None, timeout=5, retries=0,
                                     settle_timeout=0))
    gax.auth.login()
    cookie = next(iter(sim.server.planes["gax"].sessions))
    sim.fault(method="GET", status=400, body={"message": "bad request for JSESSIONID=%s" % cookie})
    with pytest.raises(ApiError) as err:
        gax.find_object("CfgTransaction", "NexusServices")
    assert cookie not in str(err.value) and "JSESSIONID=********" in str(err.value)


def test_gax_password_with_trailing_whitespace_is_refused_before_any_request(sim, gax_args):
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, gax_password=gax_args["gax_password"] + "\n",
                                                       name="S1", channel_id="55501", endpoint="SMS_Main"))
    assert not ok and result["msg"].startswith("gax_password has leading or trailing whitespace")
    assert sim.journal() == []


# --- 7. names ending in a newline -------------------------------------------------------------

@pytest.mark.parametrize("value", ["SMS\n", "SMS\r\n", "\nSMS", "SMS ", "S/MS", ".."])
def test_names_are_matched_whole(value):
    with pytest.raises(InputError):
        validate_name(value, "name")


@pytest.mark.parametrize("module, task", [
    (nexus_service, {"name": "SMS\n"}),
    (nexus_sender_id, {"name": "S1\n", "channel_id": "55501", "endpoint": "SMS_Main"}),
    (nexus_sender_id, {"name": "S1", "channel_id": "55501", "endpoint": "SMS_Main\n"}),
    (nexus_services_options, {"section": "chat.S1\n", "options": {"a": "b"}}),
])
def test_a_trailing_newline_fails_before_any_request(sim, nexus_args, gax_args, module, task):
    args = dict(gax_args if module is not nexus_service else nexus_args, **task)
    ok, result = run_module(module.main, args)
    assert not ok and "\\n" in result["msg"]
    assert sim.journal() == []


# --- 8. errors that keep their facts ----------------------------------------------------------

@pytest.fixture(scope="module")
def tls_server():
    """An HTTPS server on 127.0.0.1 with a self-signed certificate made for this test run."""
    # pylint: disable=import-outside-toplevel
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    folder = tempfile.mkdtemp()
    cert_file, key_file = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    with open(cert_file, "wb") as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "https://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()


def test_tls_failure_says_why_and_where(tls_server, sleeps):
    transport = Transport(tls_server, retries=2)
    with pytest.raises(ApiError) as err:
        transport.request("GET", "/x")
    port = tls_server.rsplit(":", 1)[1]
    assert str(err.value) == ("GET /x failed: connection failed: TLS with 127.0.0.1:%s failed: certificate verify "
                              "failed: self-signed certificate" % port)
    assert sleeps == []  # a certificate does not get better by asking again


def test_read_timeout_names_host_and_timeout(sim, sleeps):
    sim.fault(method="GET", delay=1.5, times=1)
    transport = Transport(sim.url, auth=HeaderAuth({"x-api-key": DEFAULT_API_KEY, "x-ccid": CCID}), timeout=1, retries=0)
    with pytest.raises(ApiError) as err:
        transport.request("GET", SMS)
    assert str(err.value) == ("GET %s failed: connection failed: %s did not answer within 1 s (timed out; the whole answer "
                              "must arrive within timeout)") % (
        SMS, sim.url.split("//")[1])


def test_missing_ca_path_is_an_input_error_before_any_request(sim, nexus_args):
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", ca_path="/nonexistent/ca.pem"))
    assert not ok
    assert result["msg"] == ("ca_path /nonexistent/ca.pem does not exist; give a CA bundle file or a directory of CA "
                             "certificates")
    assert "exception" not in result and sim.journal() == []


def test_failed_listing_after_an_order_says_an_order_was_sent(sim, gc_args, sleeps):
    client = GcClient.from_params(gc_params(gc_args))
    sim.fault(method="POST", path=TF + "$", action="drop_after_commit", times=1)
    sim.fault(method="GET", path=TF + "$", status=500, body={"message": "listing down"}, times=-1)
    entry = {"tollfreeNumber": "18445550100", "moUrl": "https://d.example.com/m", "drUrl": "https://d.example.com/r",
             "webhookUsername": CCID, "webhookPassword": "cluster-key-0123456789"}
    with pytest.raises(ApiError) as err:
        client.order_tollfree([entry])
    assert "an order for 18445550100 was sent and its outcome is unknown; listing the numbers then failed" in str(err.value)
    assert "HTTP 500: listing down" in str(err.value)
    assert "Do not order by hand" in str(err.value)


# --- 10. secrets lost with a create's answer ------------------------------------------------------

def test_oauth_client_created_without_its_answer_says_how_to_rotate(sim, gc_args, sleeps):
    ok, result = run_module(gc_role.main, dict(gc_args, name="Nexus Messaging"))
    assert ok
    sim.fault(method="POST", path=CLIENTS + "$", action="drop_after_commit", times=1)
    ok, result = run_module(gc_oauth_client.main, dict(gc_args, name="Nexus Messaging Integration",
                                                       roles=["Nexus Messaging"]))
    assert not ok
    assert "OAuth client 'Nexus Messaging Integration' was created (id " in result["msg"]
    assert "its secret was only in that answer and cannot be read back; regenerate the secret" in result["msg"]
    assert len([e for e in sim.journal() if e["method"] == "POST" and e["path"] == CLIENTS]) == 1
    assert len(sim.state("gc")["oauth_clients"]) == 1


# --- answers without the fields the modules rely on (the preflight's response-shape probe) ----------

def test_a_renamed_service_field_is_named(sim, nexus_args):
    run_module(nexus_service.main, dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    sim.fault(method="GET", path="/SMS$", action="rewrite", body={"unset": ["data"], "set": {"settings": {}}})
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="SMS", data={"provider": "mGage"}))
    assert not ok
    assert result["msg"] == ("GET %s: refusing the server's answer: service SMS has no usable data "
                             "(fields present: secret, settings, url)" % SMS)


def test_a_renamed_number_field_is_named(sim, gc_args):
    client = GcClient.from_params(gc_params(gc_args))
    sim.server.planes["gc"].owned["18445550100"] = {"tollfreeNumber": "18445550100", "status": "Active"}
    sim.fault(method="GET", path=TF + "$", action="rewrite",
              body={"unset_each": ["tollfreeNumber"], "each": {"number": "18445550100"}})
    with pytest.raises(UntrustedResponseError) as err:
        client.list_tollfree()
    assert "a number entry has no usable tollfreeNumber or phoneNumber (fields present: number, status)" in str(err.value)


def test_a_token_answer_without_access_token_is_named(sim, gc_args):
    sim.fault(method="POST", path="/oauth/token", action="rewrite", body={"unset": ["access_token"], "set": {"token": "x"}})
    with pytest.raises(UntrustedResponseError, match="the token response has no usable access_token"):
        GcClient.from_params(gc_params(gc_args)).auth.fetch()


def test_role_and_client_listings_need_id_and_name(sim, gc_args):
    client = GcClient.from_params(gc_params(gc_args))
    client.create_role({"name": "A", "description": "", "permissionPolicies": []})
    sim.fault(method="GET", path=ROLES + "$", action="rewrite", body={"unset_each": ["id"], "each": {"roleId": "x"}})
    with pytest.raises(UntrustedResponseError, match="a role has no usable id"):
        client.find_role("A")

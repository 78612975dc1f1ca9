# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One scrub for everything shown (issue 19): every form of every secret, in values the server sends back."""

from __future__ import annotations

import base64
import html
import json
import random
import re
from urllib.parse import quote

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils import _secrets
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import MASK, Revealed, Secrets
from ansible_collections.cxops.digital_channels.plugins.modules import (
    gc_oauth_token,
    gc_role,
    gc_tollfree_number_info,
    nexus_sender_id,
    nexus_service,
    nexus_services_info,
)
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

SECRET = "Pa&ss<w>0rd/With+Odd Chars"
FORMS = {
    "raw": SECRET,
    "html": html.escape(SECRET),
    "html without quotes": html.escape(SECRET, quote=False),
    "url": quote(SECRET, safe=""),
    "json": json.dumps(SECRET)[1:-1],
    "base64": base64.b64encode(SECRET.encode()).decode(),
    "base64 url-safe": base64.urlsafe_b64encode(SECRET.encode()).decode(),
    "base64 inside a Basic token": base64.b64encode(b"some-user:" + SECRET.encode()).decode(),
    "lower-cased": SECRET.lower(),
    "upper-cased url": quote(SECRET, safe="").upper(),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_form_of_a_secret_is_masked(form):
    text = "the server said: <%s> (done)" % FORMS[form]
    masked = Secrets([SECRET]).scrub(text)
    assert FORMS[form] not in masked
    assert masked.startswith("the server said: <") and masked.endswith("> (done)")
    left = masked[len("the server said: <"):-len("> (done)")]
    if form == "base64 inside a Basic token":
        # The user name before the secret stays readable; of the secret, at most the 2 bytes of a partial group.
        head = left.split(MASK)[0]
        assert base64.b64decode(head[:len(head) // 4 * 4]).startswith(b"some-user:")
        assert len(base64.b64decode(head[:len(head) // 4 * 4])) <= len(b"some-user:") + 2
    else:
        assert left == MASK


def test_scrub_data_masks_keys_and_values_and_keeps_revealed_leaves():
    secrets = Secrets(["tok-123456789"])
    data = {"id": "tok-123456789", "tok-123456789": ["x tok-123456789 y"], "kept": Revealed("tok-123456789"),
            "n": 3, "none": None, "flag": True}
    assert secrets.scrub_data(data) == {"id": MASK, MASK: ["x %s y" % MASK], "kept": "tok-123456789",
                                        "n": 3, "none": None, "flag": True}
    assert type(secrets.scrub_data(data)["kept"]) is str  # pylint: disable=unidiomatic-typecheck


def test_scrub_data_returns_data_without_a_secret_as_it_is():
    data = {"a": ["b", {"c": "d"}]}
    assert Secrets(["tok-123456789"]).scrub_data(data) is data


def test_quoted_values_are_masked_quoted_and_cut():
    secrets = Secrets(["tok-123456789"])
    assert secrets.quoted("tok-123456789") == "'%s'" % MASK
    long = secrets.quoted("x" * 100000)
    assert len(long) < 260 and long.endswith("... (100002 characters)")


def _alternation(secrets, text):
    """The scrub as a regular expression would do it: the reference the str.find scrub must match."""
    ordered = sorted({f for v in secrets for f in _secrets.forms(v)}, key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in ordered), re.IGNORECASE).sub(MASK, text)


def test_the_scrub_matches_an_alternation_of_the_forms_leftmost_then_longest():
    rand = random.Random(23)
    values = ["abab", "ab-ab-ab", "Tok3n/with+odd=", "B" * 12]
    alphabet = "abAB-/+=%3Tok3nwithodd "
    texts = ["xx abab-ab-ab-ab ABAB tok3n%2Fwith%2Bodd%3D " + "b" * 30]
    texts += ["".join(rand.choice(alphabet) for dummy in range(rand.randrange(1, 120))) + rand.choice(values)
              for dummy in range(300)]
    secrets = Secrets(values)
    for text in texts:
        assert secrets.scrub(text) == _alternation(values, text), text


def test_a_letter_that_lower_case_makes_two_of_still_lets_the_secret_be_found():
    # "\u0130".lower() is two characters: the positions found in the folded text must still fit the text.
    secrets = Secrets(["s3cret-v\u0130lue", "tok-123456789"])
    assert secrets.scrub("\u0130\u0130 tok-123456789 and S3CRET-V\u0130LUE \u0130") == \
        "\u0130\u0130 %s and %s \u0130" % (MASK, MASK)


def test_a_secret_of_64_kb_is_masked_in_a_message_that_holds_it_twice():
    big = "k" * 30000 + "9" * 35536
    secrets = Secrets([big])
    assert secrets.scrub("a %s b %s" % (big.upper(), quote(big))) == "a %s b %s" % (MASK, MASK)
    assert secrets.scrub_data({"msg": base64.b64encode(big.encode()).decode()}) == {"msg": MASK}


def test_tasks_do_not_share_secrets():
    with _secrets.collecting(["first-task-secret"]) as first:
        assert _secrets.active() is first
        with _secrets.collecting() as second:
            assert _secrets.active() is second and "first-task-secret" not in second
    assert _secrets.active() is not first


# --- through the modules: values the server sends back -----------------------------------------

def assert_not_shown(result, *values):
    text = json.dumps(result)
    for value in values:
        for form in _secrets.forms(value):
            assert form.lower() not in text.lower(), (form, text)


def test_the_session_cookie_echoed_as_a_dbid_is_masked(sim, gax_args):
    sim.fault(method="GET", path="/gax/api/cfg/objects", action="rewrite", body={"each": {"dbid": "{cookie}"}})
    ok, result = run_module(nexus_services_info.main, dict(gax_args))
    assert not ok and "is not an id of the expected form" in result["msg"], result
    cookie = sim.state("gax")["sessions"][0]
    assert_not_shown(result, cookie)
    assert MASK in result["msg"]


@pytest.mark.parametrize("link", ["https://{bearer}.evil.example/x", "/api/v2/authorization/roles/{bearer}?pageNumber=2",
                                  "//127.0.0.2/x?access_token={bearer}"])
def test_a_token_in_a_next_uri_is_masked(sim, gc_args, link):
    run_module(gc_role.main, dict(gc_args, name="Nexus Messaging A", permissions=["messaging:*:*"]))
    sim.fault(method="GET", path="/api/v2/authorization/roles$", action="rewrite",
              body={"set": {"nextUri": link, "pageCount": 5}})
    sim.fault(method="GET", path="/api/v2/authorization/roles/", action="rewrite", body={"set": {"id": "{bearer}"}})
    sim.clear()
    ok, result = run_module(gc_role.main, dict(gc_args, name="Nexus Messaging", permissions=["messaging:*:*"]))
    tokens = [e["headers"]["authorization"].split(" ", 1)[1] for e in sim.journal()
              if e["headers"].get("authorization", "").startswith("Bearer ")]
    assert not ok and tokens, result
    assert_not_shown(result, *tokens)
    if link.startswith("https://{bearer}"):
        assert "the server sent a link to %s.evil.example:443" % MASK in result["msg"]


def test_gc_role_in_check_mode_masks_a_server_id_equal_to_the_token(sim, gc_args):
    run_module(gc_role.main, dict(gc_args, name="Nexus Messaging", permissions=["messaging:*:*"]))
    sim.fault(method="GET", path="/api/v2/authorization/roles", action="rewrite", body={"each": {"id": "{bearer}"}})
    sim.clear()
    ok, result = run_module(gc_role.main, dict(gc_args, name="Nexus Messaging", permissions=["messaging:*:*", "x:y:z"]),
                            check_mode=True)
    token = [e["headers"]["authorization"].split(" ", 1)[1] for e in sim.journal() if e["path"].startswith("/api/")][0]
    assert_not_shown(result, token)


@pytest.mark.parametrize("encode", [html.escape, lambda v: base64.b64encode(v.encode()).decode(), str.lower])
def test_a_service_secret_echoed_encoded_in_an_error_is_masked(sim, nexus_args, encode):
    password = "K&leyra<Pass>word-2026"
    sim.fault(method="POST", status=400, body={"message": "rejected secret %s" % encode(password)})
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="mGageSMS", url="http://directtext.mgage.com",
                                                     secret={"username": "acme", "password": password}))
    assert not ok and "rejected secret " + MASK in result["msg"], result
    assert_not_shown(result, password)


def test_the_token_a_module_returns_on_purpose_is_kept(sim, gc_args):
    ok, result = run_module(gc_oauth_token.main, dict(gc_args))
    assert ok and result["access_token"] and MASK not in result["access_token"]
    issued = sim.state("gc")["tokens"]
    assert result["access_token"] in issued


def test_a_secret_echoed_in_a_listing_value_is_masked(sim, gc_args):
    sim.fault(method="GET", path="/tollfreenumbers", action="rewrite",
              body={"set": {"entities": [{"tollfreeNumber": "18445550100", "comment": "token {bearer}"}]}})
    ok, result = run_module(gc_tollfree_number_info.main, dict(gc_args))
    tokens = sim.state("gc")["tokens"]
    assert ok, result
    assert_not_shown(result, *tokens)


def test_a_gax_password_echoed_html_escaped_in_a_put_error_is_masked(sim, gax_args):
    password = "gax&pass<word>"
    sim.configure("gax", users={gax_args["gax_username"]: password})
    sim.fault(method="PUT", status=400, body={"message": "bad object from %s" % html.escape(password)})
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, gax_password=password, name="SMS_Main",
                                                       channel_id="12345", endpoint="Main"))
    assert not ok and "bad object from " + MASK in result["msg"], result
    assert_not_shown(result, password)

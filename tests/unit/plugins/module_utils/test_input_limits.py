# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Control characters and oversized values are refused before any request, with short messages (issue 19)."""

from __future__ import annotations

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    MAX_NAME,
    MAX_SECTION,
    MAX_VALUE,
    check_strings,
    check_text,
)
from ansible_collections.cxops.digital_channels.plugins.modules import (
    gc_oauth_client,
    gc_role,
    nexus_sender_id,
    nexus_service,
    nexus_services_options,
)
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

MEGABYTE = "v" * (1024 * 1024)
SENDER = {"name": "SMS_Main", "channel_id": "12345", "endpoint": "Main"}


# AnsibleModule (the module path) logs its string arguments to syslog before the module runs and fails on a NUL
# with this message; in-process (tests/unit/plugins/action) the module's own message comes. Either way no request.
SYSLOG = "Failed to log to syslog (embedded null character)"


def refused(sim, main, args, expected, module_path_message=None):
    ok, result = run_module(main, args)
    assert not ok, result
    assert expected in result["msg"] or (module_path_message and module_path_message in result["msg"]), result["msg"]
    assert len(result["msg"]) < 400, len(result["msg"])
    assert "\n" not in result["msg"]
    assert sim.journal() == []


@pytest.mark.parametrize("override, expected", [
    ({"name": "S" * 100000}, "name is 100000 characters long; at most %d are allowed" % MAX_NAME),
    ({"data": {"provider": "mGage\x00x"}}, "data.provider holds the control character \\x00 at position 5"),
    ({"data": {"provider": MEGABYTE}}, "data.provider is 1048576 characters long; at most %d" % MAX_VALUE),
    ({"data": {"channels": [{"channelId": "1\x1b"}]}}, "data.channels[0].channelId holds the control character \\x1b"),
    ({"secret": {"username": "acme", "password": "pa\x00ss"}}, "secret.password holds the control character \\x00"),
    ({"secret": {"password": "s3cr3t-pass\n"}}, "secret.password holds the control character \\n at position 11"),
    ({"url": "http://directtext.mgage.com/" + "a" * 5000}, "url is 5028 characters long; at most 2048"),
    ({"data": {"bad\x00key": "x"}}, "a key of data holds the control character \\x00"),
])
def test_nexus_service_refuses_before_any_request(sim, nexus_args, override, expected):
    refused(sim, nexus_service.main, dict(dict(nexus_args, name="SMS"), **override), expected)


@pytest.mark.parametrize("override, expected", [
    ({"name": "S" * 100000}, "name is 100005 characters long; at most %d are allowed" % MAX_SECTION),
    ({"options": {"note": MEGABYTE}}, "options.note is 1048576 characters long; at most %d" % MAX_VALUE),
    ({"options": {"note": "a\x00b"}}, "options.note holds the control character \\x00 at position 1"),
    ({"endpoint": "E" * 300}, "endpoint is 305 characters long"),
])
def test_nexus_sender_id_refuses_before_any_request(sim, gax_args, override, expected):
    refused(sim, nexus_sender_id.main, dict(gax_args, **dict(SENDER, **override)), expected)


@pytest.mark.parametrize("override, expected", [
    ({"options": {"header:X-Token": "a\x00b"}}, "options.header:X-Token holds the control character \\x00"),
    ({"secret_options": {"header:X-Token": "t\x7f"}}, "secret_options.header:X-Token holds the control character \\x7f"),
    ({"section": "Async." + "a" * 300}, "section is 306 characters long; at most %d" % MAX_SECTION),
    ({"options": {"k" * 300: "v"}}, "option name is 300 characters long"),
])
def test_nexus_services_options_refuses_before_any_request(sim, gax_args, override, expected):
    args = dict(gax_args, section="Async", options={"header:X-Tenant": "acme"})
    refused(sim, nexus_services_options.main, dict(args, **override), expected)


def test_a_secret_with_nul_is_not_echoed(sim, nexus_args):
    ok, result = run_module(nexus_service.main, dict(nexus_args, name="mGageSMS", secret={"password": "hunter2\x00rest"}))
    assert not ok and "hunter2" not in result["msg"] and sim.journal() == []


@pytest.mark.parametrize("main, args", [
    (gc_role.main, {"name": "Nexus Messaging", "permissions": ["messaging:*:*"], "description": "a\x00b"}),
    (gc_oauth_client.main, {"name": "Nexus Messaging Integration", "roles": ["Nexus Messaging"], "description": "\x00"}),
])
def test_descriptions_refuse_nul_but_keep_line_breaks(sim, gc_args, main, args):
    refused(sim, main, dict(gc_args, **args), "description holds the control character \\x00", SYSLOG)


def test_gax_password_with_nul_is_refused_without_a_request(sim, gax_args):
    refused(sim, nexus_sender_id.main, dict(gax_args, gax_password="pass\x00word", **SENDER),
            "gax_password must be a non-empty value on one line without control characters")


def test_long_values_in_messages_are_cut():
    with pytest.raises(InputError) as err:
        check_strings({"a": [{"b": "x\x00" + "y" * 100000}]}, "data")
    assert str(err.value) == "data.a[0].b holds the control character \\x00 at position 1; remove it"
    with pytest.raises(InputError) as err:
        check_text("z" * 5000, "comment", 500)
    assert str(err.value) == "comment is 5000 characters long; at most 500 are allowed (docs/decisions.md, input limits)"


def test_text_with_lines_allows_tabs_and_line_breaks():
    assert check_text("one\n\ttwo\r\n", "description", lines=True) == "one\n\ttwo\r\n"
    with pytest.raises(InputError):
        check_text("one\ntwo", "value")

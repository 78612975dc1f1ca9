# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The roles' connection options have one source and agree with the modules' options.

Copies of the sms role's connection options in the other roles must be identical to it (make role-specs
rewrites them), and each role variable the connection dicts of roles/sms/defaults/main.yml hand to a
module option must have that option's type in every role spec that declares it.
"""

from __future__ import annotations

import importlib.util
import os
import re

import pytest
import yaml

from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GAX_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus import NEXUS_KEYS_OPTIONS, NEXUS_OPTIONS

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
ROLES = sorted(r for r in os.listdir(os.path.join(ROOT, "roles"))
               if os.path.exists(os.path.join(ROOT, "roles", r, "meta", "argument_specs.yml")))
# The connection dict of roles/sms/defaults/main.yml and the module options it fills.
CONNECTIONS = {"sms_nexus_connection": NEXUS_OPTIONS, "sms_gax_connection": GAX_OPTIONS,
               "sms_gauth_connection": NEXUS_KEYS_OPTIONS}
PAIR = re.compile(r"'(\w+)': (\w+) \| default\(omit\)")


def _role_specs_tool():
    spec = importlib.util.spec_from_file_location("role_specs", os.path.join(ROOT, ".ci", "role_specs.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _options(role):
    with open(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["argument_specs"]["main"]["options"]


def _connection_pairs():
    with open(os.path.join(ROOT, "roles", "sms", "defaults", "main.yml"), encoding="utf-8") as handle:
        defaults = yaml.safe_load(handle)
    for name, table in CONNECTIONS.items():
        pairs = PAIR.findall(defaults[name])
        assert pairs, name
        for option, variable in pairs:
            yield name, table, option, variable


def test_copies_of_the_connection_options_are_their_source():
    tool = _role_specs_tool()
    shared = tool.connection_options(ROOT)
    assert {"nexus_url", "nexus_api_key", "gax_url", "gax_password"} <= set(shared)
    for role in ROLES:
        with open(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml"), encoding="utf-8") as handle:
            _new, differed = tool.synced(handle.read(), shared)
        assert differed == [], "roles/%s: %s differ from roles/sms (run make role-specs)" % (role, differed)


def test_the_tool_finds_a_copy_that_drifted():
    tool = _role_specs_tool()
    shared = {"nexus_url": "      nexus_url:\n        description: Digital Channels URL.\n        type: str\n"}
    drifted = "    options:\n      nexus_url:\n        description: Old words.\n        type: str\n      ccid:\n        type: str\n"
    new, differed = tool.synced(drifted, shared)
    assert differed == ["nexus_url"]
    assert "Old words" not in new and "Digital Channels URL." in new and "      ccid:\n" in new


@pytest.mark.parametrize("role", ROLES)
def test_role_connection_variables_have_the_module_option_type(role):
    options = _options(role)
    checked = 0
    for connection, table, option, variable in _connection_pairs():
        assert option in table, "%s hands %s, which no module of its plane takes" % (connection, option)
        if variable in options:
            assert options[variable].get("type", "str") == table[option]["type"], (role, variable, option)
            checked += 1
    assert checked >= 4, role

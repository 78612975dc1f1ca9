# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The AWX credential types inject exactly environment variables the modules read."""

from __future__ import annotations

import os

import pytest
import yaml

from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GAX_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GC_OPTIONS
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus import NEXUS_KEYS_OPTIONS, NEXUS_OPTIONS

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = os.path.join(HERE, "..", "..", "extensions", "awx", "credential_types")


@pytest.mark.parametrize("name, table", [("nexus", NEXUS_OPTIONS), ("genesys_cloud", GC_OPTIONS), ("gax", GAX_OPTIONS),
                                         ("gws_auth", NEXUS_KEYS_OPTIONS)])
def test_injected_variables_are_read_by_the_plane(name, table):
    with open(os.path.join(TYPES, name + ".yml"), encoding="utf-8") as handle:
        credential_type = yaml.safe_load(handle)
    env = {entry["env"]: option for option, entry in table.items() if entry.get("env")}
    injected = credential_type["injectors"]["env"]
    assert set(injected) <= set(env), set(injected) - set(env)
    fields = {field["id"]: field for field in credential_type["inputs"]["fields"]}
    for variable, template in injected.items():
        field = template.strip("{} ")
        assert field in fields, (variable, template)
        # A secret option must come from a secret field.
        assert fields[field].get("secret", False) == table[env[variable]].get("no_log", False), variable
    assert set(credential_type["inputs"]["required"]) <= set(fields)

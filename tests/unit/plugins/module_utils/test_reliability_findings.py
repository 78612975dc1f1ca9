# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Defects the reliability matrix (make reliability) found, one test each, each failing before its fix."""

from __future__ import annotations

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import ApiError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GcClient

ROLES = "/api/v2/authorization/roles"


def gc_params(gc_args, **extra):
    return dict(gc_args, region=None, access_token=None, validate_certs=True, ca_path=None, timeout=5, retries=0,
                settle_timeout=0, **extra)


def test_a_token_from_the_client_credentials_grant_is_scrubbed_from_api_errors(sim, gc_args):
    """The API transport kept a copy of the secrets taken before the login fetched a token."""
    client = GcClient.from_params(gc_params(gc_args))
    token = client.auth.fetch()["access_token"]
    sim.fault(method="GET", path=ROLES + "$", status=500, echo=True)
    with pytest.raises(ApiError) as err:
        client.find_role("Nexus Messaging")
    assert "authorization: Bearer ********" in str(err.value)
    assert token not in str(err.value)

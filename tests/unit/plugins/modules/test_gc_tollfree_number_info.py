# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.cxops.digital_channels.plugins.modules import gc_tollfree_number_info
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module


def own(sim, *numbers):
    for n in numbers:
        sim.server.planes["gc"].owned[n] = {
            "tollfreeNumber": n, "moUrl": "https://d/m", "drUrl": "https://d/r", "webhookUsername": CCID,
            "webhookPassword": "hidden-password-1", "status": "Active",
        }


def test_owned_numbers_in_one_listing(sim, gc_args):
    """The owned-numbers operation takes no paging parameters: one GET, even with a small page size elsewhere."""
    sim.configure("gc", page_size=2)
    own(sim, "18445550102", "18445550100", "18445550101")
    ok, result = run_module(gc_tollfree_number_info.main, gc_args)
    assert ok and result["changed"] is False
    assert [n["number"] for n in result["numbers"]] == ["+18445550100", "+18445550101", "+18445550102"]
    assert result["numbers"][0] == {"number": "+18445550100", "listed_as": "18445550100", "status": "Active", "mo_url": "https://d/m",
                                    "dr_url": "https://d/r", "webhook_username": CCID, "comment": None,
                                    "email_address": None}
    assert "hidden-password-1" not in str(result)
    assert sim.writes() == []
    assert [e["method"] for e in sim.journal() if e["path"].endswith("tollfreenumbers")] == ["GET"]


def test_available_numbers(sim, gc_args):
    ok, result = run_module(gc_tollfree_number_info.main, dict(gc_args, available=True, number_of_results=3), check_mode=True)
    assert ok and result["numbers"] == [{"number": "+1844555010%d" % i, "listed_as": "1844555010%d" % i} for i in range(3)]
    assert sim.journal()[-1]["query"] == {"numberOfResults": "3"}


def test_vanity_search(sim, gc_args):
    ok, result = run_module(gc_tollfree_number_info.main, dict(gc_args, available=True, vanity="0115"))
    assert ok and [n["number"] for n in result["numbers"]] == ["+18445550115", "+18885550115"]


@pytest.mark.parametrize("override, message", [
    ({"number_of_results": 0}, "number_of_results must be between 1 and 100, got 0"),
    ({"number_of_results": 101}, "number_of_results must be between 1 and 100, got 101"),
    ({"vanity": "ab"}, "vanity must be 4 to 7 letters or digits, got 'ab'"),
])
def test_bad_input(sim, gc_args, override, message):
    ok, result = run_module(gc_tollfree_number_info.main, dict(gc_args, available=True, **override))
    assert not ok and result["msg"] == message
    assert sim.journal() == []

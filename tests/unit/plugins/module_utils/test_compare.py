# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._compare import (
    DIFFERENT,
    EQUAL,
    UNKNOWN,
    compare_hidden,
    has_hidden,
    is_hidden,
    leaves,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import mask

ASYNC_SECRET = {"channels": [{"channelId": "16504661149", "webhook": {"secret": "w"}, "api": {"secret": "a"}}]}


def test_mask_keeps_shape_and_hides_every_leaf():
    assert mask(ASYNC_SECRET) == {
        "channels": [{"channelId": "********", "webhook": {"secret": "********"}, "api": {"secret": "********"}}]
    }
    assert mask({}) == {}
    assert mask({"n": 5, "b": True, "z": None}, "x") == {"n": "x", "b": "x", "z": "x"}


@pytest.mark.parametrize("value, hidden", [
    ("********", True), ("*", True), (None, True), ("", False), ("a*", False), (0, False), ("secret", False),
])
def test_is_hidden(value, hidden):
    assert is_hidden(value) is hidden


def test_has_hidden():
    assert has_hidden(mask(ASYNC_SECRET))
    assert not has_hidden(ASYNC_SECRET)
    assert not has_hidden({})


@pytest.mark.parametrize("desired, current, verdict", [
    ({}, {}, EQUAL),
    ({"u": "a", "p": "b"}, {"u": "a", "p": "b"}, EQUAL),
    ({"u": "a", "p": "b"}, {"u": "a", "p": "c"}, DIFFERENT),
    ({"u": "a", "p": "b"}, {"u": "********", "p": "********"}, UNKNOWN),
    ({"u": "a", "p": "b"}, {"u": "z", "p": "********"}, DIFFERENT),
    ({"u": "a", "p": "b"}, {"u": "a", "p": "********"}, UNKNOWN),
    ({"u": "a", "p": "b"}, {"u": "********"}, DIFFERENT),
    ({"u": "a"}, {}, DIFFERENT),
    (ASYNC_SECRET, mask(ASYNC_SECRET), UNKNOWN),
    ({"channels": ASYNC_SECRET["channels"] * 2}, mask(ASYNC_SECRET), DIFFERENT),
    ({"x": {"y": 1}}, {"x": "********"}, DIFFERENT),
    ({"x": [1]}, {"x": {"0": 1}}, DIFFERENT),
])
def test_compare_hidden(desired, current, verdict):
    assert compare_hidden(desired, current) == verdict


def test_leaves_yields_strings_only():
    assert sorted(leaves({"a": ["x", {"b": "y"}], "n": 3, "z": None})) == ["x", "y"]

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures for the SDK tests (make sdk): a freshly started simulator process and an SDK client pointed at it.

These run only in the throwaway .venv-sdk that holds the vendor's SDK (tests/sdk/requirements.txt),
never under ansible-test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(TESTS)
sys.path.insert(0, TESTS)  # the simulator package, standard library only

# The SDK reads ~/.genesyscloudpython/config and watches its directory: give it an empty home.
os.environ["HOME"] = tempfile.mkdtemp(prefix="sdk-home-")


def control(url, method, path, body=None):
    """The simulator's control API (not journaled)."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url + "/_sim" + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:  # nosec: loopback test double
        raw = response.read()
    return json.loads(raw) if raw else None


@pytest.fixture(scope="session")
def sim_url():
    """A simulator started as its own process (python -m simulator), as integration targets run it."""
    folder = tempfile.mkdtemp(prefix="sdk-sim-")
    url_file = os.path.join(folder, "url")
    env = dict(os.environ, PYTHONPATH=TESTS)
    with open(os.path.join(folder, "log"), "w", encoding="utf-8") as log:
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, "-m", "simulator", "--url-file", url_file], cwd=TESTS, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while not os.path.exists(url_file):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the simulator did not start; see %s" % os.path.join(folder, "log"))
            time.sleep(0.05)
        with open(url_file, encoding="utf-8") as handle:
            yield handle.read().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture()
def sim(sim_url):
    """The simulator's URL, its state reset for this test."""
    control(sim_url, "POST", "/reset")
    return sim_url

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""No run reports success while a section it wrote is missing (issue 19).

Two writers of one NexusServices whose PUT takes 0.5 s to land: the second reads before the
first landed, so its whole-object PUT drops the first one's section. On one machine the lock
makes them go one after the other; across machines the verification after a settle window
finds the loss and re-applies it.
"""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils import _lock
from ansible_collections.cxops.digital_channels.plugins.module_utils._gax import GaxClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import endpoint_key
from ansible_collections.cxops.digital_channels.plugins.module_utils._lock import exclusive
from ansible_collections.cxops.digital_channels.plugins.module_utils._nexus_services import NexusServices
from ansible_collections.cxops.digital_channels.plugins.modules import nexus_sender_id, nexus_services_options
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

# The writers are forked from the test process, where the in-process simulator serves from threads; they only send HTTP.
pytestmark = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded, use of fork")


def sender(name, number):
    return {"name": name, "channel_id": number, "endpoint": "Main"}


def _write_in_a_process(gax_args, item, lock_dir, start_after, results):
    os.environ["CXOPS_LOCK_DIR"] = lock_dir
    time.sleep(start_after)
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, **item))
    results.put((item["name"], ok, result.get("msg")))


def two_writers(sim, gax_args, tmp_path, shared_lock):
    """A writes chat.A at once, B writes chat.B 0.1 s later; every PUT lands 0.5 s after it arrives."""
    sim.fault(method="PUT", delay=0.5, times=-1)
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    dirs = [str(tmp_path / "lock")] * 2 if shared_lock else [str(tmp_path / "a"), str(tmp_path / "b")]
    writers = [context.Process(target=_write_in_a_process, args=(gax_args, sender("A", "11111"), dirs[0], 0, results)),
               context.Process(target=_write_in_a_process, args=(gax_args, sender("B", "22222"), dirs[1], 0.1, results))]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(30)
    reports = sorted(results.get(timeout=5) for dummy in writers)
    return reports, set(sim.server.planes["gax"].sections())


def test_without_a_shared_lock_a_whole_object_put_loses_the_other_writers_section(sim, gax_args, tmp_path):
    """The defect the lock and the verification exist for: both writers succeed, one section is gone."""
    reports, present = two_writers(sim, gax_args, tmp_path, shared_lock=False)
    assert [(name, ok) for name, ok, dummy in reports] == [("A", True), ("B", True)]
    assert present == {"chat.B"}


def test_writers_sharing_the_lock_go_one_after_the_other(sim, gax_args, tmp_path):
    reports, present = two_writers(sim, gax_args, tmp_path, shared_lock=True)
    assert [(name, ok) for name, ok, dummy in reports] == [("A", True), ("B", True)]
    assert present == {"chat.A", "chat.B"}
    puts = [e for e in sim.journal() if e["method"] == "PUT"]
    reads_of_b = [e for e in sim.journal() if e["method"] == "GET" and e["seq"] > puts[0]["seq"]]
    assert len(puts) == 2 and reads_of_b  # B read again after A's PUT had landed


def test_the_lock_is_one_per_endpoint_however_it_is_spelled(sim, gax_args):
    spellings = [sim.url, sim.url + "/", sim.url.replace("127.0.0.1", "127.0.0.1").upper().replace("HTTP", "http")]
    keys = {NexusServices(GaxClient.from_params(dict(gax_args, gax_url=url, validate_certs=True, ca_path=None,
                                                     timeout=5, retries=0))).lock_key for url in spellings}
    assert len(keys) == 1
    assert endpoint_key("https://GAX.example.com:443/tenants/acme/") == "https://gax.example.com/tenants/acme"
    assert endpoint_key("http://gax.example.com:8080") == "http://gax.example.com:8080"


def test_a_writer_that_holds_the_lock_too_long_fails_the_task_clearly(sim, gax_args):
    key = NexusServices(GaxClient.from_params(dict(gax_args, validate_certs=True, ca_path=None, timeout=5,
                                                   retries=0))).lock_key
    with exclusive(key, "test", 1):
        started = time.monotonic()
        ok, result = run_module(nexus_sender_id.main, dict(gax_args, lock_timeout=1, **sender("A", "11111")))
    assert not ok and time.monotonic() - started < 5
    assert result["msg"].startswith("NexusServices at 127.0.0.1:")
    assert "is being written by process %d since" % os.getpid() in result["msg"] and "waited 1 s (lock_timeout)" in result["msg"]
    assert sim.writes() == []


def test_an_unusable_lock_directory_fails_naming_the_variable(sim, gax_args, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("CXOPS_LOCK_DIR", str(blocker / "locks"))
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, **sender("A", "11111")))
    assert not ok and "cannot use the lock directory" in result["msg"] and "set CXOPS_LOCK_DIR" in result["msg"]
    assert sim.writes() == []


def test_the_lock_directory_defaults_under_the_users_ansible_directory(monkeypatch):
    monkeypatch.delenv("CXOPS_LOCK_DIR")
    assert _lock.lock_directory() == os.path.expanduser("~/.ansible/cxops_digital_channels/locks")


# --- the verification of a write, after a settle window ------------------------------------------

def test_a_verification_that_finds_everything_reads_once_and_changes_nothing(sim, gax_args, sleeps, warnings):
    ok, written = run_module(nexus_sender_id.main, dict(gax_args, **sender("A", "11111")))
    assert ok and written["changed"] and written["written_at"] and written["lost"] == []
    sim.clear()
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, verify_after=written["written_at"], verify_settle=2,
                                                       **sender("A", "11111")))
    assert ok and result["changed"] is False and result["lost"] == [] and result["written_at"] is None
    assert [e["method"] for e in sim.journal()] == ["POST", "GET"] and warnings == []
    assert len(sleeps) == 1 and 1.5 < sleeps[0] <= 2  # the rest of the settle window since the write


def test_a_verification_long_after_the_write_does_not_wait(sim, gax_args, sleeps):
    run_module(nexus_sender_id.main, dict(gax_args, **sender("A", "11111")))
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, verify_after=time.time() - 60, **sender("A", "11111")))
    assert ok and result["changed"] is False and sleeps == []


def test_a_section_lost_to_another_controller_is_reapplied_and_reported(sim, gax_args, sleeps, warnings):
    ok, written = run_module(nexus_sender_id.main, dict(gax_args, **sender("A", "11111")))
    sim.server.planes["gax"].set_sections({"chat.Other": {"channelId": "55555"}})  # a stale whole-object PUT
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, verify_after=written["written_at"], **sender("A", "11111")))
    assert ok and result["changed"] and result["lost"] == ["chat.A"], result
    assert set(sim.server.planes["gax"].sections()) == {"chat.A", "chat.Other"}
    assert warnings == ["NexusServices lost chat.A after this run wrote them: another writer that had read it earlier (on "
                        "another controller or in another execution environment) overwrote it; re-applied and verified"]


def test_a_verification_in_check_mode_reports_the_loss_without_writing(sim, gax_args, sleeps):
    ok, written = run_module(nexus_sender_id.main, dict(gax_args, **sender("A", "11111")))
    sim.server.planes["gax"].set_sections({})
    sim.clear()
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, verify_after=written["written_at"], **sender("A", "11111")),
                            check_mode=True)
    assert ok and result["changed"] and result["lost"] == ["chat.A"] and sim.writes() == []


def test_a_writer_that_keeps_undoing_the_change_fails_the_verification_loudly(sim, gax_args, sleeps):
    ok, written = run_module(nexus_sender_id.main, dict(gax_args, **sender("A", "11111")))
    sim.server.planes["gax"].set_sections({})
    # After every GET that follows our re-application, another controller's stale copy lands.
    sim.configure("gax", concurrent_writes=[{"after": "PUT", "stale": True, "times": -1}])
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, verify_after=written["written_at"], retries=2,
                                                       **sender("A", "11111")))
    assert not ok
    assert result["msg"].startswith("NexusServices was changed by another writer after each of 3 writes") or (
        "NexusServices lost sections chat.A again after each of 3 re-applications" in result["msg"]), result["msg"]
    assert "chat.A" not in sim.server.planes["gax"].sections()


def test_a_late_stale_put_is_caught_by_the_settled_verification(sim, gax_args, sleeps):
    """Our write verifies at once; the other controller's stale PUT lands after that, before the settled read."""
    # GETs of the write: plan, fresh read, verification; the stale copy lands right after the third.
    sim.configure("gax", concurrent_writes=[{"after": "GET", "skip": 2, "remove_sections": ["chat.A"]}])
    ok, written = run_module(nexus_sender_id.main, dict(gax_args, **sender("A", "11111")))
    assert ok and written["changed"]
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, verify_after=written["written_at"], **sender("A", "11111")))
    assert ok and result["lost"] == ["chat.A"] and "chat.A" in sim.server.planes["gax"].sections(), result


def test_verification_leaves_exclusive_removals_to_the_next_run(sim, gax_args, sleeps):
    ok, written = run_module(nexus_sender_id.main, dict(gax_args, exclusive=True, sender_ids=[sender("A", "11111")]))
    sim.server.planes["gax"].set_sections(dict(sim.server.planes["gax"].sections(), **{"chat.New": {"channelId": "33333"}}))
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, exclusive=True, sender_ids=[sender("A", "11111")],
                                                       verify_after=written["written_at"]))
    assert ok and result["changed"] is False and "chat.New" in sim.server.planes["gax"].sections()


def test_nexus_services_options_verifies_the_same_way(sim, gax_args, sleeps, warnings):
    args = dict(gax_args, section="Async", options={"header:X-Tenant": "acme"})
    ok, written = run_module(nexus_services_options.main, args)
    assert ok and written["written_at"]
    sim.server.planes["gax"].set_sections({})
    ok, result = run_module(nexus_services_options.main, dict(args, verify_after=written["written_at"]))
    assert ok and result["lost"] == ["Async"] and sim.server.planes["gax"].sections() == {"Async": {"header:X-Tenant": "acme"}}
    assert len(warnings) == 1


@pytest.mark.parametrize("option, value", [("lock_timeout", -1), ("verify_settle", -0.5)])
def test_negative_waits_are_refused(sim, gax_args, option, value):
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, **dict(sender("A", "11111"), **{option: value})))
    assert not ok and "must be 0 or more seconds" in result["msg"] and sim.journal() == []

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Answers are untrusted in size, time and nesting (issue 19): each test fails on 1.0.0's transport.

A raw socket server sends exactly the bytes a test asks for, at the pace it asks for, so
what is tested is what arrives on the wire, not what a friendly server would send.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import tracemalloc

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils import _http
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import (
    ApiError,
    OutcomeUnknownError,
    UntrustedResponseError,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import MAX_RESPONSE_SIZE, Transport
from ansible_collections.cxops.digital_channels.plugins.modules import nexus_sender_id
from ansible_collections.cxops.digital_channels.tests.simulator.gax import transaction
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module


class RawServer:
    """Answers every connection with ``answer(send)``; ``send`` writes bytes, or returns False once the client left."""

    def __init__(self, answer):
        self.answer = answer
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.requests = 0
        self.client_gone = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, dummy = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        conn.recv(65536)  # the request; its content does not matter here
        self.requests += 1

        def send(data):
            try:
                conn.sendall(data)
                return True
            except OSError:
                self.client_gone.set()
                return False

        try:
            self.answer(send)
        finally:
            conn.close()

    def close(self):
        self.sock.close()


@pytest.fixture()
def raw_server():
    servers = []

    def start(answer):
        server = RawServer(answer)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def head(status=200, length=None, chunked=False, content_type="application/json"):
    lines = ["HTTP/1.1 %d X" % status, "Content-Type: " + content_type]
    if length is not None:
        lines.append("Content-Length: %d" % length)
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def timed(call):
    start = time.monotonic()
    try:
        call()
    except ApiError as exc:
        return exc, time.monotonic() - start
    raise AssertionError("no error")


# --- size ------------------------------------------------------------------------------------------

def test_a_declared_200_mb_answer_is_refused_without_reading_it(raw_server, sleeps):
    def answer(send):
        send(head(length=200 * 1024 * 1024))
        block = b" " * 65536
        while send(block):
            pass

    server = raw_server(answer)
    error, seconds = timed(lambda: Transport(server.url, timeout=5, retries=0).request("GET", "/x"))
    assert isinstance(error, UntrustedResponseError)
    assert "the answer declares 209715200 bytes, more than max_response_size allows; not read" in str(error)
    assert seconds < 5


@pytest.mark.parametrize("status", [200, 500])
def test_an_endless_chunked_answer_stops_at_the_limit_with_bounded_memory(raw_server, sleeps, status):
    limit = 2 * 1024 * 1024
    chunk = b"%x\r\n%s\r\n" % (65536, b"[" * 65536)

    def answer(send):
        send(head(status=status, chunked=True))
        while send(chunk):
            pass

    server = raw_server(answer)
    tracemalloc.start()
    try:
        error, seconds = timed(lambda: Transport(server.url, timeout=10, retries=0, max_response_size=limit)
                               .request("GET", "/x"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "the answer went past %d bytes, more than max_response_size allows; not read" % limit in str(error)
    assert ("HTTP %d" % status) in str(error) if status == 500 else isinstance(error, UntrustedResponseError)
    assert peak < 4 * limit, peak
    assert seconds < 10


def test_the_default_limit_holds_a_nexusservices_of_10000_sender_ids_four_times():
    """The largest real answer: GAX's NexusServices with 10,000 sender IDs of the runbook's 8 options."""
    options = {"channelId": "+18005550100", "channelType": "sms", "endpoint": "chat.SMS_Designer_Endpoint_Name",
               "interactionSubtype": "SMS", "interactionType": "Inbound", "media": "chat", "cxcOnly": "false",
               "provider": "Portico"}
    properties = [("chat.SMS_Tenant_Sender_%05d" % n, key, value) for n in range(10000) for key, value in options.items()]
    size = len(json.dumps([transaction(properties=properties)]).encode())
    assert 6 * 1024 * 1024 < size and 4 * size < MAX_RESPONSE_SIZE, size


def test_an_oversized_answer_to_a_write_is_a_lost_answer_settled_by_reading(sim, gax_args, sleeps):
    """The PUT landed (2xx), only its answer is unreadable: the module re-reads instead of writing again."""
    sim.fault(method="PUT", action="rewrite", body={"set": {"padding": "x" * 3000000}})
    ok, result = run_module(nexus_sender_id.main, dict(gax_args, name="SMS_Main", channel_id="12345", endpoint="Main",
                                                       max_response_size=1000000))
    assert ok and result["changed"], result
    assert [e["method"] for e in sim.writes()] == ["PUT"]


# --- time ------------------------------------------------------------------------------------------

def test_a_trickled_answer_ends_within_timeout_plus_a_second(raw_server, sleeps):
    """1.0.0: one byte every 0.5 s with timeout=2 succeeded after 48 s."""
    body = json.dumps({"entities": ["x" * 90]}).encode()

    def answer(send):
        send(head(length=len(body)))
        for byte in body:
            if not send(bytes([byte])):
                return
            time.sleep(0.5)

    server = raw_server(answer)
    error, seconds = timed(lambda: Transport(server.url, timeout=2, retries=0).request("GET", "/x"))
    assert "did not answer within 2 s (timed out; the whole answer must arrive within timeout)" in str(error)
    assert seconds < 3, seconds
    assert server.client_gone.wait(2)


def test_trickled_headers_end_within_timeout_plus_a_second(raw_server, sleeps):
    def answer(send):
        for byte in head(length=2) + b"{}":
            if not send(bytes([byte])):
                return
            time.sleep(0.3)

    server = raw_server(answer)
    error, seconds = timed(lambda: Transport(server.url, timeout=2, retries=0).request("GET", "/x"))
    assert "timed out" in str(error)
    assert seconds < 3, seconds


def test_a_write_whose_answer_trickles_is_an_unknown_outcome_not_a_success(raw_server, sleeps):
    def answer(send):
        send(head(length=10))
        for byte in b'{"a": "b"}':
            if not send(bytes([byte])):
                return
            time.sleep(1)

    server = raw_server(answer)
    error, seconds = timed(lambda: Transport(server.url, timeout=2, retries=0).request("POST", "/x", json_body={}))
    assert isinstance(error, OutcomeUnknownError)
    assert seconds < 3


def test_a_timely_answer_of_many_chunks_is_read_whole(raw_server, sleeps):
    body = json.dumps({"entities": [{"n": n} for n in range(20000)]}).encode()

    def answer(send):
        send(head(length=len(body)))
        for start in range(0, len(body), 1000):
            send(body[start:start + 1000])

    server = raw_server(answer)
    response = Transport(server.url, timeout=5, retries=0).request("GET", "/x")
    assert len(response.body["entities"]) == 20000


# --- nesting and shape -----------------------------------------------------------------------------

@pytest.mark.parametrize("depth, expected", [
    (100000, "the answer nests JSON deeper than Python can read"),
    (500, "the answer nests JSON deeper than 64 levels"),
])
def test_deeply_nested_json_is_a_clean_error(raw_server, sleeps, depth, expected):
    body = b"[" * depth + b"]" * depth

    def answer(send):
        send(head(length=len(body)) + body)

    server = raw_server(answer)
    error, dummy = timed(lambda: Transport(server.url, timeout=5, retries=0).request("GET", "/x"))
    assert isinstance(error, UntrustedResponseError) and expected in str(error)


@pytest.mark.parametrize("body, content_type", [
    (b"<html><body>Welcome</body></html>", "text/html"),
    (b'{"entities": [', "application/json"),
])
def test_a_read_answered_with_something_else_than_json_is_an_error(raw_server, sleeps, body, content_type):
    def answer(send):
        send(head(length=len(body), content_type=content_type) + body)

    server = raw_server(answer)
    error, dummy = timed(lambda: Transport(server.url, timeout=5, retries=0).request("GET", "/x"))
    assert isinstance(error, UntrustedResponseError)
    assert "the answer is not JSON (it starts " in str(error)


def test_json_depth_is_checked_without_recursion():
    deep = []
    for dummy in range(100000):
        deep = [deep]
    assert not _http.json_depth_ok(deep)
    assert _http.json_depth_ok({"a": [{"b": [1, 2, {"c": "d"}]}]})

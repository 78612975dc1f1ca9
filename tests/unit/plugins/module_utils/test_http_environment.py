# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Only the credentials given are sent (issue 19): ~/.netrc never applies; proxies and CA bundles
from the environment keep working."""

from __future__ import annotations

import datetime
import http.server
import json
import os
import socketserver
import ssl
import threading
import urllib.request

import pytest

from ansible_collections.cxops.digital_channels.plugins.module_utils._http import HeaderAuth, Transport
from ansible_collections.cxops.digital_channels.plugins.modules import gc_role, nexus_service_info
from ansible_collections.cxops.digital_channels.tests.simulator import DEFAULT_API_KEY
from ansible_collections.cxops.digital_channels.tests.unit.conftest import CCID
from ansible_collections.cxops.digital_channels.tests.unit.utils import run_module

NETRC_PASSWORD = "netrc-password-must-never-leave"


@pytest.fixture()
def netrc(tmp_path, monkeypatch):
    path = tmp_path / "netrc"
    path.write_text("machine 127.0.0.1 login netrc-user password %s\ndefault login any password %s\n"
                    % (NETRC_PASSWORD, NETRC_PASSWORD))
    path.chmod(0o600)
    monkeypatch.setenv("NETRC", str(path))
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".netrc").write_text(path.read_text())
    (tmp_path / ".netrc").chmod(0o600)
    return path


def test_a_netrc_entry_for_the_api_host_changes_nothing(sim, gc_args, nexus_args, netrc):
    ok, result = run_module(gc_role.main, dict(gc_args, name="Nexus Messaging", permissions=["messaging:*:*"]))
    assert ok and result["changed"], result
    ok, result = run_module(nexus_service_info.main, dict(nexus_args))
    assert ok, result
    for entry in sim.journal():
        sent = json.dumps(entry)
        assert NETRC_PASSWORD not in sent and "netrc-user" not in sent, entry
        if entry["path"].startswith("/api/"):
            assert entry["headers"]["authorization"].startswith("Bearer ")


class _Proxy(http.server.BaseHTTPRequestHandler):
    """A forward proxy for plain HTTP: records the absolute URL asked for and relays the answer."""

    seen = []

    def _relay(self):
        self.seen.append((self.command, self.path))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "connection", "host")}
        request = urllib.request.Request(self.path, data=body, headers=headers, method=self.command)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            answer = opener.open(request, timeout=5)
            status, payload, answer_headers = answer.status, answer.read(), answer.headers
        except urllib.error.HTTPError as exc:
            status, payload, answer_headers = exc.code, exc.read(), exc.headers
        self.send_response(status)
        for key, value in answer_headers.items():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = _relay

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass


@pytest.fixture()
def proxy():
    _Proxy.seen = []
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Proxy)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d" % server.server_address[1], _Proxy.seen
    server.shutdown()
    server.server_close()


def test_a_proxy_from_the_environment_is_used(sim, nexus_args, proxy, monkeypatch):
    url, seen = proxy
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", url)
    monkeypatch.setenv("http_proxy", url)
    ok, result = run_module(nexus_service_info.main, dict(nexus_args, names=["SMS"]))
    assert ok, result
    assert ("GET", "%s/nexus/v3/provisioning/services/%s/SMS" % (sim.url, CCID)) in seen
    assert sim.journal() and sim.journal()[0]["headers"]["x-api-key"] == DEFAULT_API_KEY


@pytest.fixture()
def tls_json_server(tmp_path):
    """HTTPS on 127.0.0.1 answering {} to every GET, with a certificate of a CA made for this test."""
    # pylint: disable=import-outside-toplevel
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cxops test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
          .not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                       key_encipherment=False, data_encipherment=False, key_agreement=False,
                                       encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_file, cert_file, key_file = (str(tmp_path / name) for name in ("ca.pem", "cert.pem", "key.pem"))
    with open(ca_file, "wb") as handle:
        handle.write(ca.public_bytes(serialization.Encoding.PEM))
    with open(cert_file, "wb") as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_file, "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):  # pylint: disable=arguments-differ
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "https://127.0.0.1:%d" % server.server_address[1], ca_file
    server.shutdown()


def test_a_ca_bundle_from_the_environment_verifies_tls(tls_json_server, monkeypatch, sleeps):
    url, ca_file = tls_json_server
    transport = Transport(url, auth=HeaderAuth({"x-api-key": "k"}), retries=0)
    with pytest.raises(Exception, match="certificate verify failed"):
        transport.request("GET", "/x")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_file)
    assert Transport(url, auth=HeaderAuth({"x-api-key": "k"}), retries=0).request("GET", "/x").body == {}
    assert os.path.exists(ca_file)

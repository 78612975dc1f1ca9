# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""make_certs.py DIR: an internal CA and a certificate it signs for 127.0.0.1 (ca.pem, server.pem, server.key),
and a self-signed certificate for 127.0.0.1 (self.pem, self.key), as a tenant behind its own CA or with a
self-signed certificate has them. Uses ``cryptography``, which ansible-core needs anyway."""

from __future__ import annotations

import datetime
import ipaddress
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, key, issuer, issuer_key, ca):
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=2))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
    if not ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    if not ca or subject == issuer:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                        critical=False)
    if subject != issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _write(path, data):
    with open(path, "wb") as handle:
        handle.write(data)


def _key_pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def main(folder):
    os.makedirs(folder, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    server_key = ec.generate_private_key(ec.SECP256R1())
    self_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("cxops test internal CA", ca_key, "cxops test internal CA", ca_key, ca=True)
    server = _certificate("127.0.0.1", server_key, "cxops test internal CA", ca_key, ca=False)
    # Self-signed, as a lab tenant has it (openssl req -x509): its own issuer, trusted by nobody.
    self_signed = _certificate("127.0.0.1", self_key, "127.0.0.1", self_key, ca=True)
    _write(os.path.join(folder, "ca.pem"), ca.public_bytes(serialization.Encoding.PEM))
    _write(os.path.join(folder, "server.pem"), server.public_bytes(serialization.Encoding.PEM))
    _write(os.path.join(folder, "server.key"), _key_pem(server_key))
    _write(os.path.join(folder, "self.pem"), self_signed.public_bytes(serialization.Encoding.PEM))
    _write(os.path.join(folder, "self.key"), _key_pem(self_key))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

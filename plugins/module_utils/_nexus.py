# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Client for the Digital Channels (Nexus) provisioning API. Internal use only.

Paths are constants so that a correction of an assumed endpoint is a one-line
change (see docs/api-facts.md for which paths come from the vendor guide and
which are assumptions).
"""

from __future__ import annotations

from ansible_collections.cxops.digital_channels.plugins.module_utils._compare import leaves
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import HeaderAuth, Transport
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    HTTP_OPTIONS,
    transport_options,
    validate_base_url,
    validate_name,
    validate_uuid,
)

# From the vendor guide (seed): POST creates; GET and DELETE are our documented assumption.
SERVICE_PATH = "/nexus/v3/provisioning/services/{ccid}/{name}"
# Assumed: the "Provision API keys" page of the guide is not public in full (docs/api-facts.md).
API_KEYS_PATH = "/nexus/v3/provisioning/apikeys"
API_KEY_PATH = "/nexus/v3/provisioning/apikeys/{key_id}"

DEFAULT_SERVICE_URL = "N/A"

# The seed's services for the three SMS options; nexus_service_info reads these by default.
SMS_SERVICES = ("SMS", "mGageSMS", "Async", "PurecloudIDP", "PorticoSMS")

# One table for the connection options every Nexus module shares (doc fragment ``nexus``).
NEXUS_OPTIONS = {
    "nexus_url": {"type": "str", "required": True, "env": "NEXUS_URL"},
    "api_key": {"type": "str", "required": True, "no_log": True, "env": "NEXUS_API_KEY"},
    "ccid": {"type": "str", "required": True, "env": "NEXUS_CCID"},
    "validate_certs": {"type": "bool", "default": True, "env": "NEXUS_VALIDATE_CERTS"},
    **HTTP_OPTIONS,
}


def normalize_service(body):
    """A service as we compare it: url defaulted to N/A, data and secret always dicts."""
    body = body or {}
    return {
        "url": body.get("url") or DEFAULT_SERVICE_URL,
        "data": body.get("data") or {},
        "secret": body.get("secret") or {},
    }


class NexusClient:
    """Provisioning services of one contact center (ccid)."""

    def __init__(self, transport, ccid):
        self.transport = transport
        self.ccid = ccid

    @classmethod
    def from_params(cls, params, check_mode=False, **transport_kwargs):
        """Validate the connection options (no request is sent) and build the client."""
        base_url = validate_base_url(params["nexus_url"], "nexus_url")
        ccid = validate_uuid(params["ccid"], "ccid")
        options = transport_options(params, **transport_kwargs)
        auth = HeaderAuth({"x-api-key": params["api_key"], "x-ccid": ccid})
        transport = Transport(base_url, auth=auth, check_mode=check_mode, secrets=[params["api_key"]], **options)
        return cls(transport, ccid)

    def _service_path(self, name):
        return SERVICE_PATH.format(ccid=self.ccid, name=validate_name(name, "name"))

    def get_service(self, name):
        """The normalized service, secret leaves as the API shows them; None when absent."""
        response = self.transport.request("GET", self._service_path(name), ok=(404,))
        if response.status == 404:
            return None
        return normalize_service(response.body)

    def put_service(self, name, url, data, secret):
        """Create or replace; the API treats POST as an upsert, so a retry is harmless."""
        body = {"url": url, "data": data, "secret": secret}
        for value in leaves(secret):
            self.transport.add_secret(value)
        self.transport.request("POST", self._service_path(name), json_body=body, idempotent=True)

    def delete_service(self, name):
        self.transport.request("DELETE", self._service_path(name), ok=(404,))

    def find_api_key(self, name):
        """The API key named so (without its value), or None."""
        body = self.transport.request("GET", API_KEYS_PATH).body
        keys = body if isinstance(body, list) else (body or {}).get("entities") or []
        return next((k for k in keys if k.get("name") == name), None)

    def create_api_key(self, name, tenant, permissions, key=None):
        """Create once; None when a key of that name exists already (409), as when another play just made it.

        Not retried blindly: a repeat could fail on the duplicate name or lose the generated value.
        """
        body = {"name": name, "tenant": tenant, "permissions": permissions}
        if key:
            body["key"] = key
        response = self.transport.request("POST", API_KEYS_PATH, json_body=body, idempotent=False, ok=(409,))
        if response.status == 409:
            return None
        return response.body or {}

    def delete_api_key(self, key_id):
        self.transport.request("DELETE", API_KEY_PATH.format(key_id=key_id), ok=(404,))

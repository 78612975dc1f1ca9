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

from ansible_collections.cxops.digital_channels.plugins.module_utils._compare import (
    DIFFERENT,
    compare_hidden,
    has_hidden,
    is_hidden,
    leaves,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import ApiError, UntrustedResponseError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gauth import GAUTH_OPTIONS, PasswordGrantAuth
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import (
    HeaderAuth,
    Transport,
    build_path,
    checked_id,
    listed_items,
    require_fields,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import quoted
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    HTTP_OPTIONS,
    ca_path_option,
    credential,
    transport_options,
    validate_base_url,
    validate_name,
    validate_uuid,
)

# From the vendor guide (seed): POST creates; GET and DELETE are our documented assumption.
SERVICE_PATH = "/nexus/v3/provisioning/services/{ccid}/{name}"
# API keys as the vendor's deployment scripts manage them, with a GWS Auth bearer token (docs/api-facts.md).
API_KEYS_PATH = "/nexus/v3/apikeys"
API_KEY_PATH = "/nexus/v3/apikeys/{key_id}"

DEFAULT_SERVICE_URL = "N/A"

# The seed's services for the three SMS options; nexus_service_info reads these by default.
SMS_SERVICES = ("SMS", "mGageSMS", "Async", "PurecloudIDP", "PorticoSMS")

# The connection of the API-key plane: Digital Channels' URL and a GWS Auth login (doc fragment ``gws_auth``).
NEXUS_KEYS_OPTIONS = {
    "nexus_url": {"type": "str", "required": True, "env": "NEXUS_URL"},
    "validate_certs": {"type": "bool", "default": True, "env": "NEXUS_VALIDATE_CERTS"},
    **ca_path_option("NEXUS_CA_PATH"),
    **GAUTH_OPTIONS,
    **HTTP_OPTIONS,
}

# One table for the connection options every Nexus module shares (doc fragment ``nexus``).
NEXUS_OPTIONS = {
    "nexus_url": {"type": "str", "required": True, "env": "NEXUS_URL"},
    "api_key": {"type": "str", "required": True, "no_log": True, "env": "NEXUS_API_KEY"},
    "ccid": {"type": "str", "required": True, "env": "NEXUS_CCID"},
    "validate_certs": {"type": "bool", "default": True, "env": "NEXUS_VALIDATE_CERTS"},
    **ca_path_option("NEXUS_CA_PATH"),
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
        api_key = credential(params["api_key"], "api_key", header=True)
        options = transport_options(params, **transport_kwargs)
        auth = HeaderAuth({"x-api-key": api_key, "x-ccid": ccid})
        transport = Transport(base_url, auth=auth, check_mode=check_mode, secrets=[params["api_key"]], **options)
        return cls(transport, ccid)

    def _service_path(self, name):
        return build_path(SERVICE_PATH, ccid=self.ccid, name=validate_name(name, "name"))

    def get_service(self, name):
        """The normalized service, secret leaves as the API shows them; None when absent.

        A secret value shown in clear (docs/api-facts.md, NX-REDACT-MASK) becomes a secret of the
        task at once, masked wherever it could show; a value that is also in ``data`` is an
        identifier (an Async channel's channelId), not a secret.
        """
        path = self._service_path(name)
        try:
            response = self.transport.request("GET", path, ok=(404,))
        except ApiError as exc:
            if exc.status in (405, 501):
                raise exc.with_hint("this Digital Channels does not allow reading services, so idempotence cannot be "
                                    "checked; the collection relies on it (docs/api-facts.md, NX-GET-READ) and wrote "
                                    "nothing for this task") from None
            raise
        if response.status == 404:
            return None
        # The seed's Async body has no url, so url may be absent; data is what every module compares.
        require_fields(response.body, {"data": dict, "url": str, "secret": dict}, "service %s" % name, "GET", path,
                       optional=("url", "secret"))
        service = normalize_service(response.body)
        identifiers = set(leaves(service["data"]))
        self.transport.secrets.update(v for v in leaves(service["secret"]) if not is_hidden(v) and v not in identifiers)
        return service

    def put_service(self, name, url, data, secret, before=None, hidden=None):
        """Create or replace the whole service; settled, not repeated blind, if the answer is lost.

        A late copy of an upsert can undo a later write, so after a timeout the service is
        re-read until it shows this write. When ``before`` already looked like it (only a
        hidden secret changes), nothing can show the write: the settle window is waited out.
        ``hidden`` are the secret's values to scrub (default: every leaf; identifiers such as an
        Async channel's channelId are not secret).
        """
        body = {"url": url, "data": data, "secret": secret}
        self.transport.secrets.update(leaves(secret) if hidden is None else hidden)
        path = self._service_path(name)
        visible = {"url": url, "data": data}

        def landed():
            current = self.get_service(name)
            if current is None or {"url": current["url"], "data": current["data"]} != visible:
                return False
            return compare_hidden(secret, current["secret"], missing_hidden=not has_hidden(current["secret"])) != DIFFERENT

        observable = before is None or {"url": before["url"], "data": before["data"]} != visible
        try:
            self.transport.write_once(lambda: self.transport.request("POST", path, json_body=body),
                                      landed if observable else None, "service %s" % name)
        except ApiError as exc:
            if exc.status == 409 and before is not None:
                raise exc.with_hint("Digital Channels refused to replace service %s, which exists: it takes POST as "
                                    "create-only, where the collection assumes create or replace (docs/api-facts.md, "
                                    "NX-POST-UPSERT); nothing was changed, and a service is never deleted to be "
                                    "created again: change it in Digital Channels" % name) from None
            if exc.status == 400 and name == "Async" and url == DEFAULT_SERVICE_URL:
                raise exc.with_hint("the runbook's Async body has no url and the collection sends %s; this Digital "
                                    "Channels refused it (docs/api-facts.md, NX-ASYNC-URL)" % DEFAULT_SERVICE_URL) from None
            raise

    def delete_service(self, name):
        try:
            self.transport.request("DELETE", self._service_path(name), ok=(404,))
        except ApiError as exc:
            if exc.status in (405, 501):
                raise exc.with_hint("this Digital Channels does not allow deleting services (docs/api-facts.md, "
                                    "NX-DELETE); service %s is unchanged: remove it in Digital Channels" % name) from None
            raise


class ApiKeysClient:
    """Digital Channels API keys: ``/nexus/v3/apikeys`` with a GWS Auth bearer token.

    A key's id is its value (what a client sends as ``x-api-key``): every id this client reads is
    a secret from the moment it arrives, and none is ever returned or shown.
    """

    def __init__(self, transport):
        self.transport = transport

    @classmethod
    def from_params(cls, params, check_mode=False):
        """Validate the options (no request is sent) and build the client with its GWS Auth login."""
        base_url = validate_base_url(params["nexus_url"], "nexus_url")
        options = transport_options(params)
        auth = PasswordGrantAuth.from_params(params, check_mode, **options)
        return cls(Transport(base_url, auth=auth, check_mode=check_mode, secrets=auth.login.secrets, **options))

    def list_keys(self):
        """Every key as listed: {"data": [...]} or a bare array (the shape is not public); ids become secrets."""
        body = self.transport.request("GET", API_KEYS_PATH).body
        keys = listed_items(body, "GET", API_KEYS_PATH, key="data", bare_list=True)
        for key in keys:
            self.transport.add_secret(key.get("id") if isinstance(key.get("id"), str) else None)
        for key in keys:
            require_fields(key, {"id": str, "name": str}, "an API key", "GET", API_KEYS_PATH)
        return keys

    def find(self, name):
        """The key named so, or None; two of one name is an error (Digital Channels allows one)."""
        found = [k for k in self.list_keys() if k["name"] == name]
        if len(found) > 1:
            raise UntrustedResponseError("GET", API_KEYS_PATH, None, "%d API keys are named %s; expected one"
                                         % (len(found), quoted(name, 80)))
        return found[0] if found else None

    def create(self, name, tenant, permissions, enabled, value=None):
        """Create once; the created key (its id is its value), or None when a key of that name appeared (409).

        Not repeated blind: when the answer is lost, the keys are listed until this one shows.
        """
        data = {"enabled": enabled, "tenant": tenant, "name": name, "permissions": permissions}
        if value:
            data["id"] = value
            self.transport.add_secret(value)
        response = self.transport.write_once(
            lambda: self.transport.request("POST", API_KEYS_PATH, json_body={"data": data}, ok=(409,)),
            lambda: self.find(name) is not None, "API key %s" % name)
        if response is None:
            return self.find(name)
        if response.status == 409:
            return None
        body = response.body if isinstance(response.body, dict) else {}
        created = body.get("data") if isinstance(body.get("data"), dict) else body
        if isinstance(created.get("id"), str):
            self.transport.add_secret(created["id"])
            return created
        # An answer without the key: the listing has it (and its id).
        return self.find(name)

    def delete(self, key):
        key_id = checked_id(key.get("id"), "API key id", "DELETE", API_KEYS_PATH)
        self.transport.request("DELETE", build_path(API_KEY_PATH, key_id=key_id), ok=(404,))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GWS Auth Services: the password grant that gives a bearer token for Digital Channels' API keys.

As the vendor's own deployment scripts call it (genesys/multicloud-services, services/iwdem/README.md):
``POST /auth/v3/oauth/token``, a form with ``grant_type=password``, ``client_id``, ``username`` and
``password``, and Basic authentication with the client (``external_api_client``). A user is the GWS ops
user (every tenant, ``*``) or a tenant's Person (its contact centers only); docs/api-facts.md says what is
known of which one a key needs.
"""

from __future__ import annotations

import base64
import copy
import secrets
import time

from .core import HttpError, Plane, Route

DEFAULT_CLIENT_ID = "external_api_client"
DEFAULT_CLIENT_SECRET = "sim-gauth-client-secret-2b7e"
DEFAULT_OPS_USERNAME = "sim-gws-ops"
DEFAULT_OPS_PASSWORD = "gws-ops-pass-sim-5c1a"
DEFAULT_TENANT_USERNAME = "sim-tenant-person"
DEFAULT_TENANT_PASSWORD = "tenant-person-pass-sim-9d0f"
# The tenant Person's contact center: the unit tests' CCID.
DEFAULT_TENANT_CCID = "45acae06-6b7c-4f97-9c76-471cb5c21bf7"


class GwsAuthPlane(Plane):
    name = "gauth"

    def __init__(self):
        super().__init__({
            "clients": {DEFAULT_CLIENT_ID: DEFAULT_CLIENT_SECRET},
            # user -> {"password", "tenants": "*" or [ccid, ...]}
            "users": {
                DEFAULT_OPS_USERNAME: {"password": DEFAULT_OPS_PASSWORD, "tenants": "*"},
                DEFAULT_TENANT_USERNAME: {"password": DEFAULT_TENANT_PASSWORD, "tenants": [DEFAULT_TENANT_CCID]},
            },
            "token_ttl": 3600,
        })

    def reset(self):
        self.tokens = {}

    def dump(self):
        return {"tokens": sorted(self.tokens)}

    def configure(self, settings):
        settings = dict(settings)
        if settings.pop("expire_tokens", False):
            self.tokens.clear()
        super().configure(settings)

    def owns(self, path):
        return path.startswith("/auth/")

    def error_body(self, error, path):
        """OAuth errors (RFC 6749, 5.2), as Spring-based GWS Auth answers them."""
        return {"error": error.code or "invalid_request", "error_description": error.text()}

    def routes(self):
        return [Route("POST", r"/auth/v3/oauth/token", self.token, write=False)]

    def _client(self, req):
        value = req.header("authorization") or ""
        if not value.startswith("Basic "):
            raise HttpError(401, "client authentication is required (Basic)", code="invalid_client")
        try:
            client_id, dummy, secret = base64.b64decode(value[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            raise HttpError(401, "malformed Basic authorization", code="invalid_client") from None
        if self.config["clients"].get(client_id) != secret:
            raise HttpError(401, "bad client credentials", code="invalid_client")
        return client_id

    def token(self, req):
        client_id = self._client(req)
        form = req.form()
        if form.get("grant_type") != "password":
            raise HttpError(400, "grant_type must be password", code="unsupported_grant_type")
        if form.get("client_id", client_id) != client_id:
            raise HttpError(400, "client_id does not match the authenticated client", code="invalid_request")
        user = self.config["users"].get(form.get("username") or "")
        if not form.get("username") or not form.get("password"):
            raise HttpError(400, "username and password are required", code="invalid_request")
        if user is None or user["password"] != form["password"]:
            raise HttpError(401, "Bad credentials", code="invalid_grant")
        token = secrets.token_urlsafe(24)
        self.tokens[token] = {"user": form["username"], "tenants": copy.deepcopy(user["tenants"]),
                              "expires": time.time() + self.config["token_ttl"]}
        return 200, {"access_token": token, "token_type": "bearer", "expires_in": self.config["token_ttl"],
                     "scope": "*"}

    def bearer(self, req):
        """The token's grant ({"user", "tenants"}) of a request to another plane; 401 without a live one."""
        value = req.header("authorization") or ""
        token = value[7:] if value.startswith("Bearer ") else None
        grant = self.tokens.get(token)
        if grant is None or grant["expires"] <= time.time():
            raise HttpError(401, "a GWS Auth bearer token is required")
        return grant

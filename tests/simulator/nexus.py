# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Nexus provisioning plane, as strict as the contract in DESIGN.md."""

from __future__ import annotations

import copy
import re
import uuid

from .core import HttpError, Plane, Route

DEFAULT_API_KEY = "sim-nexus-api-key-7f3c9a"
REDACTED = "********"
NAME = re.compile(r"^[A-Za-z0-9_-]+$")
SERVICE_KEYS = {"url", "data", "secret"}


def redact(value):
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return REDACTED


def drop_secrets(value, identifiers=("channelId",)):
    """A secret as an API that leaves redacted values out shows it: only its identifiers remain."""
    if isinstance(value, dict):
        kept = {k: drop_secrets(v, identifiers) for k, v in value.items() if k in identifiers or isinstance(v, (dict, list))}
        return {k: v for k, v in kept.items() if v not in ({}, [])}
    if isinstance(value, list):
        return [drop_secrets(v, identifiers) for v in value]
    return value


class NexusPlane(Plane):
    name = "nexus"

    def __init__(self, gauth=None, api_keys=None):
        self.gauth = gauth
        super().__init__({
            # API keys the cluster holds before any run: value (= id) -> (name, tenant it may act for, "*" = every one).
            "api_keys": dict(api_keys or {DEFAULT_API_KEY: ("Cluster API Key", "*")}),
            # The assumptions of docs/api-facts.md ("Assumptions and their alternatives") and their switches.
            # NX-REDACT-MASK: True masks secret values, False shows them, "drop" leaves their keys out.
            "redact_secrets": True,
            # NX-POST-UPSERT: "replace" (a POST on an existing service replaces it) or "conflict" (409).
            "post_existing": "replace",
            # NX-GET-READ: "read" or "405".
            "get_service": "read",
            # NX-DELETE: "delete" or "405".
            "delete_service": "delete",
            # NX-ASYNC-URL: whether the Async service takes the placeholder url "N/A".
            "async_placeholder_url": True,
            # The listing of /nexus/v3/apikeys: {"data": [...]} ("data") or a bare array ("list"); not public.
            "api_key_listing": "data",
            # Whether a create takes the key's value as "id" (the iwd scripts choose UUIDs for keys); not public.
            "accept_key_id": True,
        })

    def reset(self):
        self.services = {}
        self.api_keys = {value: {"id": value, "name": name, "tenant": tenant, "permissions": ["nexus:cluster:*"],
                                 "enabled": True}
                         for value, (name, tenant) in self.config["api_keys"].items()}

    def dump(self):
        return copy.deepcopy({"services": self.services, "api_keys": self.api_keys})

    def routes(self):
        path = r"/nexus/v3/provisioning/services/(?P<ccid>[^/]+)/(?P<name>[^/]+)"
        keys = "/nexus/v3/apikeys"
        return [
            Route("GET", path, self.get_service),
            Route("POST", path, self.post_service),
            Route("DELETE", path, self.delete_service),
            Route("GET", keys, self.list_api_keys),
            Route("POST", keys, self.create_api_key),
            Route("DELETE", keys + "/(?P<id>[^/]+)", self.delete_api_key),
        ]

    def key_tenant(self, req):
        """The tenant the request's API key may act for ("*" = every tenant); 401 if none. A key's id is its value."""
        value = req.header("x-api-key")
        if not value:
            raise HttpError(401, "missing x-api-key header")
        key = self.api_keys.get(value)
        if key is None or not key["enabled"]:
            raise HttpError(401, "invalid API key")
        return key["tenant"]

    @staticmethod
    def check_uuid(value, what):
        try:
            uuid.UUID(value or "")
        except ValueError:
            raise HttpError(400, "%s %r is not a UUID" % (what, value)) from None

    def authorize(self, req):
        """Checks in the order a gateway would: key, then path, then tenant scope."""
        tenant = self.key_tenant(req)
        ccid = req.params["ccid"]
        self.check_uuid(ccid, "ccid")
        if req.header("x-ccid") != ccid:
            raise HttpError(400, "x-ccid header must equal the ccid in the path")
        if tenant not in ("*", ccid):
            raise HttpError(403, "API key is not valid for tenant %s" % ccid)
        if not NAME.match(req.params["name"]):
            raise HttpError(400, "invalid service name %r" % req.params["name"])
        return ccid, req.params["name"]

    def shown(self, service):
        service = copy.deepcopy(service)
        if self.config["redact_secrets"] == "drop":
            service["secret"] = drop_secrets(service["secret"])
        elif self.config["redact_secrets"]:
            service["secret"] = redact(service["secret"])
        return service

    def get_service(self, req):
        ccid, name = self.authorize(req)
        if self.config["get_service"] == "405":
            raise HttpError(405, "method GET not allowed on %s" % req.path)
        service = self.services.get(ccid, {}).get(name)
        if service is None:
            raise HttpError(404, "service %s not found" % name)
        return 200, self.shown(service)

    def post_service(self, req):
        ccid, name = self.authorize(req)
        body = req.json()
        if not isinstance(body, dict):
            raise HttpError(400, "body must be a JSON object")
        unknown = set(body) - SERVICE_KEYS
        if unknown:
            raise HttpError(400, "unknown fields: %s" % ", ".join(sorted(unknown)))
        if "url" in body and not isinstance(body["url"], str):
            raise HttpError(400, "url must be a string")
        for key in ("data", "secret"):
            if not isinstance(body.get(key), dict):
                raise HttpError(400, "%s is required and must be an object" % key)
        existed = name in self.services.get(ccid, {})
        if existed and self.config["post_existing"] == "conflict":
            raise HttpError(409, "service %s already exists" % name)
        if name == "Async" and body.get("url") == "N/A" and not self.config["async_placeholder_url"]:
            raise HttpError(400, "url must be an http(s) URL")
        self.services.setdefault(ccid, {})[name] = copy.deepcopy(body)
        return (200 if existed else 201), self.shown(body)

    def delete_service(self, req):
        ccid, name = self.authorize(req)
        if self.config["delete_service"] == "405":
            raise HttpError(405, "method DELETE not allowed on %s" % req.path)
        if name not in self.services.get(ccid, {}):
            raise HttpError(404, "service %s not found" % name)
        del self.services[ccid][name]
        return 204, None

    # API keys: /nexus/v3/apikeys with a GWS Auth bearer token, as the vendor's deployment scripts call it
    # (docs/api-facts.md): the listing's shape and the chosen id are assumptions with switches.

    def grant(self, req):
        if self.gauth is None:
            raise HttpError(401, "no GWS Auth plane")
        return self.gauth.bearer(req)

    @staticmethod
    def _may_manage(grant, tenant):
        return grant["tenants"] == "*" or (tenant != "*" and tenant in grant["tenants"])

    def list_api_keys(self, req):
        self.grant(req)
        keys = [dict(k) for k in sorted(self.api_keys.values(), key=lambda k: k["name"])]
        return 200, (keys if self.config["api_key_listing"] == "list" else {"data": keys})

    def create_api_key(self, req):
        grant = self.grant(req)
        body = req.json()
        if not isinstance(body, dict) or set(body) != {"data"} or not isinstance(body["data"], dict):
            raise HttpError(400, "body must be {\"data\": {...}}")
        data = body["data"]
        fields = {"name", "tenant", "permissions", "enabled"} | ({"id"} if self.config["accept_key_id"] else set())
        unknown = set(data) - fields
        if unknown:
            raise HttpError(400, "unknown fields: %s" % ", ".join(sorted(unknown)))
        if not isinstance(data.get("name"), str) or not data["name"].strip():
            raise HttpError(400, "name is required")
        tenant = data.get("tenant")
        if tenant != "*":
            self.check_uuid(tenant, "tenant")
        permissions = data.get("permissions")
        if (not isinstance(permissions, list) or not permissions
                or not all(isinstance(p, str) and re.match(r"^nexus:[A-Za-z*]+:[A-Za-z*]+$", p) for p in permissions)):
            raise HttpError(400, "permissions must be a non-empty list such as [\"nexus:cluster:*\"]")
        if not isinstance(data.get("enabled", True), bool):
            raise HttpError(400, "enabled must be a boolean")
        value = data.get("id")
        if value is not None and (not isinstance(value, str) or not re.match(r"^[A-Za-z0-9._~-]{16,128}$", value)):
            raise HttpError(400, "id must be 16 to 128 letters, digits or -._~")
        if not self._may_manage(grant, tenant):
            raise HttpError(403, "user %s may not create API keys for tenant %s" % (grant["user"], tenant))
        if any(k["name"] == data["name"] for k in self.api_keys.values()):
            raise HttpError(409, "an API key named %s already exists" % data["name"])
        if value in self.api_keys:
            raise HttpError(409, "an API key with this id already exists")
        key = {"id": value or str(uuid.uuid4()), "name": data["name"], "tenant": tenant, "permissions": permissions,
               "enabled": data.get("enabled", True)}
        self.api_keys[key["id"]] = key
        return 201, {"data": dict(key)}

    def delete_api_key(self, req):
        grant = self.grant(req)
        key = self.api_keys.get(req.params["id"])
        if key is None:
            raise HttpError(404, "API key not found")
        if not self._may_manage(grant, key["tenant"]):
            raise HttpError(403, "user %s may not delete API keys of tenant %s" % (grant["user"], key["tenant"]))
        del self.api_keys[key["id"]]
        return 204, None

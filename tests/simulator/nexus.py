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


class NexusPlane(Plane):
    name = "nexus"

    def __init__(self, api_keys=None):
        super().__init__({
            # API key -> tenant it may act for ("*" = every tenant).
            "api_keys": dict(api_keys or {DEFAULT_API_KEY: "*"}),
            # The real API is assumed to hide secret values; False shows them (to test that path).
            "redact_secrets": True,
        })

    def reset(self):
        self.services = {}
        self.api_keys = {}

    def dump(self):
        return copy.deepcopy({"services": self.services, "api_keys": self.api_keys})

    def routes(self):
        path = r"/nexus/v3/provisioning/services/(?P<ccid>[^/]+)/(?P<name>[^/]+)"
        keys = "/nexus/v3/provisioning/apikeys"
        return [
            Route("GET", path, self.get_service),
            Route("POST", path, self.post_service),
            Route("DELETE", path, self.delete_service),
            Route("GET", keys, self.list_api_keys),
            Route("POST", keys, self.create_api_key),
            Route("DELETE", keys + "/(?P<id>[^/]+)", self.delete_api_key),
        ]

    def key_tenant(self, req):
        """The tenant the request's API key may act for ("*" = every tenant); 401 if none."""
        key = req.header("x-api-key")
        if not key:
            raise HttpError(401, "missing x-api-key header")
        tenant = self.config["api_keys"].get(key)
        if tenant is None:
            tenant = next((k["tenant"] for k in self.api_keys.values() if k["key"] == key), None)
        if tenant is None:
            raise HttpError(401, "invalid API key")
        return tenant

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
        if self.config["redact_secrets"]:
            service["secret"] = redact(service["secret"])
        return service

    def get_service(self, req):
        ccid, name = self.authorize(req)
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
        self.services.setdefault(ccid, {})[name] = copy.deepcopy(body)
        return (200 if existed else 201), self.shown(body)

    def delete_service(self, req):
        ccid, name = self.authorize(req)
        if name not in self.services.get(ccid, {}):
            raise HttpError(404, "service %s not found" % name)
        del self.services[ccid][name]
        return 204, None

    # API keys (our assumed contract, see docs/api-facts.md) ----------------------------------

    def authorize_cluster(self, req):
        """Managing API keys needs a cluster-wide key and a well-formed x-ccid."""
        tenant = self.key_tenant(req)
        self.check_uuid(req.header("x-ccid"), "x-ccid header")
        if tenant != "*":
            raise HttpError(403, "managing API keys needs a cluster API key")

    @staticmethod
    def shown_key(key):
        return {k: v for k, v in key.items() if k != "key"}

    def list_api_keys(self, req):
        self.authorize_cluster(req)
        return 200, [self.shown_key(k) for k in sorted(self.api_keys.values(), key=lambda k: k["name"])]

    def create_api_key(self, req):
        self.authorize_cluster(req)
        body = req.json()
        if not isinstance(body, dict):
            raise HttpError(400, "body must be a JSON object")
        unknown = set(body) - {"name", "tenant", "permissions", "key"}
        if unknown:
            raise HttpError(400, "unknown fields: %s" % ", ".join(sorted(unknown)))
        if not isinstance(body.get("name"), str) or not body["name"].strip():
            raise HttpError(400, "name is required")
        tenant = body.get("tenant")
        if tenant != "*":
            self.check_uuid(tenant, "tenant")
        permissions = body.get("permissions")
        if (not isinstance(permissions, list) or not permissions
                or not all(isinstance(p, str) and re.match(r"^nexus:[A-Za-z*]+:[A-Za-z*]+$", p) for p in permissions)):
            raise HttpError(400, "permissions must be a non-empty list such as [\"nexus:cluster:*\"]")
        value = body.get("key")
        if value is not None and (not isinstance(value, str) or len(value) < 16):
            raise HttpError(400, "key must be a string of at least 16 characters")
        if any(k["name"] == body["name"] for k in self.api_keys.values()):
            raise HttpError(409, "an API key named %s already exists" % body["name"])
        key = {"id": str(uuid.uuid4()), "name": body["name"], "tenant": tenant, "permissions": permissions,
               "enabled": True, "key": value or str(uuid.uuid4())}
        self.api_keys[key["id"]] = key
        return 201, dict(key)

    def delete_api_key(self, req):
        self.authorize_cluster(req)
        if self.api_keys.pop(req.params["id"], None) is None:
            raise HttpError(404, "API key not found")
        return 204, None

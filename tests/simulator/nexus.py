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

    def dump(self):
        return {"services": copy.deepcopy(self.services)}

    def routes(self):
        path = r"/nexus/v3/provisioning/services/(?P<ccid>[^/]+)/(?P<name>[^/]+)"
        return [
            Route("GET", path, self.get_service),
            Route("POST", path, self.post_service),
            Route("DELETE", path, self.delete_service),
        ]

    def authorize(self, req):
        """Checks in the order a gateway would: key, then tenant scope, then path."""
        key = req.header("x-api-key")
        if not key:
            raise HttpError(401, "missing x-api-key header")
        tenant = self.config["api_keys"].get(key)
        if tenant is None:
            raise HttpError(401, "invalid API key")
        ccid = req.params["ccid"]
        try:
            uuid.UUID(ccid)
        except ValueError:
            raise HttpError(400, "ccid %r is not a UUID" % ccid) from None
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

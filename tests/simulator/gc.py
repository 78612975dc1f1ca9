# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Genesys Cloud plane: login (client credentials), toll-free numbers, orders, roles, OAuth clients.

One process serves both hosts: the login paths and the API paths live side by side.
"""

from __future__ import annotations

import base64
import copy
import re
import secrets
import time
import uuid
from urllib.parse import urlsplit

from .core import HttpError, Plane, Route

DEFAULT_CLIENT_ID = "4da40a9d-b113-4024-8ba9-c9dd89c91f67"
DEFAULT_CLIENT_SECRET = "sim-gc-client-secret-aKSXEgLO57"
NUMBER = re.compile(r"^1(800|833|844|855|866|877|888)\d{7}$")
ORDER_FIELDS = {"tollfreeNumber", "comment", "moUrl", "drUrl", "webhookUsername", "webhookPassword", "emailAddress"}
ORDER_REQUIRED = ("tollfreeNumber", "moUrl", "drUrl", "webhookUsername", "webhookPassword")
PATCH_FIELDS = ORDER_FIELDS - {"tollfreeNumber"}
KEYPAD = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999"))


def default_pool():
    return ["1%s555%04d" % (prefix, n) for prefix in ("844", "888") for n in range(100, 160)]


def bad_credentials():
    return HttpError(401, "Invalid login credentials.")


def _url(value, field):
    parts = urlsplit(value if isinstance(value, str) else "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HttpError(400, "%s must be an http(s) URL" % field)


def _strings(item, fields):
    for field in fields:
        if field in item and not isinstance(item[field], str):
            raise HttpError(400, "%s must be a string" % field)


class GcPlane(Plane):
    name = "gc"

    def __init__(self):
        super().__init__({
            "clients": {DEFAULT_CLIENT_ID: DEFAULT_CLIENT_SECRET},
            "token_ttl": 86400,
            "page_size": 25,
            # Listings give a relative nextUri; "absolute" gives it with scheme and host (as some endpoints do);
            # False leaves only pageCount/pageNumber.
            "next_uri": True,
            "available": default_pool(),
            # GET polls of an order before it completes, and whether it then fails.
            "order_polls": 1,
            "fail_orders": False,
        })

    def reset(self):
        self.tokens = {}
        self.owned = {}
        self.orders = {}
        self.roles = {}
        self.oauth_clients = {}
        self.created_clients = {}

    def configure(self, settings):
        settings = dict(settings)
        if settings.pop("expire_tokens", False):
            for token in self.tokens.values():
                token["expires_at"] = 0
        super().configure(settings)

    def dump(self):
        return copy.deepcopy({
            "owned": self.owned, "orders": self.orders, "roles": self.roles,
            "oauth_clients": self.oauth_clients, "tokens": sorted(self.tokens),
        })

    def routes(self):
        tf = "/api/v2/messaging/sms/provisioning/tollfreenumbers"
        return [
            Route("POST", "/oauth/token", self.token, write=False),
            Route("GET", tf, self.list_owned),
            Route("POST", tf, self.order),
            Route("GET", tf + "/available", self.available),
            Route("PATCH", tf + "/(?P<code>[^/]+)", self.patch_number),
            Route("DELETE", tf + "/(?P<code>[^/]+)", self.release_number),
            Route("GET", "/api/v2/messaging/sms/provisioning/orders/(?P<order_id>[^/]+)", self.get_order),
            Route("GET", "/api/v2/authorization/roles", self.list_roles),
            Route("POST", "/api/v2/authorization/roles", self.create_role),
            Route("GET", "/api/v2/authorization/roles/(?P<id>[^/]+)", self.get_role),
            Route("PUT", "/api/v2/authorization/roles/(?P<id>[^/]+)", self.update_role),
            Route("DELETE", "/api/v2/authorization/roles/(?P<id>[^/]+)", self.delete_role),
            Route("GET", "/api/v2/oauth/clients", self.list_clients),
            Route("POST", "/api/v2/oauth/clients", self.create_client),
            Route("GET", "/api/v2/oauth/clients/(?P<id>[^/]+)", self.get_client),
            Route("PUT", "/api/v2/oauth/clients/(?P<id>[^/]+)", self.update_client),
            Route("DELETE", "/api/v2/oauth/clients/(?P<id>[^/]+)", self.delete_client),
        ]

    # Login ----------------------------------------------------------------------------------

    def _known_clients(self):
        known = dict(self.config["clients"])
        known.update(self.created_clients)
        return known

    def token(self, req):
        header = req.header("authorization") or ""
        if not header.startswith("Basic "):
            raise HttpError(401, "client credentials must be sent with Basic authentication")
        try:
            client_id, dummy, client_secret = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            raise HttpError(401, "malformed Basic authorization") from None
        form = req.form()
        if form.get("grant_type") != "client_credentials":
            raise HttpError(400, "grant_type must be client_credentials")
        if self._known_clients().get(client_id) != client_secret:
            raise HttpError(401, "invalid client credentials")
        value = secrets.token_urlsafe(24)
        ttl = int(self.config["token_ttl"])
        self.tokens[value] = {"client_id": client_id, "expires_at": time.time() + ttl}
        return 200, {"access_token": value, "token_type": "bearer", "expires_in": ttl}

    def authorize(self, req):
        header = req.header("authorization") or ""
        if not header.startswith("Bearer "):
            raise bad_credentials()
        token = self.tokens.get(header[7:])
        if token is None or token["expires_at"] <= time.time():
            raise bad_credentials()

    # Paging -----------------------------------------------------------------------------------

    def _page(self, req, path, items, extra_query=""):
        size = self.config["page_size"]
        try:
            size = int((req.query.get("pageSize") or [size])[0])
            number = int((req.query.get("pageNumber") or ["1"])[0])
        except ValueError:
            raise HttpError(400, "pageSize and pageNumber must be integers") from None
        if size < 1 or number < 1:
            raise HttpError(400, "pageSize and pageNumber must be positive")
        total = len(items)
        count = max(1, -(-total // size))
        body = {
            "entities": items[(number - 1) * size:number * size],
            "pageSize": size, "pageNumber": number, "total": total, "pageCount": count,
        }
        if number < count and self.config["next_uri"]:
            body["nextUri"] = "%s?pageSize=%d&pageNumber=%d%s" % (path, size, number + 1, extra_query)
            if self.config["next_uri"] == "absolute":
                body["nextUri"] = "http://%s%s" % (req.header("host"), body["nextUri"])
        return 200, body

    # Toll-free numbers ------------------------------------------------------------------------

    @staticmethod
    def _shown(number):
        return {k: v for k, v in number.items() if k != "webhookPassword"}

    def list_owned(self, req):
        self.authorize(req)
        numbers = [self._shown(self.owned[k]) for k in sorted(self.owned)]
        return self._page(req, req.path, numbers)

    def available(self, req):
        self.authorize(req)
        try:
            count = int((req.query.get("numberOfResults") or ["10"])[0])
        except ValueError:
            raise HttpError(400, "numberOfResults must be an integer") from None
        if not 1 <= count <= 100:
            raise HttpError(400, "numberOfResults must be between 1 and 100")
        pool = [n for n in self.config["available"] if n not in self.owned]
        vanity = (req.query.get("vanity") or [None])[0]
        if vanity is not None:
            if not re.match(r"^[A-Za-z0-9]{4,7}$", vanity):
                raise HttpError(400, "vanity must be 4 to 7 letters or digits")
            digits = "".join(KEYPAD.get(c, c) for c in vanity.upper())
            pool = [n for n in pool if digits in n[4:]]
        return 200, {"entities": [{"tollfreeNumber": n} for n in pool[:count]]}

    def order(self, req):
        self.authorize(req)
        body = req.json()
        if not isinstance(body, list) or not body:
            raise HttpError(400, "body must be a non-empty JSON array of numbers to order")
        seen = set()
        for item in body:
            if not isinstance(item, dict):
                raise HttpError(400, "each order item must be an object")
            unknown = set(item) - ORDER_FIELDS
            if unknown:
                raise HttpError(400, "unknown fields: %s" % ", ".join(sorted(unknown)))
            missing = [f for f in ORDER_REQUIRED if not item.get(f)]
            if missing:
                raise HttpError(400, "missing fields: %s" % ", ".join(missing))
            _strings(item, ORDER_FIELDS)
            number = item["tollfreeNumber"]
            if not NUMBER.match(number):
                raise HttpError(400, "tollfreeNumber %s is not a toll-free number in the form 18445551212" % number)
            _url(item["moUrl"], "moUrl")
            _url(item["drUrl"], "drUrl")
            if number in seen:
                raise HttpError(400, "tollfreeNumber %s appears twice" % number)
            if number in self.owned:
                raise HttpError(400, "tollfreeNumber %s is already provisioned" % number)
            if number not in self.config["available"]:
                raise HttpError(400, "tollfreeNumber %s is not available" % number)
            seen.add(number)
        order_id = str(uuid.uuid4())
        for item in body:
            self.owned[item["tollfreeNumber"]] = dict(item, status="Pending", orderId=order_id)
        self.orders[order_id] = {"orderId": order_id, "status": "Pending", "polls": 0,
                                 "numbers": [item["tollfreeNumber"] for item in body]}
        return 200, {"orderId": order_id, "status": "Pending"}

    def get_order(self, req):
        self.authorize(req)
        order = self.orders.get(req.params["order_id"])
        if order is None:
            raise HttpError(404, "order not found")
        order["polls"] += 1
        if order["status"] == "Pending" and order["polls"] >= self.config["order_polls"]:
            if self.config["fail_orders"]:
                order.update(status="Failed", errorMessage="carrier rejected the order")
                for number in order["numbers"]:
                    self.owned.pop(number, None)
            else:
                order["status"] = "Completed"
                for number in order["numbers"]:
                    if number in self.owned:
                        self.owned[number]["status"] = "Active"
        return 200, {k: v for k, v in order.items() if k != "polls"}

    def _owned(self, req):
        self.authorize(req)
        number = self.owned.get(req.params["code"])
        if number is None:
            raise HttpError(404, "tollfree number %s is not provisioned" % req.params["code"])
        return number

    def patch_number(self, req):
        number = self._owned(req)
        body = req.json()
        if not isinstance(body, dict) or not body:
            raise HttpError(400, "body must be a non-empty JSON object")
        unknown = set(body) - PATCH_FIELDS
        if unknown:
            raise HttpError(400, "fields that cannot be changed: %s" % ", ".join(sorted(unknown)))
        _strings(body, PATCH_FIELDS)
        for field in ("moUrl", "drUrl"):
            if field in body:
                _url(body[field], field)
        number.update(body)
        return 200, self._shown(number)

    def release_number(self, req):
        number = self._owned(req)
        del self.owned[number["tollfreeNumber"]]
        return 204, None

    # Roles ------------------------------------------------------------------------------------

    def _role_body(self, req, role_id=None):
        body = req.json()
        if not isinstance(body, dict) or not isinstance(body.get("name"), str) or not body["name"]:
            raise HttpError(400, "a role needs a name")
        unknown = set(body) - {"name", "description", "permissionPolicies", "id"}
        if unknown:
            raise HttpError(400, "unknown fields: %s" % ", ".join(sorted(unknown)))
        for policy in body.get("permissionPolicies") or []:
            if (not isinstance(policy, dict) or not isinstance(policy.get("domain"), str)
                    or not isinstance(policy.get("entityName"), str)
                    or not isinstance(policy.get("actionSet"), list) or not policy["actionSet"]):
                raise HttpError(400, "each permission policy needs domain, entityName and a non-empty actionSet")
        for other in self.roles.values():
            if other["name"] == body["name"] and other["id"] != role_id:
                raise HttpError(409, "a role named %s already exists" % body["name"])
        return body

    def list_roles(self, req):
        self.authorize(req)
        name = (req.query.get("name") or [None])[0]
        roles = [r for r in self.roles.values() if name is None or r["name"] == name]
        extra = "&name=%s" % name if name else ""
        return self._page(req, req.path, sorted(roles, key=lambda r: r["name"]), extra)

    def create_role(self, req):
        self.authorize(req)
        body = self._role_body(req)
        role = {"id": str(uuid.uuid4()), "name": body["name"], "description": body.get("description", ""),
                "permissionPolicies": body.get("permissionPolicies") or []}
        self.roles[role["id"]] = role
        return 200, role

    def _role(self, req):
        self.authorize(req)
        role = self.roles.get(req.params["id"])
        if role is None:
            raise HttpError(404, "role not found")
        return role

    def get_role(self, req):
        return 200, self._role(req)

    def update_role(self, req):
        role = self._role(req)
        body = self._role_body(req, role["id"])
        role.update({"name": body["name"], "description": body.get("description", ""),
                     "permissionPolicies": body.get("permissionPolicies") or []})
        return 200, role

    def delete_role(self, req):
        role = self._role(req)
        del self.roles[role["id"]]
        return 204, None

    # OAuth clients ----------------------------------------------------------------------------

    def _client_body(self, req, client_id=None):
        body = req.json()
        if not isinstance(body, dict) or not isinstance(body.get("name"), str) or not body["name"]:
            raise HttpError(400, "an OAuth client needs a name")
        unknown = set(body) - {"name", "description", "authorizedGrantType", "roleIds", "accessTokenValiditySeconds", "id"}
        if unknown:
            raise HttpError(400, "unknown fields: %s" % ", ".join(sorted(unknown)))
        if body.get("authorizedGrantType") != "CLIENT-CREDENTIALS":
            raise HttpError(400, "authorizedGrantType must be CLIENT-CREDENTIALS here")
        role_ids = body.get("roleIds") or []
        if not isinstance(role_ids, list) or any(r not in self.roles for r in role_ids):
            raise HttpError(400, "roleIds must list existing role ids")
        validity = body.get("accessTokenValiditySeconds", 86400)
        if not isinstance(validity, int) or not 300 <= validity <= 172800:
            raise HttpError(400, "accessTokenValiditySeconds must be between 300 and 172800")
        for other in self.oauth_clients.values():
            if other["name"] == body["name"] and other["id"] != client_id:
                raise HttpError(409, "an OAuth client named %s already exists" % body["name"])
        return body

    def _shown_client(self, client):
        return {k: v for k, v in client.items() if k != "secret"}

    def list_clients(self, req):
        self.authorize(req)
        clients = sorted(self.oauth_clients.values(), key=lambda c: c["name"])
        return self._page(req, req.path, [self._shown_client(c) for c in clients])

    def create_client(self, req):
        self.authorize(req)
        body = self._client_body(req)
        client = {
            "id": str(uuid.uuid4()), "name": body["name"], "description": body.get("description", ""),
            "authorizedGrantType": "CLIENT-CREDENTIALS", "roleIds": body.get("roleIds") or [],
            "accessTokenValiditySeconds": body.get("accessTokenValiditySeconds", 86400),
            "secret": secrets.token_urlsafe(30),
        }
        self.oauth_clients[client["id"]] = client
        self.created_clients[client["id"]] = client["secret"]
        return 200, dict(client)

    def _client(self, req):
        self.authorize(req)
        client = self.oauth_clients.get(req.params["id"])
        if client is None:
            raise HttpError(404, "OAuth client not found")
        return client

    def get_client(self, req):
        return 200, self._shown_client(self._client(req))

    def update_client(self, req):
        client = self._client(req)
        body = self._client_body(req, client["id"])
        client.update({"name": body["name"], "description": body.get("description", ""),
                       "roleIds": body.get("roleIds") or [],
                       "accessTokenValiditySeconds": body.get("accessTokenValiditySeconds", 86400)})
        return 200, self._shown_client(client)

    def delete_client(self, req):
        client = self._client(req)
        del self.oauth_clients[client["id"]]
        self.created_clients.pop(client["id"], None)
        return 204, None

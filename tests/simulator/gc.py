# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Genesys Cloud plane: login, toll-free numbers and orders, roles, OAuth clients, divisions.

Faithful to the vendor's Python SDK (purecloudplatformclientv2 269.0.0): request bodies are checked
against its request models (``MODELS``, which tests/sdk keeps equal to the SDK), query parameters are
the SDK operation's own (any other is a 400), answers carry the response models' fields and errors
the ``ErrorBody`` shape. One process serves both hosts: login and API paths live side by side.
See docs/simulator.md and docs/api-facts.md.
"""

from __future__ import annotations

import base64
import copy
import datetime
import re
import secrets
import time
import uuid
from urllib.parse import urlencode, urlsplit

from .core import HttpError, Plane, Route

DEFAULT_CLIENT_ID = "4da40a9d-b113-4024-8ba9-c9dd89c91f67"
DEFAULT_CLIENT_SECRET = "sim-gc-client-secret-aKSXEgLO57"
HOME_DIVISION_ID = "9f4a6e51-2c59-4b1e-8d1a-0d6b3c8e7a10"
# Ids of the named divisions (config "divisions") derive from their names, so they are stable across resets.
DIVISION_NAMESPACE = uuid.UUID("5b0e4c1a-8f3d-4e27-9a61-2f7d0c9b4e33")

TOLLFREE_PREFIXES = ("800", "833", "844", "855", "866", "877", "888")
DIGITS = re.compile(r"^1(%s)\d{7}$" % "|".join(TOLLFREE_PREFIXES))
E164 = re.compile(r"^\+1(%s)\d{7}$" % "|".join(TOLLFREE_PREFIXES))
NUMBER_FORMATS = {"digits": "18445551212", "e164": "+18445551212"}
ORDER_FIELDS = {"tollfreeNumber", "comment", "moUrl", "drUrl", "webhookUsername", "webhookPassword", "emailAddress"}
ORDER_REQUIRED = ("tollfreeNumber", "moUrl", "drUrl", "webhookUsername", "webhookPassword")
PATCH_FIELDS = ORDER_FIELDS - {"tollfreeNumber"}
KEYPAD = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999"))
PERMISSION = re.compile(r"^([A-Za-z0-9_*-]+):([A-Za-z0-9_*-]+):([A-Za-z0-9_*-]+)$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$")
CLIENT_ROLE_FORMS = ("both", "roleDivisions", "roleIds")

# Request models as the SDK defines them: JSON field -> SDK type. tests/sdk/test_sdk.py fails when the
# SDK's models (purecloudplatformclientv2 269.0.0, PureCloudPlatformClientV2/models/*.py) differ.
MODELS = {
    "OAuthClientRequest": {
        "name": "str", "accessTokenValiditySeconds": "int", "description": "str", "registeredRedirectUri": "list[str]",
        "roleIds": "list[str]", "authorizedGrantType": "str", "scope": "list[str]",
        "roleDivisions": "list[RoleDivision]", "state": "str", "dateToDelete": "datetime",
    },
    "RoleDivision": {"roleId": "str", "divisionId": "str"},
    "DomainOrganizationRoleCreate": {
        "id": "str", "name": "str", "description": "str", "defaultRoleId": "str", "permissions": "list[str]",
        "unusedPermissions": "list[str]", "permissionPolicies": "list[DomainPermissionPolicy]", "userCount": "int",
        "roleNeedsUpdate": "bool", "baseLicense": "str", "addonLicenses": "list[str]",
        "dateLicenseLastUpdated": "datetime", "default": "bool", "base": "bool", "selfUri": "str",
    },
    "DomainOrganizationRoleUpdate": {
        "id": "str", "name": "str", "description": "str", "permissions": "list[str]",
        "permissionPolicies": "list[DomainPermissionPolicy]", "selfUri": "str",
    },
    "DomainPermissionPolicy": {
        "domain": "str", "entityName": "str", "policyName": "str", "policyDescription": "str", "actionSet": "list[str]",
        "namedResources": "list[str]", "allowConditions": "bool", "resourceConditionNode": "DomainResourceConditionNode",
    },
    "DomainResourceConditionNode": {
        "variableName": "str", "operator": "str", "operands": "list[DomainResourceConditionValue]",
        "conjunction": "str", "terms": "list[DomainResourceConditionNode]",
    },
    # user, queue and team are full entities in the SDK (UserFullReference, ...); the simulator checks
    # only that each is an object with a string id ("ref"), see docs/simulator.md.
    "DomainResourceConditionValue": {"user": "ref", "queue": "ref", "team": "ref", "value": "str", "type": "str"},
}
ENUMS = {
    ("OAuthClientRequest", "authorizedGrantType"): ("CODE", "TOKEN", "SAML2-BEARER", "PASSWORD", "CLIENT-CREDENTIALS"),
    ("OAuthClientRequest", "state"): ("active", "disabled", "inactive"),
    ("DomainResourceConditionNode", "operator"): ("EQ", "IN", "GE", "GT", "LE", "LT"),
    ("DomainResourceConditionNode", "conjunction"): ("AND", "OR"),
    ("DomainResourceConditionValue", "type"): ("SCALAR", "VARIABLE", "USER", "TEAM", "QUEUE"),
}
# Required fields (the SDK's docs mark every other field "[optional]").
REQUIRED = {
    "OAuthClientRequest": ("name", "authorizedGrantType"),
    "RoleDivision": ("roleId", "divisionId"),
    "DomainOrganizationRoleCreate": ("name",),
    "DomainOrganizationRoleUpdate": ("name",),
}

# Query parameters of each operation: SDK 269.0.0 (authorization_api.py, o_auth_api.py); the toll-free
# operations are not in it, theirs come from the JavaScript SDK's MessagingApi docs (see docs/api-facts.md).
PAGING = {"pageSize": "int", "pageNumber": "int", "sortBy": "str", "expand": "list", "nextPage": "str",
          "previousPage": "str"}
QUERY = {
    "roles": dict(PAGING, name="str", permission="list", defaultRoleId="list", userCount="bool", id="list"),
    "role": {"userCount": "bool", "expand": "list"},
    "divisions": dict(PAGING, objectCount="bool", id="list", name="str"),
    "division": {"objectCount": "bool"},
    "available": {"numberOfResults": "int", "vanity": "str"},
    "none": {},
}
SORTABLE = ("name", "id")
ROLE_EXPANDS = ("unusedPermissions",)

# Error codes by status, for errors raised without one (ErrorBody.code).
CODES = {400: "bad.request", 401: "bad.credentials", 403: "missing.any.permissions", 404: "not.found",
         405: "method.not.allowed", 409: "conflict", 415: "unsupported.media.type", 429: "too.many.requests",
         500: "internal.server.error", 502: "bad.gateway", 503: "service.unavailable", 504: "gateway.timeout"}
OAUTH_CODES = {400: "invalid_request", 401: "invalid_client", 415: "invalid_request"}


def default_pool():
    return ["1%s555%04d" % (prefix, n) for prefix in ("844", "888") for n in range(100, 160)]


def bad_request(message, **params):
    return HttpError(400, message, code="bad.request", params=params)


def bad_credentials():
    return HttpError(401, "Invalid login credentials.", code="bad.credentials")


def not_found(what, entity_id):
    return HttpError(404, "{entity} {id} not found", code="not.found", params={"entity": what, "id": entity_id})


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _url(value, field):
    parts = urlsplit(value if isinstance(value, str) else "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad_request("{field} must be an http(s) URL", field=field)


def _strings(item, fields):
    for field in fields:
        if field in item and not isinstance(item[field], str):
            raise bad_request("{field} must be a string", field=field)


def check(value, kind, where):
    """Raise a 400 unless ``value`` is of the SDK type ``kind`` (str, int, bool, datetime, list[..], a model)."""
    if kind.startswith("list["):
        if not isinstance(value, list):
            raise bad_request("{field} must be a list", field=where)
        for index, item in enumerate(value):
            if item is None:
                raise bad_request("{field} must not hold null", field=where)
            check(item, kind[5:-1], "%s[%d]" % (where, index))
    elif kind == "str":
        if not isinstance(value, str):
            raise bad_request("{field} must be a string", field=where)
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_request("{field} must be an integer", field=where)
    elif kind == "bool":
        if not isinstance(value, bool):
            raise bad_request("{field} must be true or false", field=where)
    elif kind == "datetime":
        if not isinstance(value, str) or not DATETIME.match(value):
            raise bad_request("{field} must be an ISO-8601 date and time such as 2026-01-31T12:00:00.000Z", field=where)
    elif kind == "ref":
        if not isinstance(value, dict) or not isinstance(value.get("id"), str):
            raise bad_request("{field} must be an object with a string id", field=where)
    else:
        check_model(value, kind, where)


def check_model(value, model, where):
    """A JSON object of a request model: no field the model lacks, each field's type and enum, required fields."""
    if not isinstance(value, dict):
        if where:
            raise bad_request("{field} must be a JSON object ({model})", field=where, model=model)
        raise bad_request("the body must be a JSON object ({model})", model=model)
    fields = MODELS[model]
    unknown = sorted(set(value) - set(fields))
    if unknown:
        if where:
            raise bad_request("Unrecognized field {fields} in {field} ({model})",
                              fields=", ".join(unknown), field=where, model=model)
        raise bad_request("Unrecognized field {fields} in {model}", fields=", ".join(unknown), model=model)
    for name in REQUIRED.get(model, ()):
        if value.get(name) is None:
            raise bad_request("{field} is required", field=_join(where, name))
    for name, kind in fields.items():
        if value.get(name) is None:  # absent, or null as the SDK's ApiNullValue sends it
            continue
        check(value[name], kind, _join(where, name))
        allowed = ENUMS.get((model, name))
        if allowed and value[name] not in allowed:
            raise bad_request("{field} must be one of {allowed}", field=_join(where, name), allowed=", ".join(allowed))


def _join(where, name):
    return "%s.%s" % (where, name) if where else name


class GcPlane(Plane):
    name = "gc"

    def __init__(self):
        super().__init__({
            "clients": {DEFAULT_CLIENT_ID: DEFAULT_CLIENT_SECRET},
            "token_ttl": 86400,
            "page_size": 25,
            # Listings give relative links; "absolute" gives them with scheme and host (as some endpoints do);
            # False leaves only the numbers (pageNumber, pageCount, ...).
            "next_uri": True,
            "available": default_pool(),
            # How /available and the owned list show numbers; the order POST takes only this form.
            "number_format": "digits",
            # GET polls of an order before it completes, and whether it then fails.
            "order_polls": 1,
            "fail_orders": False,
            # Which role form OAuth clients are answered with: both, or only one of them.
            "client_role_form": "both",
            "home_division": "Home",
            # Names of further divisions.
            "divisions": [],
            # GC-VANITY (docs/api-facts.md): "digits" matches the vanity's digits after the area code; "anywhere"
            # anywhere in the number, last numbers first (a looser search); "ignored" answers as if no vanity was given.
            "vanity_search": "digits",
        })

    def reset(self):
        self.tokens = {}
        self.owned = {}
        self.orders = {}
        self.roles = {}
        self.oauth_clients = {}

    def configure(self, settings):
        settings = dict(settings)
        if settings.pop("expire_tokens", False):
            for token in self.tokens.values():
                token["expires_at"] = 0
        if "number_format" in settings and settings["number_format"] not in NUMBER_FORMATS:
            raise HttpError(400, "number_format must be one of %s" % ", ".join(NUMBER_FORMATS))
        if "client_role_form" in settings and settings["client_role_form"] not in CLIENT_ROLE_FORMS:
            raise HttpError(400, "client_role_form must be one of %s" % ", ".join(CLIENT_ROLE_FORMS))
        if "vanity_search" in settings and settings["vanity_search"] not in ("digits", "anywhere", "ignored"):
            raise HttpError(400, "vanity_search must be digits, anywhere or ignored")
        if "divisions" in settings and (not isinstance(settings["divisions"], list)
                                        or not all(isinstance(n, str) and n for n in settings["divisions"])):
            raise HttpError(400, "divisions must be a list of names")
        super().configure(settings)

    def dump(self):
        return copy.deepcopy({
            "owned": self.owned, "orders": self.orders, "roles": self.roles,
            "oauth_clients": self.oauth_clients, "tokens": sorted(self.tokens), "divisions": self._divisions(),
        })

    def owns(self, path):
        return path.startswith("/api/v2/") or path.startswith("/oauth/")

    def error_body(self, error, path):
        """ErrorBody (SDK models/error_body.py); the login service answers OAuth errors (RFC 6749, 5.2)."""
        if path.startswith("/oauth/"):
            return {"error": error.code or OAUTH_CODES.get(error.status, "invalid_request"),
                    "error_description": error.text()}
        # messageParams fill messageWithParams; a "field" param that the text does not use names the field in details.
        params = {k: str(v) for k, v in error.params.items() if "{%s}" % k in error.message}
        field = error.params.get("field")
        details = [{"errorCode": error.code or CODES.get(error.status, "error"), "fieldName": field}] if field else []
        return {
            "message": error.text(), "code": error.code or CODES.get(error.status, "error"), "status": error.status,
            "messageWithParams": error.message, "messageParams": params, "contextId": str(uuid.uuid4()),
            "details": details, "errors": [],
        }

    def routes(self):
        tf = "/api/v2/messaging/sms/provisioning/tollfreenumbers"
        roles, clients, divisions = "/api/v2/authorization/roles", "/api/v2/oauth/clients", "/api/v2/authorization/divisions"
        return [
            Route("POST", "/oauth/token", self.token, write=False),
            Route("GET", tf, self.list_owned),
            Route("POST", tf, self.order),
            Route("GET", tf + "/available", self.available),
            Route("PATCH", tf + "/(?P<code>[^/]+)", self.patch_number),
            Route("DELETE", tf + "/(?P<code>[^/]+)", self.release_number),
            Route("GET", "/api/v2/messaging/sms/provisioning/orders/(?P<order_id>[^/]+)", self.get_order),
            Route("GET", roles, self.list_roles),
            Route("POST", roles, self.create_role),
            Route("GET", roles + "/(?P<id>[^/]+)", self.get_role),
            Route("PUT", roles + "/(?P<id>[^/]+)", self.update_role),
            Route("DELETE", roles + "/(?P<id>[^/]+)", self.delete_role),
            Route("GET", clients, self.list_clients),
            Route("POST", clients, self.create_client),
            Route("GET", clients + "/(?P<id>[^/]+)", self.get_client),
            Route("PUT", clients + "/(?P<id>[^/]+)", self.update_client),
            Route("DELETE", clients + "/(?P<id>[^/]+)", self.delete_client),
            Route("POST", clients + "/(?P<id>[^/]+)/secret", self.regenerate_secret),
            Route("GET", divisions, self.list_divisions),
            Route("GET", divisions + "/home", self.home_division),
            Route("GET", divisions + "/(?P<id>[^/]+)", self.get_division),
        ]

    # Login ----------------------------------------------------------------------------------

    def _login_secret(self, client_id):
        """The secret a client logs in with, None if it cannot (unknown, not client-credentials, not active)."""
        if client_id in self.config["clients"]:
            return self.config["clients"][client_id]
        client = self.oauth_clients.get(client_id)
        if client is None or client["authorizedGrantType"] != "CLIENT-CREDENTIALS" or client["state"] != "active":
            return None
        return client["secret"]

    def token(self, req):
        """Client credentials (RFC 6749, 4.4): Basic auth, form body; unknown parameters ignored (RFC 6749, 3.2)."""
        header = req.header("authorization") or ""
        if not header.startswith("Basic "):
            raise HttpError(401, "client credentials must be sent with Basic authentication", code="invalid_client")
        try:
            client_id, dummy, client_secret = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            raise HttpError(401, "malformed Basic authorization", code="invalid_client") from None
        form = req.form()
        if "grant_type" not in form:
            raise HttpError(400, "grant_type is required", code="invalid_request")
        if form["grant_type"] != "client_credentials":
            raise HttpError(400, "grant_type must be client_credentials", code="unsupported_grant_type")
        expected = self._login_secret(client_id)
        if expected is None or not secrets.compare_digest(expected, client_secret):
            raise HttpError(401, "invalid client credentials", code="invalid_client")
        value = secrets.token_urlsafe(24)
        created = self.oauth_clients.get(client_id)
        ttl = int(created["accessTokenValiditySeconds"] if created else self.config["token_ttl"])
        self.tokens[value] = {"client_id": client_id, "expires_at": time.time() + ttl}
        return 200, {"access_token": value, "token_type": "bearer", "expires_in": ttl}

    def authorize(self, req):
        """The token's client id; 401 for a missing, expired or revoked token (its client deleted or disabled)."""
        header = req.header("authorization") or ""
        if not header.startswith("Bearer "):
            raise bad_credentials()
        token = self.tokens.get(header[7:])
        if token is None or token["expires_at"] <= time.time():
            raise bad_credentials()
        client_id = token["client_id"]
        if client_id not in self.config["clients"]:
            client = self.oauth_clients.get(client_id)
            if client is None or client["state"] != "active":
                raise bad_credentials()
        return client_id

    # Query parameters and listings ------------------------------------------------------------

    @staticmethod
    def _query(req, operation):
        """The query parameters the SDK's operation defines, typed; any other parameter is a 400."""
        spec = QUERY[operation]
        unknown = sorted(set(req.query) - set(spec))
        if unknown:
            raise bad_request("Unrecognized query parameter {parameters} for {method} {path}",
                              parameters=", ".join(unknown), method=req.method, path=req.path)
        values = {}
        for name, kind in spec.items():
            given = req.query.get(name)
            if given is None:
                continue
            if kind == "list":
                values[name] = [v for item in given for v in item.split(",") if v]
                continue
            if len(given) > 1:
                raise bad_request("query parameter {field} given more than once", field=name)
            value = given[0]
            if kind == "int":
                if not re.match(r"^-?\d+$", value):
                    raise bad_request("query parameter {field} must be an integer", field=name)
                value = int(value)
            elif kind == "bool":
                if value.lower() not in ("true", "false"):
                    raise bad_request("query parameter {field} must be true or false", field=name)
                value = value.lower() == "true"
            values[name] = value
        for token in ("nextPage", "previousPage"):
            if token in values:
                raise bad_request("{field} is not a page token this server issued", field=token)
        if "sortBy" in values and values["sortBy"] not in SORTABLE:
            raise bad_request("cannot sort by {field}", field=values["sortBy"])
        return values

    def _link(self, req, path, query):
        if self.config["next_uri"] == "absolute":
            return "http://%s%s%s" % (req.header("host"), path, "?" + query if query else "")
        return path + ("?" + query if query else "")

    def _listing(self, req, items, query=None):
        """An *EntityListing: entities, pageSize, pageNumber, total, pageCount and the links that apply.

        ``query`` None: the operation takes no paging parameters (SDK), so every entity is on one page.
        """
        total = len(items)
        if query is None:
            size, number, count, entities = total, 1, 1, items
        else:
            size = query.get("pageSize", self.config["page_size"])
            number = query.get("pageNumber", 1)
            if size < 1 or number < 1:
                raise bad_request("pageSize and pageNumber must be positive")
            count = max(1, -(-total // size))
            entities = items[(number - 1) * size:number * size]
        body = {"entities": entities, "pageSize": size, "pageNumber": number, "total": total, "pageCount": count}
        if not self.config["next_uri"]:
            return 200, body
        if query is None:
            for key in ("firstUri", "selfUri", "lastUri"):
                body[key] = self._link(req, req.path, "")
            return 200, body
        # Filters stay in every link, the paging numbers first, as the real API writes them.
        filters = [(k, v) for k in sorted(req.query) if k not in ("pageSize", "pageNumber") for v in req.query[k]]

        def page(n):
            return self._link(req, req.path, urlencode([("pageSize", size), ("pageNumber", n)] + filters))

        body.update(firstUri=page(1), selfUri=page(number), lastUri=page(count))
        if number < count:
            body["nextUri"] = page(number + 1)
        if 1 < number <= count:
            body["previousUri"] = page(number - 1)
        return 200, body

    @staticmethod
    def _sorted(items, query):
        return sorted(items, key=lambda e: (e.get(query.get("sortBy", "name")) or "").lower())

    # Toll-free numbers ------------------------------------------------------------------------

    def _show_number(self, digits):
        return "+" + digits if self.config["number_format"] == "e164" else digits

    def _pool(self):
        return [n.lstrip("+") for n in self.config["available"]]

    def _shown(self, number):
        shown = {k: v for k, v in number.items() if k != "webhookPassword"}
        shown["tollfreeNumber"] = self._show_number(number["tollfreeNumber"])
        return shown

    def list_owned(self, req):
        self.authorize(req)
        self._query(req, "none")
        return self._listing(req, [self._shown(self.owned[k]) for k in sorted(self.owned)])

    def available(self, req):
        self.authorize(req)
        query = self._query(req, "available")
        count = query.get("numberOfResults", 10)
        if not 1 <= count <= 100:
            raise bad_request("numberOfResults must be between 1 and 100")
        pool = [n for n in self._pool() if n not in self.owned]
        vanity = query.get("vanity")
        if vanity is not None:
            if not re.match(r"^[A-Za-z0-9]{4,7}$", vanity):
                raise bad_request("vanity must be 4 to 7 letters or digits")
            digits = "".join(KEYPAD.get(c, c) for c in vanity.upper())
            if self.config["vanity_search"] == "digits":
                pool = [n for n in pool if digits in n[4:]]
            elif self.config["vanity_search"] == "anywhere":
                pool = [n for n in reversed(pool) if digits in n]
        return 200, {"entities": [{"tollfreeNumber": self._show_number(n)} for n in pool[:count]]}

    def _listed_form(self, number):
        """The number's digits, if it is in the form this server lists numbers (strict: a reformatted number is a 400)."""
        form = self.config["number_format"]
        if not (E164 if form == "e164" else DIGITS).match(number):
            raise bad_request("tollfreeNumber {number} is not a toll-free number in the form this API lists, such as "
                              "{example}", number=number, example=NUMBER_FORMATS[form])
        return number.lstrip("+")

    def order(self, req):
        self.authorize(req)
        self._query(req, "none")
        body = req.json()
        if not isinstance(body, list) or not body:
            raise bad_request("body must be a non-empty JSON array of numbers to order")
        seen = set()
        for item in body:
            if not isinstance(item, dict):
                raise bad_request("each order item must be an object")
            unknown = set(item) - ORDER_FIELDS
            if unknown:
                raise bad_request("Unrecognized field {fields} in an order item", fields=", ".join(sorted(unknown)))
            missing = [f for f in ORDER_REQUIRED if not item.get(f)]
            if missing:
                raise bad_request("missing fields: {fields}", fields=", ".join(missing))
            _strings(item, ORDER_FIELDS)
            number = self._listed_form(item["tollfreeNumber"])
            _url(item["moUrl"], "moUrl")
            _url(item["drUrl"], "drUrl")
            if number in seen:
                raise bad_request("tollfreeNumber {number} appears twice", number=item["tollfreeNumber"])
            if number in self.owned:
                raise bad_request("tollfreeNumber {number} is already provisioned", number=item["tollfreeNumber"])
            if number not in self._pool():
                raise bad_request("tollfreeNumber {number} is not available", number=item["tollfreeNumber"])
            seen.add(number)
        order_id = str(uuid.uuid4())
        numbers = [item["tollfreeNumber"].lstrip("+") for item in body]
        for number, item in zip(numbers, body):
            self.owned[number] = dict(item, tollfreeNumber=number, status="Pending", orderId=order_id)
        self.orders[order_id] = {"orderId": order_id, "status": "Pending", "polls": 0, "numbers": numbers}
        return 200, {"orderId": order_id, "status": "Pending"}

    def get_order(self, req):
        self.authorize(req)
        self._query(req, "none")
        order = self.orders.get(req.params["order_id"])
        if order is None:
            raise not_found("order", req.params["order_id"])
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
        shown = {k: v for k, v in order.items() if k != "polls"}
        shown["numbers"] = [self._show_number(n) for n in order["numbers"]]
        return 200, shown

    def _owned(self, req):
        """The number of the path: its code is documented as digits (18445551212); the listed form is taken too."""
        self.authorize(req)
        self._query(req, "none")
        code = req.params["code"]
        accepted = DIGITS.match(code) or code == self._show_number(code.lstrip("+"))
        number = self.owned.get(code.lstrip("+")) if accepted else None
        if number is None:
            raise not_found("tollfree number", code)
        return number

    def patch_number(self, req):
        number = self._owned(req)
        body = req.json()
        if not isinstance(body, dict) or not body:
            raise bad_request("body must be a non-empty JSON object")
        unknown = set(body) - PATCH_FIELDS
        if unknown:
            raise bad_request("fields that cannot be changed: {fields}", fields=", ".join(sorted(unknown)))
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

    # Divisions --------------------------------------------------------------------------------

    def _divisions(self):
        """Every division: the home division first, then the configured ones (AuthzDivision)."""
        home = {"id": HOME_DIVISION_ID, "name": self.config["home_division"], "description": "",
                "homeDivision": True}
        named = [{"id": str(uuid.uuid5(DIVISION_NAMESPACE, name)), "name": name, "description": "",
                  "homeDivision": False} for name in self.config["divisions"] if name != home["name"]]
        return [dict(d, selfUri="/api/v2/authorization/divisions/" + d["id"]) for d in [home] + named]

    def _division_ids(self):
        return {d["id"] for d in self._divisions()}

    @staticmethod
    def _counted(division, query):
        return dict(division, objectCounts={}) if query.get("objectCount") else division

    def list_divisions(self, req):
        self.authorize(req)
        query = self._query(req, "divisions")
        if query.get("expand"):
            raise bad_request("cannot expand {field}", field=", ".join(query["expand"]))
        found = self._divisions()
        if query.get("id"):
            found = [d for d in found if d["id"] in query["id"]]
        if "name" in query:
            found = [d for d in found if query["name"].lower() in d["name"].lower()]
        return self._listing(req, [self._counted(d, query) for d in self._sorted(found, query)], query)

    def home_division(self, req):
        self.authorize(req)
        self._query(req, "none")
        return 200, self._divisions()[0]

    def get_division(self, req):
        self.authorize(req)
        query = self._query(req, "division")
        for division in self._divisions():
            if division["id"] == req.params["id"]:
                return 200, self._counted(division, query)
        raise not_found("division", req.params["id"])

    # Roles ------------------------------------------------------------------------------------

    def _role_body(self, req, model, role_id=None):
        """Name, description and the permissions of a role request: both forms, merged into one set."""
        body = req.json()
        check_model(body, model, "")
        if not body["name"].strip():
            raise bad_request("name must not be empty", field="name")
        grants, extras = set(), {}
        for index, text in enumerate(body.get("permissions") or []):
            match = PERMISSION.match(text)
            if not match:
                raise bad_request("{field} must be domain:entity:action, got {value}",
                                  field="permissions[%d]" % index, value=text)
            grants.add(match.groups())
        for index, policy in enumerate(body.get("permissionPolicies") or []):
            where = "permissionPolicies[%d]" % index
            for name in ("domain", "entityName"):
                if not policy.get(name) or not re.match(r"^[A-Za-z0-9_*-]+$", policy[name]):
                    raise bad_request("{field} is required: a name such as messaging or *", field=_join(where, name))
            if not policy.get("actionSet"):
                raise bad_request("{field} needs at least one action", field=_join(where, "actionSet"))
            for action in policy["actionSet"]:
                if not re.match(r"^[A-Za-z0-9_*-]+$", action):
                    raise bad_request("{field} holds an action that is not a name: {value}",
                                      field=_join(where, "actionSet"), value=action)
                grants.add((policy["domain"], policy["entityName"], action))
            extra = {k: policy[k] for k in ("policyName", "policyDescription", "namedResources", "allowConditions",
                                            "resourceConditionNode") if policy.get(k) is not None}
            if extra:
                extras["%s:%s" % (policy["domain"], policy["entityName"])] = extra
        for other in self.roles.values():
            if other["name"] == body["name"] and other["id"] != role_id:
                raise HttpError(409, "A role named {name} already exists", code="conflict", params={"name": body["name"]})
        return body, grants, extras

    @staticmethod
    def _store_role(role, body, grants, extras):
        role.update(name=body["name"], description=body.get("description") or "",
                    permissions=sorted("%s:%s:%s" % g for g in grants), policyExtras=extras)
        if body.get("defaultRoleId") is not None:
            role["defaultRoleId"] = body["defaultRoleId"]

    @staticmethod
    def _shown_role(role, query=None):
        """DomainOrganizationRole: the permissions as strings and as policies, one per domain and entity."""
        query = query or {}
        grouped = {}
        for permission in role["permissions"]:
            domain, entity, action = permission.split(":")
            grouped.setdefault((domain, entity), []).append(action)
        policies = []
        for (domain, entity), actions in sorted(grouped.items()):
            policy = {"domain": domain, "entityName": entity, "actionSet": sorted(actions), "allowConditions": False}
            policy.update(role["policyExtras"].get("%s:%s" % (domain, entity), {}))
            policies.append(policy)
        shown = {"id": role["id"], "name": role["name"], "description": role["description"],
                 "permissions": list(role["permissions"]), "permissionPolicies": policies,
                 "default": False, "base": False, "selfUri": "/api/v2/authorization/roles/" + role["id"]}
        if "defaultRoleId" in role:
            shown["defaultRoleId"] = role["defaultRoleId"]
        if query.get("userCount", True):
            shown["userCount"] = 0
        if "unusedPermissions" in query.get("expand", []):
            shown["unusedPermissions"] = []
        return shown

    @staticmethod
    def _expand(query, allowed):
        bad = [e for e in query.get("expand", []) if e not in allowed]
        if bad:
            raise bad_request("cannot expand {field}", field=", ".join(bad))

    def list_roles(self, req):
        self.authorize(req)
        query = self._query(req, "roles")
        self._expand(query, ROLE_EXPANDS)
        roles = list(self.roles.values())
        if "name" in query:
            roles = [r for r in roles if query["name"].lower() in r["name"].lower()]
        if query.get("id"):
            roles = [r for r in roles if r["id"] in query["id"]]
        if query.get("permission"):
            roles = [r for r in roles if set(query["permission"]) & set(r["permissions"])]
        if query.get("defaultRoleId"):
            roles = [r for r in roles if r.get("defaultRoleId") in query["defaultRoleId"]]
        shown = [self._shown_role(r, query) for r in self._sorted(roles, query)]
        return self._listing(req, shown, query)

    def create_role(self, req):
        self.authorize(req)
        self._query(req, "none")
        body, grants, extras = self._role_body(req, "DomainOrganizationRoleCreate")
        role = {"id": str(uuid.uuid4())}
        self._store_role(role, body, grants, extras)
        self.roles[role["id"]] = role
        return 200, self._shown_role(role)

    def _role(self, req):
        self.authorize(req)
        role = self.roles.get(req.params["id"])
        if role is None:
            raise not_found("role", req.params["id"])
        return role

    def get_role(self, req):
        role = self._role(req)
        query = self._query(req, "role")
        self._expand(query, ROLE_EXPANDS)
        return 200, self._shown_role(role, query)

    def update_role(self, req):
        role = self._role(req)
        self._query(req, "none")
        body, grants, extras = self._role_body(req, "DomainOrganizationRoleUpdate", role["id"])
        self._store_role(role, body, grants, extras)
        return 200, self._shown_role(role)

    def delete_role(self, req):
        role = self._role(req)
        self._query(req, "none")
        del self.roles[role["id"]]
        return 204, None

    # OAuth clients ----------------------------------------------------------------------------

    def _client_body(self, req, client_id=None):
        """An OAuthClientRequest, with its roles as {roleId, divisionId} whichever form they came in."""
        body = req.json()
        check_model(body, "OAuthClientRequest", "")
        if not body["name"].strip():
            raise bad_request("name must not be empty", field="name")
        validity = body.get("accessTokenValiditySeconds")
        if validity is not None and not 300 <= validity <= 172800:
            raise bad_request("accessTokenValiditySeconds must be between 300 and 172800",
                              field="accessTokenValiditySeconds")
        # roleIds (deprecated) grant the role in the home division; both forms may be given together.
        pairs = [{"roleId": r, "divisionId": HOME_DIVISION_ID} for r in body.get("roleIds") or []]
        pairs += [{"roleId": p["roleId"], "divisionId": p["divisionId"]} for p in body.get("roleDivisions") or []]
        if pairs and body["authorizedGrantType"] != "CLIENT-CREDENTIALS":
            raise bad_request("roles and divisions only apply to clients with the CLIENT-CREDENTIALS grant")
        known = self._division_ids()
        unique = []
        for index, pair in enumerate(pairs):
            if pair["roleId"] not in self.roles:
                raise bad_request("role {id} does not exist", id=pair["roleId"], field="roleDivisions[%d].roleId" % index)
            if pair["divisionId"] not in known:
                raise bad_request("division {id} does not exist", id=pair["divisionId"],
                                  field="roleDivisions[%d].divisionId" % index)
            if pair not in unique:
                unique.append(pair)
        for other in self.oauth_clients.values():
            if other["name"] == body["name"] and other["id"] != client_id:
                raise HttpError(409, "An OAuth client named {name} already exists", code="conflict",
                                params={"name": body["name"]})
        return body, unique

    @staticmethod
    def _store_client(client, body, pairs, by):
        client.update(
            name=body["name"], description=body.get("description") or "",
            authorizedGrantType=body["authorizedGrantType"],
            accessTokenValiditySeconds=body.get("accessTokenValiditySeconds") or 86400,
            registeredRedirectUri=list(body.get("registeredRedirectUri") or []), scope=list(body.get("scope") or []),
            roleDivisions=pairs, state=body.get("state") or "active", dateModified=now_iso(),
            modifiedBy={"id": by, "selfUri": "/api/v2/oauth/clients/" + by},
        )
        if body.get("dateToDelete") is not None:
            client["dateToDelete"] = body["dateToDelete"]
        else:
            client.pop("dateToDelete", None)

    def _shown_client(self, client, with_secret=False):
        """OAuthClient: roles as the configured form(s), the secret only when asked for (create, new secret)."""
        shown = {k: copy.deepcopy(v) for k, v in client.items() if k != "secret" and k != "roleDivisions"}
        form = self.config["client_role_form"]
        if form in ("both", "roleIds"):
            shown["roleIds"] = list(dict.fromkeys(p["roleId"] for p in client["roleDivisions"]))
        if form in ("both", "roleDivisions"):
            shown["roleDivisions"] = [dict(p) for p in client["roleDivisions"]]
        shown["selfUri"] = "/api/v2/oauth/clients/" + client["id"]
        if with_secret:
            shown["secret"] = client["secret"]
        return shown

    def list_clients(self, req):
        self.authorize(req)
        self._query(req, "none")
        clients = sorted(self.oauth_clients.values(), key=lambda c: c["name"])
        return self._listing(req, [self._shown_client(c) for c in clients])

    def create_client(self, req):
        by = self.authorize(req)
        self._query(req, "none")
        body, pairs = self._client_body(req)
        client = {"id": str(uuid.uuid4()), "secret": secrets.token_urlsafe(30), "dateCreated": now_iso(),
                  "createdBy": {"id": by, "selfUri": "/api/v2/oauth/clients/" + by}}
        self._store_client(client, body, pairs, by)
        self.oauth_clients[client["id"]] = client
        return 200, self._shown_client(client, with_secret=True)

    def _client(self, req):
        by = self.authorize(req)
        self._query(req, "none")
        client = self.oauth_clients.get(req.params["id"])
        if client is None:
            raise not_found("OAuth client", req.params["id"])
        return client, by

    def get_client(self, req):
        return 200, self._shown_client(self._client(req)[0])

    def update_client(self, req):
        client, by = self._client(req)
        body, pairs = self._client_body(req, client["id"])
        self._store_client(client, body, pairs, by)
        return 200, self._shown_client(client)

    def delete_client(self, req):
        client = self._client(req)[0]
        del self.oauth_clients[client["id"]]
        return 204, None

    def regenerate_secret(self, req):
        client, by = self._client(req)
        client.update(secret=secrets.token_urlsafe(30), dateModified=now_iso(),
                      modifiedBy={"id": by, "selfUri": "/api/v2/oauth/clients/" + by})
        return 200, self._shown_client(client, with_secret=True)

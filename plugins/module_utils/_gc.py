# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Client for the Genesys Cloud login and Platform API. Internal use only.

The token is cached until ``expires_in`` minus a margin and fetched again once on
401. Ordering toll-free numbers costs money, so :meth:`GcClient.order_tollfree`
never repeats an order whose outcome is unknown without listing owned numbers
first. See docs/api-facts.md for sources and assumptions.
"""

from __future__ import annotations

import re
import time

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import ApiError, InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import HeaderAuth, Transport
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    HTTP_OPTIONS,
    transport_options,
    validate_base_url,
)

TOKEN_PATH = "/oauth/token"
TOLLFREE_PATH = "/api/v2/messaging/sms/provisioning/tollfreenumbers"
TOLLFREE_AVAILABLE_PATH = "/api/v2/messaging/sms/provisioning/tollfreenumbers/available"
TOLLFREE_NUMBER_PATH = "/api/v2/messaging/sms/provisioning/tollfreenumbers/{code}"
ORDER_PATH = "/api/v2/messaging/sms/provisioning/orders/{order_id}"
ROLES_PATH = "/api/v2/authorization/roles"
ROLE_PATH = "/api/v2/authorization/roles/{role_id}"
OAUTH_CLIENTS_PATH = "/api/v2/oauth/clients"
OAUTH_CLIENT_PATH = "/api/v2/oauth/clients/{client_id}"

# Genesys Cloud region -> domain (login.<domain>, api.<domain>), as the Terraform provider maps them.
REGIONS = {
    "us-east-1": "mypurecloud.com",
    "us-east-2": "use2.us-gov-pure.cloud",
    "us-west-2": "usw2.pure.cloud",
    "ca-central-1": "cac1.pure.cloud",
    "sa-east-1": "sae1.pure.cloud",
    "eu-west-1": "mypurecloud.ie",
    "eu-west-2": "euw2.pure.cloud",
    "eu-central-1": "mypurecloud.de",
    "eu-central-2": "euc2.pure.cloud",
    "ap-south-1": "aps1.pure.cloud",
    "ap-southeast-2": "mypurecloud.com.au",
    "ap-northeast-1": "mypurecloud.jp",
    "ap-northeast-2": "apne2.pure.cloud",
    "ap-northeast-3": "apne3.pure.cloud",
    "me-central-1": "mec1.pure.cloud",
}

# One table for the connection options every Genesys Cloud module shares (doc fragment ``genesys_cloud``).
GC_OPTIONS = {
    "region": {"type": "str", "choices": sorted(REGIONS), "env": "GENESYSCLOUD_REGION"},
    "login_url": {"type": "str", "env": "GENESYSCLOUD_LOGIN_URL"},
    "api_url": {"type": "str", "env": "GENESYSCLOUD_API_URL"},
    "client_id": {"type": "str", "env": "GENESYSCLOUD_OAUTHCLIENT_ID"},
    "client_secret": {"type": "str", "no_log": True, "env": "GENESYSCLOUD_OAUTHCLIENT_SECRET"},
    "access_token": {"type": "str", "no_log": True, "env": "GENESYSCLOUD_ACCESS_TOKEN"},
    "validate_certs": {"type": "bool", "default": True, "env": "GENESYSCLOUD_VALIDATE_CERTS"},
    **HTTP_OPTIONS,
}

# Module option -> API field of a toll-free number's settings (the webhook password is write-only).
TOLLFREE_FIELDS = (("mo_url", "moUrl"), ("dr_url", "drUrl"), ("webhook_username", "webhookUsername"),
                   ("comment", "comment"), ("email_address", "emailAddress"))

# Seconds before expiry at which a cached token is replaced (a token can live 300..172800 s).
TOKEN_MARGIN = 60
TOLLFREE_PREFIXES = ("800", "833", "844", "855", "866", "877", "888")
ORDER_PENDING = ("pending", "inprogress", "in_progress", "processing", "submitted")
ORDER_DONE = ("completed", "complete", "succeeded", "success", "fulfilled")


def normalize_tollfree(value, option="number"):
    """E.164 (+1NXXNXXXXXX) for a North American toll-free number given in any usual format."""
    text = str(value or "")
    digits = re.sub(r"[\s().-]", "", text)
    if digits.startswith("+"):
        digits = digits[1:]
    if len(digits) == 10:
        digits = "1" + digits
    if not re.match(r"^1\d{10}$", digits) or digits[1:4] not in TOLLFREE_PREFIXES:
        raise InputError(
            "%s must be a North American toll-free number (+1 and area code %s), got %r"
            % (option, "/".join(TOLLFREE_PREFIXES), value)
        )
    return "+" + digits


def api_number(e164):
    """The API's own format, digits with the country code: 18445551212."""
    return e164.lstrip("+")


def tollfree_settings(entity):
    """An owned number's settings under the modules' option names."""
    return {option: entity.get(field) for option, field in TOLLFREE_FIELDS}


def resolve_urls(params):
    """(login_url, api_url) from explicit URLs or the region."""
    login_url, api_url, region = params.get("login_url"), params.get("api_url"), params.get("region")
    if login_url or api_url:
        if not (login_url and api_url):
            raise InputError("login_url and api_url go together; give both, or region instead")
        return validate_base_url(login_url, "login_url"), validate_base_url(api_url, "api_url")
    if region:
        return "https://login." + REGIONS[region], "https://api." + REGIONS[region]
    raise InputError("give region (for example us-east-1) or both login_url and api_url")


class TokenAuth:
    """Bearer auth from a given token or the client-credentials grant, refreshed once on 401."""

    def __init__(self, login, client_id=None, client_secret=None, access_token=None, clock=time.time):
        if not access_token and not (client_id and client_secret):
            raise InputError("give access_token, or client_id and client_secret")
        if bool(client_id) != bool(client_secret):
            raise InputError("client_id and client_secret go together")
        self.login = login
        self.client_id = client_id
        self.client_secret = client_secret
        self.clock = clock
        self.token = None
        if access_token:
            self.token = {"access_token": access_token, "token_type": "bearer", "expires_in": None, "expires_at": None}
            login.add_secret(access_token)

    def fetch(self):
        """A new client-credentials token. The POST changes nothing, so it passes in check mode."""
        response = self.login.request(
            "POST", TOKEN_PATH, form={"grant_type": "client_credentials"},
            basic_auth=(self.client_id, self.client_secret), read_only=True,
        )
        body = response.body if isinstance(response.body, dict) else {}
        if not body.get("access_token"):
            raise ApiError("POST", TOKEN_PATH, response.status, "the response has no access_token")
        expires_in = int(body.get("expires_in") or 0)
        self.token = {
            "access_token": body["access_token"],
            "token_type": body.get("token_type", "bearer"),
            "expires_in": expires_in,
            "expires_at": int(self.clock()) + expires_in,
        }
        self.login.add_secret(body["access_token"])
        return self.token

    def _expiring(self):
        at = self.token and self.token["expires_at"]
        return at is not None and self.clock() >= at - TOKEN_MARGIN

    def headers(self):
        if self.token is None or self._expiring():
            self.fetch()
        return {"Authorization": "Bearer " + self.token["access_token"]}

    def refresh(self):
        if not self.client_id:
            return False
        self.fetch()
        return True


class GcClient:
    """Genesys Cloud Platform API calls the collection needs."""

    def __init__(self, api, auth):
        self.api = api
        self.auth = auth

    @classmethod
    def from_params(cls, params, check_mode=False, **transport_kwargs):
        """Validate the connection options (no request is sent) and build the client."""
        login_url, api_url = resolve_urls(params)
        options = transport_options(params, **transport_kwargs)
        secrets = [params.get("client_secret"), params.get("access_token")]
        login = Transport(login_url, auth=HeaderAuth(), check_mode=check_mode, secrets=secrets, **options)
        auth = TokenAuth(login, params.get("client_id"), params.get("client_secret"), params.get("access_token"))
        api = Transport(api_url, auth=auth, check_mode=check_mode, secrets=login.secrets, **options)
        return cls(api, auth)

    def token(self):
        return dict(self.auth.token or self.auth.fetch())

    def _pages(self, path, params=None):
        """Every entity of a listing: follows nextUri, or pageCount when the API gives no nextUri."""
        entities = []
        params = dict(params or {})
        while True:
            body = self.api.request("GET", path, params=params).body
            if isinstance(body, list):
                return entities + body
            body = body or {}
            entities.extend(body.get("entities") or [])
            number = body.get("pageNumber") or 1
            if body.get("nextUri"):
                path, params = body["nextUri"], None
            elif params is not None and number < (body.get("pageCount") or 0):
                params["pageNumber"] = number + 1
            else:
                return entities

    # Toll-free numbers --------------------------------------------------------------------

    def list_tollfree(self):
        """Owned numbers keyed by E.164 number."""
        owned = {}
        for entity in self._pages(TOLLFREE_PATH):
            number = entity.get("tollfreeNumber") or entity.get("phoneNumber")
            if number:
                owned[normalize_tollfree(number, "owned number")] = entity
        return owned

    def available_tollfree(self, number_of_results=100, vanity=None):
        params = {"numberOfResults": number_of_results}
        if vanity:
            params["vanity"] = vanity
        body = self.api.request("GET", TOLLFREE_AVAILABLE_PATH, params=params).body
        entities = body if isinstance(body, list) else (body or {}).get("entities") or []
        numbers = []
        for entity in entities:
            if isinstance(entity, dict):
                entity = entity.get("tollfreeNumber") or entity.get("phoneNumber")
            numbers.append(normalize_tollfree(entity, "available number"))
        return numbers

    def order_tollfree(self, entries):
        """Order entries (API bodies) exactly once; return (order or None, numbers ordered).

        The POST is never retried blindly: after a 5xx, timeout or dropped connection
        the owned numbers are listed, and only numbers still missing are ordered again.
        A 4xx means the API refused the order and nothing was bought.
        """
        remaining = list(entries)
        attempt = 0
        while True:
            try:
                response = self.api.request("POST", TOLLFREE_PATH, json_body=remaining, idempotent=False)
                return response.body or {}, [e["tollfreeNumber"] for e in remaining]
            except ApiError as exc:
                if exc.status is not None and exc.status < 500:
                    raise
                owned = self.list_tollfree()
                remaining = [e for e in remaining if normalize_tollfree(e["tollfreeNumber"]) not in owned]
                if not remaining:
                    return None, [e["tollfreeNumber"] for e in entries]
                if attempt >= self.api.retries:
                    raise ApiError(exc.method, exc.path, exc.status, exc.server_message,
                                   "the numbers listed as missing after %d attempts were not ordered: %s"
                                   % (attempt + 1, ", ".join(e["tollfreeNumber"] for e in remaining)))
                self.api.wait(self.api.backoff * (2 ** attempt))
                attempt += 1

    def get_order(self, order_id):
        return self.api.request("GET", ORDER_PATH.format(order_id=order_id)).body or {}

    def wait_for_order(self, order_id, timeout, interval=2.0, clock=time.monotonic):
        """Poll the order until it leaves a pending state; return its last state."""
        deadline = clock() + timeout
        while True:
            order = self.get_order(order_id)
            state = str(order.get("status") or order.get("state") or "").lower()
            if state not in ORDER_PENDING or clock() >= deadline:
                return order
            self.api.wait(interval)

    def update_tollfree(self, number, changes):
        path = TOLLFREE_NUMBER_PATH.format(code=api_number(number))
        return self.api.request("PATCH", path, json_body=changes).body

    # Roles and OAuth clients --------------------------------------------------------------

    def find_role(self, name):
        for role in self._pages(ROLES_PATH, {"name": name, "pageSize": 100}):
            if role.get("name") == name:
                return role
        return None

    def get_role(self, role_id):
        return self.api.request("GET", ROLE_PATH.format(role_id=role_id), ok=(404,)).body

    def create_role(self, body):
        return self.api.request("POST", ROLES_PATH, json_body=body, idempotent=False).body

    def update_role(self, role_id, body):
        return self.api.request("PUT", ROLE_PATH.format(role_id=role_id), json_body=body).body

    def delete_role(self, role_id):
        self.api.request("DELETE", ROLE_PATH.format(role_id=role_id), ok=(404,))

    def find_oauth_client(self, name):
        for client in self._pages(OAUTH_CLIENTS_PATH):
            if client.get("name") == name:
                return client
        return None

    def create_oauth_client(self, body):
        return self.api.request("POST", OAUTH_CLIENTS_PATH, json_body=body, idempotent=False).body

    def update_oauth_client(self, client_id, body):
        return self.api.request("PUT", OAUTH_CLIENT_PATH.format(client_id=client_id), json_body=body).body

    def delete_oauth_client(self, client_id):
        self.api.request("DELETE", OAUTH_CLIENT_PATH.format(client_id=client_id), ok=(404,))


def order_succeeded(order):
    return str(order.get("status") or order.get("state") or "").lower() in ORDER_DONE

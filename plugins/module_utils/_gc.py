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

import time
from urllib.parse import parse_qsl, urlencode

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import (
    ApiError,
    InputError,
    OutcomeUnknownError,
    UntrustedResponseError,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import (
    SAFE_ID,
    UUID_ID,
    Transport,
    build_path,
    checked_id,
    listed_items,
    require_fields,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import active, basic_credentials
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    HTTP_OPTIONS,
    ca_path_option,
    credential,
    transport_options,
    validate_base_url,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._tollfree import (
    PENDING,
    e164,
    listed_number,
    order_state,
)

TOKEN_PATH = "/oauth/token"
TOLLFREE_PATH = "/api/v2/messaging/sms/provisioning/tollfreenumbers"
TOLLFREE_AVAILABLE_PATH = "/api/v2/messaging/sms/provisioning/tollfreenumbers/available"
TOLLFREE_NUMBER_PATH = "/api/v2/messaging/sms/provisioning/tollfreenumbers/{code}"
ORDER_PATH = "/api/v2/messaging/sms/provisioning/orders/{order_id}"
ROLES_PATH = "/api/v2/authorization/roles"
ROLE_PATH = "/api/v2/authorization/roles/{id}"
OAUTH_CLIENTS_PATH = "/api/v2/oauth/clients"
OAUTH_CLIENT_PATH = "/api/v2/oauth/clients/{id}"
DIVISIONS_PATH = "/api/v2/authorization/divisions"
DIVISION_PATH = "/api/v2/authorization/divisions/{id}"
HOME_DIVISION_PATH = "/api/v2/authorization/divisions/home"

# Genesys Cloud region -> domain (login.<domain>, api.<domain>): every region of the vendor's Python SDK,
# purecloudplatformclientv2 269.0.0, PureCloudPlatformClientV2/purecloud_region_hosts.py (PureCloudRegionHosts,
# "https://api.<domain>"). tests/sdk/test_sdk.py (make sdk) fails when the two differ.
REGIONS = {
    "us-east-1": "mypurecloud.com",
    "us-east-2": "use2.us-gov-pure.cloud",
    "us-west-2": "usw2.pure.cloud",
    "ca-central-1": "cac1.pure.cloud",
    "mx-central-1": "mxc1.pure.cloud",
    "sa-east-1": "sae1.pure.cloud",
    "eu-west-1": "mypurecloud.ie",
    "eu-west-2": "euw2.pure.cloud",
    "eu-central-1": "mypurecloud.de",
    "eu-central-2": "euc2.pure.cloud",
    "eusc-de-east-1": "edee1.eusc-pure.cloud",
    "ap-south-1": "aps1.pure.cloud",
    "ap-southeast-1": "apse1.pure.cloud",
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
    **ca_path_option("GENESYSCLOUD_CA_PATH"),
    **HTTP_OPTIONS,
}

# Seconds before expiry at which a cached token is replaced (a token can live 300..172800 s).
TOKEN_MARGIN = 60
# More pages than this is a server that never ends a listing, not an organization.
MAX_PAGES = 500


def resolve_urls(params):
    """(login_url, api_url) from explicit URLs or the region; login_url is None for a token user, who never logs in."""
    login_url, api_url, region = params.get("login_url"), params.get("api_url"), params.get("region")
    token_only = params.get("access_token") and not (params.get("client_id") or params.get("client_secret"))
    if api_url and not login_url and token_only:
        return None, validate_base_url(api_url, "api_url")
    if login_url or api_url:
        if not (login_url and api_url):
            raise InputError("login_url and api_url go together (access_token alone needs only api_url); "
                             "give both, or region instead")
        return validate_base_url(login_url, "login_url"), validate_base_url(api_url, "api_url")
    if region:
        return "https://login." + REGIONS[region], "https://api." + REGIONS[region]
    raise InputError("give region (for example us-east-1) or both login_url and api_url")


class TokenAuth:
    """Bearer auth from a given token or the client-credentials grant, refreshed once on 401."""

    def __init__(self, login, client_id=None, client_secret=None, access_token=None, clock=time.time, secrets=None):
        client_id = credential(client_id, "client_id", header=True)
        client_secret = credential(client_secret, "client_secret", header=True)
        access_token = credential(access_token, "access_token", header=True)
        if not access_token and not (client_id and client_secret):
            raise InputError("give access_token, or client_id and client_secret")
        if bool(client_id) != bool(client_secret):
            raise InputError("client_id and client_secret go together")
        self.login = login
        self.client_id = client_id
        self.client_secret = client_secret
        self.clock = clock
        self.token = None
        self.secrets = login.secrets if secrets is None else secrets
        self.secrets.update(value for value in (client_secret, access_token) if value)
        if client_secret:
            self._secret(client_secret)
            self._secret(basic_credentials(client_id, client_secret))
        if access_token:
            self.token = {"access_token": access_token, "token_type": "bearer", "expires_in": None, "expires_at": None}
            self._secret(access_token)

    def _secret(self, value):
        self.secrets.add(value)

    def fetch(self):
        """A new client-credentials token. The POST changes nothing, so it passes in check mode."""
        response = self.login.request(
            "POST", TOKEN_PATH, form={"grant_type": "client_credentials"},
            basic_auth=(self.client_id, self.client_secret), read_only=True,
        )
        body = require_fields(response.body, {"access_token": str, "expires_in": int}, "the token response",
                              "POST", TOKEN_PATH, optional=("expires_in",))
        if not body["access_token"]:
            raise ApiError("POST", TOKEN_PATH, response.status, "the response has no access_token")
        # Without expires_in the token is kept until a 401 says otherwise.
        expires_in = body.get("expires_in")
        self.token = {
            "access_token": body["access_token"],
            "token_type": body.get("token_type", "bearer"),
            "expires_in": expires_in,
            "expires_at": None if expires_in is None else int(self.clock()) + expires_in,
        }
        self._secret(body["access_token"])
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
        # One set for the login, the token and the API: a token the login receives is scrubbed from API errors.
        secrets = active()
        secrets.update(s for s in (params.get("client_secret"), params.get("access_token")) if s)
        login = Transport(login_url, check_mode=check_mode, secrets=secrets, **options) if login_url else None
        auth = TokenAuth(login, params.get("client_id"), params.get("client_secret"), params.get("access_token"),
                         secrets=secrets)
        api = Transport(api_url, auth=auth, check_mode=check_mode, secrets=secrets, **options)
        return cls(api, auth)

    def _pages(self, path, params=None):
        """Every entity of a listing: follows nextUri (on the configured host only), or pageCount without one.

        An empty page ends the listing; a page asked for twice, or more than MAX_PAGES
        pages, is a faulty server and fails rather than loop.
        """
        first, entities, seen = path, [], set()
        params = dict(params or {})
        while True:
            key = (path, urlencode(sorted((k, str(v)) for k, v in params.items())))
            if key in seen:
                raise UntrustedResponseError("GET", first, None, "the listing's nextUri leads back to a page already "
                                             "read (%s); stopped after %d pages" % (_page_label(*key), len(seen)))
            if len(seen) >= MAX_PAGES:
                raise UntrustedResponseError("GET", first, None, "the listing has more than %d pages; stopped" % MAX_PAGES)
            seen.add(key)
            body = self.api.request("GET", path, params=params or None).body
            page = listed_items(body, "GET", first)
            if not page:
                return entities
            entities.extend(page)
            number, count = body.get("pageNumber"), body.get("pageCount")
            if body.get("nextUri"):
                path, dummy, query = self.api.follow(body["nextUri"], context=first).partition("?")
                params = dict(parse_qsl(query, keep_blank_values=True))
            elif isinstance(number, int) and isinstance(count, int) and number < count:
                params["pageNumber"] = number + 1
            else:
                return entities

    # Toll-free numbers --------------------------------------------------------------------

    def list_tollfree(self):
        """Owned numbers keyed by E.164, each entity as the API shows it (its number in the API's own form)."""
        owned = {}
        for entity in self._pages(TOLLFREE_PATH):
            owned[self._number_key(entity, "GET", TOLLFREE_PATH)] = entity
        return owned

    @staticmethod
    def _number_key(entity, method, path):
        listed = listed_number(entity)
        if listed is None:
            fields = ", ".join(sorted(str(k) for k in entity)[:20]) if isinstance(entity, dict) else type(entity).__name__
            raise UntrustedResponseError(method, path, None, "a number entry has no usable tollfreeNumber or phoneNumber "
                                         "(fields present: %s)" % fields)
        try:
            return e164(listed, "number")
        except InputError:
            raise UntrustedResponseError(method, path, None, "%r is not a toll-free number" % listed[:40]) from None

    def available_tollfree(self, number_of_results=100, vanity=None):
        """Available numbers as {E.164: the number exactly as the API listed it}, in the API's order."""
        params = {"numberOfResults": number_of_results}
        if vanity:
            params["vanity"] = vanity
        body = self.api.request("GET", TOLLFREE_AVAILABLE_PATH, params=params).body
        available = {}
        for entity in listed_items(body, "GET", TOLLFREE_AVAILABLE_PATH):
            available[self._number_key(entity, "GET", TOLLFREE_AVAILABLE_PATH)] = listed_number(entity)
        return available

    def _not_owned(self, entries):
        owned = self.list_tollfree()
        return [e for e in entries if e164(e["tollfreeNumber"]) not in owned]

    def _missing_after_settling(self, entries, in_flight):
        """After an order's answer was lost: the entries still not owned once the settle window passed."""
        missing = {"entries": entries}

        def landed():
            missing["entries"] = self._not_owned(entries)
            return not missing["entries"]

        self.api.settle(landed, in_flight)
        return missing["entries"]

    def order_tollfree(self, entries):
        """Order entries (API bodies) exactly once; return (order or None, numbers ordered).

        The POST is never repeated blind. When its answer is lost (timeout, dropped
        connection, 5xx) the owned numbers are listed until the order shows or the settle
        window passes; a number is ordered again only if it is then still not owned and
        still available. A 4xx means the API refused the order and nothing was bought.
        """
        remaining = list(entries)
        attempts = self.api.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                response = self.api.request("POST", TOLLFREE_PATH, json_body=remaining)
                return (response.body if isinstance(response.body, dict) else {}), [e["tollfreeNumber"] for e in remaining]
            except OutcomeUnknownError as exc:
                unknown = exc
            sent = ", ".join(e["tollfreeNumber"] for e in remaining)
            try:
                remaining = self._missing_after_settling(remaining, unknown.in_flight)
                available = set(self.available_tollfree()) if remaining else set()
            except ApiError as read_error:
                raise unknown.with_hint("an order for %s was sent and its outcome is unknown; listing the numbers then "
                                        "failed: %s. Do not order by hand: a rerun lists owned numbers first"
                                        % (sent, read_error)) from None
            if not remaining:
                return None, [e["tollfreeNumber"] for e in entries]
            if not unknown.retryable:
                raise unknown.with_hint("the order for %s did not show in the owned numbers; not ordering again" % sent)
            gone = [e["tollfreeNumber"] for e in remaining if e164(e["tollfreeNumber"]) not in available]
            if gone:
                raise unknown.with_hint("an order for %s was sent and its outcome is unknown: %s not owned yet and no "
                                        "longer available (the order may still be in progress); nothing was ordered "
                                        "again, a rerun lists owned numbers first" % (sent, ", ".join(gone)))
            if attempt == attempts:
                raise unknown.with_hint("%d orders were sent and %s still not owned after each; not ordering again, "
                                        "a rerun lists owned numbers first"
                                        % (attempts, ", ".join(e["tollfreeNumber"] for e in remaining)))
            self.api.wait(self.api.backoff_delay(attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def get_order(self, order_id):
        order_id = checked_id(order_id, "order id", "GET", ORDER_PATH.split("{", 1)[0], SAFE_ID)
        return self.api.request("GET", build_path(ORDER_PATH, order_id=order_id)).body or {}

    def wait_for_order(self, order_id, timeout, interval=2.0, clock=time.monotonic):
        """Poll the order until it leaves a pending state; return its last state."""
        deadline = clock() + timeout
        while True:
            order = self.get_order(order_id)
            if order_state(order) != PENDING or clock() >= deadline:
                return order
            self.api.wait(interval)

    def update_tollfree(self, number, code, changes):
        """PATCH an owned number (``code``: its number as the API lists it); settled if the answer is lost.

        The write-only password cannot be seen, so a PATCH of only the password waits out the window.
        """
        path = build_path(TOLLFREE_NUMBER_PATH, code=code)
        visible = {k: v for k, v in changes.items() if k != "webhookPassword"}

        def landed():
            entity = self.list_tollfree().get(number) or {}
            return all(entity.get(k) == v for k, v in visible.items())

        response = self.api.write_once(lambda: self.api.request("PATCH", path, json_body=changes),
                                       landed if visible else None, "the update of %s" % number)
        return response.body if response is not None else None

    # Roles and OAuth clients --------------------------------------------------------------

    def _entity_path(self, template, entity_id, what, method):
        """Paths to one role or client: its id comes from a listing, so it must look like one first."""
        return build_path(template, id=checked_id(entity_id, what, method, template.split("{", 1)[0], UUID_ID))

    def _create(self, path, body, find, what):
        """POST a new entity once; when the answer is lost, find it by name (None if it landed unanswered)."""
        response = self.api.write_once(lambda: self.api.request("POST", path, json_body=body),
                                       lambda: find(body["name"]) is not None, what)
        if response is None:
            return None
        created = response.body if isinstance(response.body, dict) else {}
        checked_id(created.get("id"), what + " id", "POST", path, UUID_ID)
        return created

    def _update(self, template, entity_id, body, get, shows, what):
        """PUT a whole entity once; when the answer is lost, read it until ``shows`` says the change is there."""
        path = self._entity_path(template, entity_id, what + " id", "PUT")
        response = self.api.write_once(lambda: self.api.request("PUT", path, json_body=body),
                                       lambda: shows(get(entity_id)), what)
        return response.body if response is not None else get(entity_id)

    def find_role(self, name):
        for role in self._pages(ROLES_PATH, {"name": name, "pageSize": 100}):
            if require_fields(role, {"id": str, "name": str}, "a role", "GET", ROLES_PATH)["name"] == name:
                return role
        return None

    def get_role(self, role_id):
        return self.api.request("GET", self._entity_path(ROLE_PATH, role_id, "role id", "GET"), ok=(404,)).body

    def create_role(self, body):
        """The new role; when the answer was lost but the role shows, the role as listed."""
        created = self._create(ROLES_PATH, body, self.find_role, "role %s" % body["name"])
        return created if created is not None else self.find_role(body["name"])

    def update_role(self, role_id, body, shows):
        return self._update(ROLE_PATH, role_id, body, self.get_role, shows, "role %s" % body["name"])

    def delete_role(self, role_id):
        self.api.request("DELETE", self._entity_path(ROLE_PATH, role_id, "role id", "DELETE"), ok=(404,))

    def find_oauth_client(self, name):
        for client in self._pages(OAUTH_CLIENTS_PATH):
            if require_fields(client, {"id": str, "name": str}, "an OAuth client", "GET", OAUTH_CLIENTS_PATH)["name"] == name:
                return client
        return None

    def get_oauth_client(self, client_id):
        return self.api.request("GET", self._entity_path(OAUTH_CLIENT_PATH, client_id, "OAuth client id", "GET"),
                                ok=(404,)).body

    def create_oauth_client(self, body):
        """The new client with its secret. A client created without its answer has a secret nobody saw: fail."""
        created = self._create(OAUTH_CLIENTS_PATH, body, self.find_oauth_client, "OAuth client %s" % body["name"])
        if created is None:
            client_id = (self.find_oauth_client(body["name"]) or {}).get("id")
            raise OutcomeUnknownError(
                "POST", OAUTH_CLIENTS_PATH, None, "the answer to the request was lost",
                "OAuth client %r was created (id %s), but its secret was only in that answer and cannot be read back; "
                "regenerate the secret in Genesys Cloud (Admin > OAuth, or POST /api/v2/oauth/clients/%s/secret) and "
                "store it, or delete the client (state=absent) and run again" % (body["name"], client_id, client_id))
        return created

    def update_oauth_client(self, client_id, body, shows):
        return self._update(OAUTH_CLIENT_PATH, client_id, body, self.get_oauth_client, shows,
                            "OAuth client %s" % body["name"])

    # Divisions ------------------------------------------------------------------------------

    def home_division(self):
        """The organization's home division, where a role granted without a division lives."""
        body = self.api.request("GET", HOME_DIVISION_PATH).body
        return require_fields(body, {"id": str, "name": str}, "the home division", "GET", HOME_DIVISION_PATH)

    def find_division(self, name):
        """The division with exactly this name, or None (the API's name filter is a search, not a match)."""
        for division in self._pages(DIVISIONS_PATH, {"name": name, "pageSize": 100}):
            if require_fields(division, {"id": str, "name": str}, "a division", "GET", DIVISIONS_PATH)["name"] == name:
                return division
        return None

    def get_division(self, division_id):
        path = self._entity_path(DIVISION_PATH, division_id, "division id", "GET")
        return self.api.request("GET", path, ok=(404,)).body

    def delete_oauth_client(self, client_id):
        self.api.request("DELETE", self._entity_path(OAUTH_CLIENT_PATH, client_id, "OAuth client id", "DELETE"),
                         ok=(404,))


def _page_label(path, query):
    return path + ("?" + query if query else "")

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GWS Auth Services: the bearer token Digital Channels' API-key endpoints take. Internal use only.

The vendor's own deployment scripts get it with the password grant of the ``external_api_client``
(genesys/multicloud-services, services/iwdem/README.md; docs/api-facts.md): a form POST to
``{auth_url}/auth/v3/oauth/token`` with Basic client authentication.
"""

from __future__ import annotations

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import ApiError
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import Transport, require_fields
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import basic_credentials
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    credential,
    validate_base_url,
    validate_label,
)

TOKEN_PATH = "/auth/v3/oauth/token"
DEFAULT_CLIENT_ID = "external_api_client"

# The options of the GWS Auth login (doc fragment ``gws_auth``).
GAUTH_OPTIONS = {
    "auth_url": {"type": "str", "required": True, "env": "GAUTH_URL"},
    "auth_client_id": {"type": "str", "default": DEFAULT_CLIENT_ID, "env": "GAUTH_CLIENT_ID"},
    "auth_client_secret": {"type": "str", "no_log": True, "env": "GAUTH_CLIENT_SECRET"},
    "auth_username": {"type": "str", "required": True, "env": "GAUTH_USERNAME"},
    "auth_password": {"type": "str", "required": True, "no_log": True, "env": "GAUTH_PASSWORD"},
}


class PasswordGrantAuth:
    """Bearer auth from the password grant, fetched on first use and once more on a 401."""

    def __init__(self, login, client_id, client_secret, username, password):
        self.login = login
        self.client_id = credential(client_id, "auth_client_id", header=True)
        self.client_secret = credential(client_secret, "auth_client_secret", header=True) if client_secret else ""
        self.username = validate_label(username, "auth_username")
        self.password = credential(password, "auth_password", strip=False)
        self.token = None
        for value in (self.client_secret, self.password, basic_credentials(self.client_id, self.client_secret)):
            login.add_secret(value)

    @classmethod
    def from_params(cls, params, check_mode=False, **transport_options):
        login = Transport(validate_base_url(params["auth_url"], "auth_url"), check_mode=check_mode, **transport_options)
        return cls(login, params["auth_client_id"], params.get("auth_client_secret"), params["auth_username"],
                   params["auth_password"])

    def fetch(self):
        """A new token. The POST changes nothing, so it passes in check mode (an audit must authenticate)."""
        form = {"grant_type": "password", "client_id": self.client_id, "username": self.username, "password": self.password}
        try:
            response = self.login.request("POST", TOKEN_PATH, form=form, read_only=True,
                                          basic_auth=(self.client_id, self.client_secret))
        except ApiError as exc:
            if exc.status in (400, 401, 403):
                raise exc.with_hint("GWS Auth Services at %s refused auth_username %s with auth_password, or the client "
                                    "auth_client_id with auth_client_secret" % (self.login.where, self.username)) from None
            raise
        body = require_fields(response.body, {"access_token": str}, "the GWS Auth token response", "POST", TOKEN_PATH)
        if not body["access_token"]:
            raise ApiError("POST", TOKEN_PATH, response.status, "the GWS Auth token response has no access_token")
        self.token = body["access_token"]
        self.login.add_secret(self.token)
        return self.token

    def headers(self):
        if self.token is None:
            self.fetch()
        return {"Authorization": "Bearer " + self.token}

    def refresh(self):
        self.fetch()
        return True

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Client for the Platform Administration (GAX) configuration REST API. Internal use only.

GAX has no official public reference; the paths and shapes below come from public
client code (see docs/api-facts.md). Each path is one constant so that a
correction is a one-line change.
"""

from __future__ import annotations

import re

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import ApiError
from ansible_collections.cxops.digital_channels.plugins.module_utils._http import (
    Transport,
    build_path,
    checked_id,
    listed_items,
    require_fields,
)
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import shorten
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import (
    HTTP_OPTIONS,
    ca_path_option,
    credential,
    transport_options,
    validate_base_url,
    validate_label,
)

LOGIN_PATH = "/gax/api/session/login"
OBJECTS_PATH = "/gax/api/cfg/objects"
OBJECT_PATH = "/gax/api/cfg/objects/{type}/{dbid}"
# Configuration Server DBIDs are integers; object types are CfgXxx names.
DBID = re.compile(r"[0-9]{1,18}")
OBJECT_TYPE = re.compile(r"Cfg[A-Za-z]{1,60}")

# One table for the connection options every GAX module shares (doc fragment ``gax``).
GAX_OPTIONS = {
    "gax_url": {"type": "str", "required": True, "env": "GAX_URL"},
    "gax_username": {"type": "str", "required": True, "env": "GAX_USERNAME"},
    "gax_password": {"type": "str", "required": True, "no_log": True, "env": "GAX_PASSWORD"},
    "validate_certs": {"type": "bool", "default": True, "env": "GAX_VALIDATE_CERTS"},
    **ca_path_option("GAX_CA_PATH"),
    **HTTP_OPTIONS,
}


class SessionAuth:
    """A GAX session: the cookie lives in the requests Session, so there are no headers.

    ``refresh()`` is the Transport's 401 hook: it logs in again, once per request.
    A 401 on the login itself means bad credentials and must not loop.
    """

    def __init__(self, username, password):
        self.username = username
        self._password = password
        self.transport = None
        self.logins = 0
        self._logging_in = False

    def headers(self):
        return {}

    def login(self):
        # The login POST changes nothing on the server: read_only lets check-mode audits log in.
        body = {"username": self.username, "password": self._password, "isPasswordEncrypted": False}
        self._logging_in = True
        try:
            self.transport.request("POST", LOGIN_PATH, json_body=body, read_only=True)
        except ApiError as exc:
            if exc.status in (400, 415, 422):
                raise exc.with_hint("Platform Administration refused the login body {username, password, "
                                    "isPasswordEncrypted: false} that the collection sends (docs/api-facts.md, "
                                    "GAX-LOGIN-PLAIN); nothing was written") from None
            raise
        finally:
            self._logging_in = False
        self.logins += 1

    def refresh(self):
        if self._logging_in:
            return False
        self.login()
        return True


class GaxClient:
    """Configuration objects read by type and name, written back whole."""

    def __init__(self, transport, auth):
        self.transport = transport
        self.auth = auth

    @classmethod
    def from_params(cls, params, check_mode=False, **transport_kwargs):
        """Validate the connection options (no request is sent) and build the client."""
        base_url = validate_base_url(params["gax_url"], "gax_url")
        username = validate_label(params["gax_username"], "gax_username")
        password = credential(params["gax_password"], "gax_password", strip=False)
        options = transport_options(params, **transport_kwargs)
        auth = SessionAuth(username, password)
        transport = Transport(base_url, auth=auth, check_mode=check_mode, secrets=[params["gax_password"]], **options)
        auth.transport = transport
        return cls(transport, auth)

    def find_object(self, obj_type, name):
        """The one object of this type with exactly this name, or None; more than one is an error."""
        if not self.auth.logins:
            self.auth.login()
        params = {"brief": "false", "type": obj_type, "name": name}
        response = self.transport.request("GET", OBJECTS_PATH, params=params)
        listed = listed_items(response.body, "GET", OBJECTS_PATH, key=None, bare_list=True)
        # The name filter's matching rules are not documented; only an exact match counts.
        found = [o for o in listed if o.get("name") == name and o.get("type") == obj_type]
        for obj in found:
            require_fields(obj, {"dbid": (str, int), "userproperties": dict}, "%s %s" % (obj_type, name), "GET", OBJECTS_PATH)
        if len(found) > 1:
            raise ApiError("GET", OBJECTS_PATH, response.status, "%d %s objects are named %s (dbid %s); expected one" % (
                len(found), obj_type, name, ", ".join(shorten(str(o.get("dbid")), 40) for o in found[:5])))
        if not found:
            return None
        if not found[0].get("dbid"):
            raise ApiError("GET", OBJECTS_PATH, response.status, "%s %s has no dbid" % (obj_type, name))
        checked_id(str(found[0]["dbid"]), "%s dbid" % obj_type, "GET", OBJECTS_PATH, DBID)
        return found[0]

    def put_object(self, obj):
        """Replace the whole object (GAX updates take the complete object, not a patch).

        Not safe to repeat: without a version, a late copy would undo whatever was written
        after it. A lost answer raises OutcomeUnknownError for the caller to settle.
        """
        obj_type = checked_id(str(obj["type"]), "object type", "PUT", OBJECTS_PATH, OBJECT_TYPE)
        dbid = checked_id(str(obj["dbid"]), "%s dbid" % obj_type, "PUT", OBJECTS_PATH, DBID)
        self.transport.request("PUT", build_path(OBJECT_PATH, type=obj_type, dbid=dbid), json_body=obj)

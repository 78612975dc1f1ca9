# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Platform Administration (GAX) configuration plane: session login and the NexusServices transaction.

As strict as docs/api-facts.md: a session cookie from the login is required, PUT
takes the whole object and only option triples of strings. It also plays
"another writer" (``concurrent_writes``) to prove that clients do not lose
each other's updates of the shared transaction.

Each tenant has its own configuration environment (the runbook's Platform
Administration > Environment > Transactions): ``/gax/...`` is the default one, and
``/tenants/<name>/gax/...`` is the Platform Administration of tenant ``<name>``, with
its own sessions and its own NexusServices, created on first use.
"""

from __future__ import annotations

import copy
import time
import uuid
from http.cookies import CookieError, SimpleCookie

from .core import HttpError, Plane, Route

DEFAULT_USERNAME = "sim-gax-admin"
DEFAULT_PASSWORD = "sim-gax-pass-3e71c9"
COOKIE = "JSESSIONID"
TRANSACTION_DBID = "312"
TRIPLE = ("section", "key", "value")
# Fields a PUT may not change.
FIXED = ("dbid", "type", "name", "tenantdbid")
RULE_KEYS = {"after", "skip", "times", "stale", "set", "remove_sections"}
# The path prefix of a tenant's own Platform Administration; the default environment has none.
ENV_PREFIX = r"(?:/tenants/(?P<env>[A-Za-z0-9_-]{1,64}))?"


def transaction(name="NexusServices", dbid=TRANSACTION_DBID, properties=(), tenantdbid="101"):
    """A CfgTransaction of type List as GAX returns it: every scalar a string."""
    return {
        "dbid": dbid, "name": name, "type": "CfgTransaction", "subtype": "CFGTRTList",
        "tenantdbid": tenantdbid, "folderid": "196", "alias": name, "recordperiod": "0", "state": "CFGEnabled",
        "userproperties": {"property": [dict(zip(TRIPLE, p)) if not isinstance(p, dict) else dict(p) for p in properties]},
    }


def _check_triples(value, what):
    if not isinstance(value, list):
        raise HttpError(400, "%s must be a list" % what)
    seen = set()
    for i, prop in enumerate(value):
        where = "%s[%d]" % (what, i)
        if not isinstance(prop, dict) or set(prop) != set(TRIPLE):
            raise HttpError(400, "%s must have exactly section, key and value" % where)
        if not all(isinstance(prop[k], str) for k in TRIPLE):
            raise HttpError(400, "%s: section, key and value must be strings" % where)
        if not prop["section"] or not prop["key"]:
            raise HttpError(400, "%s: section and key may not be empty" % where)
        if (prop["section"], prop["key"]) in seen:
            raise HttpError(400, "%s: option %s/%s appears twice" % (where, prop["section"], prop["key"]))
        seen.add((prop["section"], prop["key"]))


class GaxPlane(Plane):
    name = "gax"

    def __init__(self, users=None):
        super().__init__({
            "users": dict(users or {DEFAULT_USERNAME: DEFAULT_PASSWORD}),
            # Seconds a session lives after login, and authenticated requests it serves; None = no limit.
            "session_ttl": None,
            "session_max_requests": None,
            # Another writer's edits of a transaction, each right after a matching request (see docs/simulator.md).
            "concurrent_writes": [],
            # GAX-PUT-REPLACE: "replace" (a PUT replaces the options) or "merge" (adds and updates, never removes).
            "put": "replace",
            # GAX-LOGIN-PLAIN: whether the login takes isPasswordEncrypted false.
            "login_plain": True,
        })

    def reset(self):
        self.environments = {}
        self.pending = []
        self.concurrent_log = []

    def environment(self, name=""):
        """A tenant's configuration environment ("" is the default one), created with its NexusServices on first use."""
        name = name or ""
        if name not in self.environments:
            tenant = str(101 + len(self.environments))
            self.environments[name] = {"sessions": {}, "objects": {TRANSACTION_DBID: transaction(tenantdbid=tenant)}}
        return self.environments[name]

    @property
    def objects(self):
        return self.environment()["objects"]

    @property
    def sessions(self):
        return self.environment()["sessions"]

    def dump(self):
        self.environment()
        return {"objects": copy.deepcopy(self.objects), "sessions": sorted(self.sessions),
                "environments": {name or "default": {"objects": copy.deepcopy(env["objects"]), "sessions": sorted(env["sessions"])}
                                 for name, env in self.environments.items()},
                "concurrent_writes": copy.deepcopy(self.concurrent_log)}

    def configure(self, settings):
        settings = dict(settings)
        if settings.pop("expire_sessions", False):
            # Every session of every environment ends now, as after a GAX restart or a logout of all users.
            for environment in self.environments.values():
                environment["sessions"].clear()
        rules = None
        if "concurrent_writes" in settings:
            rules = [self._check_rule(r) for r in settings["concurrent_writes"] or []]
        super().configure(settings)
        if rules is not None:
            self.pending = rules

    def routes(self):
        return [
            Route("POST", ENV_PREFIX + r"/gax/api/session/login", self.login, write=False),
            Route("GET", ENV_PREFIX + r"/gax/api/cfg/objects", self.list_objects),
            Route("PUT", ENV_PREFIX + r"/gax/api/cfg/objects/(?P<type>[^/]+)/(?P<dbid>[^/]+)", self.put_object),
        ]

    # --- helpers for tests -------------------------------------------------------------------

    def sections(self, dbid=TRANSACTION_DBID, env=""):
        result = {}
        for prop in self.environment(env)["objects"][dbid]["userproperties"]["property"]:
            result.setdefault(prop["section"], {})[prop["key"]] = prop["value"]
        return result

    def set_sections(self, sections, dbid=TRANSACTION_DBID, env=""):
        """Replace the transaction's options by {section: {key: value}}."""
        self.environment(env)["objects"][dbid]["userproperties"]["property"] = [
            {"section": s, "key": k, "value": v} for s, options in sections.items() for k, v in options.items()
        ]

    # --- sessions -------------------------------------------------------------------------------

    def login(self, req):
        body = req.json()
        if not isinstance(body, dict) or set(body) != {"username", "password", "isPasswordEncrypted"}:
            raise HttpError(400, "login body must be {\"username\", \"password\", \"isPasswordEncrypted\"}")
        if not isinstance(body["username"], str) or not isinstance(body["password"], str):
            raise HttpError(400, "username and password must be strings")
        if body["isPasswordEncrypted"] is not False:
            raise HttpError(400, "isPasswordEncrypted must be false (the simulator takes clear-text passwords only)")
        if not self.config["login_plain"]:
            raise HttpError(400, "clear-text passwords are not accepted: isPasswordEncrypted must be true")
        if self.config["users"].get(body["username"]) != body["password"]:
            raise HttpError(401, "invalid username or password")
        token = uuid.uuid4().hex
        env = req.params.get("env") or ""
        self.environment(env)["sessions"][token] = {"user": body["username"], "created": time.time(), "requests": 0}
        path = "/tenants/%s/gax" % env if env else "/gax"
        return 200, {"username": body["username"]}, {"Set-Cookie": "%s=%s; Path=%s; HttpOnly" % (COOKIE, token, path)}

    def authorize(self, req):
        """The request's session in its own environment: a session of one tenant is no session in another."""
        token = None
        try:
            morsel = SimpleCookie(req.header("cookie") or "").get(COOKIE)
            token = morsel.value if morsel else None
        except CookieError:
            pass
        sessions = self.environment(req.params.get("env"))["sessions"]
        session = sessions.get(token)
        if session is None:
            raise HttpError(401, "no valid session: log in at /gax/api/session/login")
        ttl, most = self.config["session_ttl"], self.config["session_max_requests"]
        if (ttl is not None and time.time() - session["created"] >= ttl) or (most is not None and session["requests"] >= most):
            del sessions[token]
            raise HttpError(401, "session expired: log in again")
        session["requests"] += 1
        return session

    # --- objects --------------------------------------------------------------------------------

    def list_objects(self, req):
        self.authorize(req)
        unknown = set(req.query) - {"type", "name", "brief"}
        if unknown:
            raise HttpError(400, "unsupported query parameters: %s" % ", ".join(sorted(unknown)))
        query = {k: v[-1] for k, v in req.query.items()}
        if not query.get("type"):
            raise HttpError(400, "type is required")
        if query.get("brief", "true") not in ("true", "false"):
            raise HttpError(400, "brief must be true or false")
        objects = self.environment(req.params.get("env"))["objects"]
        found = [o for o in objects.values()
                 if o["type"] == query["type"] and ("name" not in query or o["name"] == query["name"])]
        if query.get("brief", "true") == "true":
            body = [{"dbid": o["dbid"], "name": o["name"], "type": o["type"]} for o in found]
        else:
            body = copy.deepcopy(found)
        for obj in found:
            self._other_writer("GET", obj["dbid"], objects=objects)
        return 200, body

    def put_object(self, req):
        self.authorize(req)
        objects = self.environment(req.params.get("env"))["objects"]
        stored = objects.get(req.params["dbid"])
        if stored is None or stored["type"] != req.params["type"]:
            raise HttpError(404, "%s %s not found" % (req.params["type"], req.params["dbid"]))
        body = req.json()
        self._check_object(body, stored)
        before = copy.deepcopy(stored)
        if self.config["put"] == "merge":
            body = self._merged(stored, body)
        objects[stored["dbid"]] = copy.deepcopy(body)
        self._other_writer("PUT", stored["dbid"], before, objects=objects)
        return 200, copy.deepcopy(body)

    @staticmethod
    def _merged(stored, body):
        """A merging PUT: the body's options added or updated, options it leaves out kept."""
        merged = copy.deepcopy(body)
        given = {(p["section"], p["key"]) for p in body["userproperties"]["property"]}
        kept = [dict(p) for p in stored["userproperties"]["property"] if (p["section"], p["key"]) not in given]
        merged["userproperties"]["property"] = kept + merged["userproperties"]["property"]
        return merged

    @staticmethod
    def _check_object(body, stored):
        if not isinstance(body, dict):
            raise HttpError(400, "body must be a JSON object")
        missing, unknown = set(stored) - set(body), set(body) - set(stored)
        if missing:
            raise HttpError(400, "PUT takes the whole object; missing fields: %s" % ", ".join(sorted(missing)))
        if unknown:
            raise HttpError(400, "unknown fields: %s" % ", ".join(sorted(unknown)))
        for key in FIXED:
            if body[key] != stored[key]:
                raise HttpError(400, "%s cannot be changed (%r to %r)" % (key, stored[key], body[key]))
        for key, value in body.items():
            if key != "userproperties" and not isinstance(value, str):
                raise HttpError(400, "%s must be a string" % key)
        props = body["userproperties"]
        if not isinstance(props, dict) or set(props) != {"property"}:
            raise HttpError(400, "userproperties must be {\"property\": [...]}")
        _check_triples(props["property"], "userproperties.property")

    # --- another writer -------------------------------------------------------------------------

    @staticmethod
    def _check_rule(rule):
        if not isinstance(rule, dict) or set(rule) - RULE_KEYS:
            raise HttpError(400, "a concurrent write is an object with keys among %s" % ", ".join(sorted(RULE_KEYS)))
        if rule.get("after") not in ("GET", "PUT"):
            raise HttpError(400, "after must be GET or PUT")
        if rule.get("stale") and rule["after"] != "PUT":
            raise HttpError(400, "stale applies only after a PUT")
        _check_triples(rule.get("set", []), "set")
        if not all(isinstance(s, str) for s in rule.get("remove_sections", [])):
            raise HttpError(400, "remove_sections must be a list of section names")
        return {"after": rule["after"], "skip": int(rule.get("skip", 0)), "times": int(rule.get("times", 1)),
                "stale": bool(rule.get("stale")), "set": rule.get("set", []), "remove_sections": rule.get("remove_sections", [])}

    def _other_writer(self, method, dbid, before_put=None, objects=None):
        """Apply the first pending rule for this request: the other writer's read-modify-write.

        ``stale`` rules write back the object as it was before the PUT just served,
        which is what a writer that read earlier does: the PUT's change is lost.
        """
        for rule in self.pending:
            if rule["after"] != method or rule["times"] == 0:
                continue
            if rule["skip"] > 0:
                rule["skip"] -= 1
                return
            rule["times"] -= 1
            base = copy.deepcopy(before_put if rule["stale"] else objects[dbid])
            props = [p for p in base["userproperties"]["property"] if p["section"] not in rule["remove_sections"]]
            index = {(p["section"], p["key"]): i for i, p in enumerate(props)}
            for prop in rule["set"]:
                where = (prop["section"], prop["key"])
                if where in index:
                    props[index[where]] = dict(prop)
                else:
                    index[where] = len(props)
                    props.append(dict(prop))
            base["userproperties"]["property"] = props
            objects[dbid] = base
            self.concurrent_log.append({"after": method, "stale": rule["stale"], "set": rule["set"],
                                        "remove_sections": rule["remove_sections"]})
            return

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The case table: for every module, tasks with the state before them, what a correct end looks
like in the simulator's state, and the requests a fault is aimed at (each write the task sends,
its reads, its login).

A verify function gets the task's arguments, so the same check judges a task with a value of
the bad-input matrix in it: the state must hold exactly what the arguments ask for.
"""

from __future__ import annotations

import copy
import fnmatch
import re
import uuid

from ansible_collections.cxops.digital_channels.plugins.module_utils._tollfree import e164
from ansible_collections.cxops.digital_channels.plugins.module_utils._sender_ids import normalize_channel_id
from ansible_collections.cxops.digital_channels.plugins.modules import (
    gc_oauth_client,
    gc_oauth_token,
    gc_role,
    gc_tollfree_number,
    gc_tollfree_number_info,
    nexus_api_key,
    nexus_sender_id,
    nexus_service,
    nexus_service_info,
    nexus_services_info,
    nexus_services_options,
)
from ansible_collections.cxops.digital_channels.tests.reliability.harness import CONNECTION
from ansible_collections.cxops.digital_channels.tests.simulator import (
    DEFAULT_API_KEY,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_GAUTH_CLIENT_SECRET,
    DEFAULT_GAUTH_PASSWORD,
    DEFAULT_GAUTH_USERNAME,
    DEFAULT_GAX_PASSWORD,
    DEFAULT_GAX_USERNAME,
)

CCID = "45acae06-6b7c-4f97-9c76-471cb5c21bf7"
MASK = "********"
TF = "/api/v2/messaging/sms/provisioning/tollfreenumbers"


class Target:
    """Requests a fault is aimed at: a method and a regex searched in the path, the first such request
    of the task, or with ``after`` the first one after the first request ``after`` matches."""

    def __init__(self, label, method, path, after=None):
        self.label = label
        self.method = method
        self.path = path
        self.after = after

    def matches(self, entry):
        return self.method in ("*", entry["method"]) and re.search(self.path, entry["path"]) is not None

    def position(self, entries):
        """Index of the targeted request in a run's requests, or None when the run never sends it."""
        start = 0
        if self.after is not None:
            start = self.after.position(entries)
            if start is None:
                return None
            start += 1
        return next((i for i in range(start, len(entries)) if self.matches(entries[i])), None)


READS = Target("reads (GET)", "GET", ".")


def after(write):
    """The reads after a write: the first GET the task sends once the write was sent (a verification, a poll)."""
    return Target("reads after %s" % write.label.split(" (")[0], "GET", ".", after=write)


TOKEN = Target("token POST /oauth/token", "POST", "^/oauth/token$")
LOGIN = Target("login POST /gax/api/session/login", "POST", "^/gax/api/session/login$")


class Scenario:
    """One task of one module: state before, arguments, verification, and fault targets."""

    def __init__(self, module, name, args, verify, setup=None, targets=(), plane=None, changes=True, allowed=()):
        self.module = module
        self.name = name
        self.args = args
        self.verify = verify
        self.setup = setup or (lambda lab: None)
        self.targets = list(targets)
        self.plane = plane
        # Whether the task changes something (a first run reports changed=true).
        self.changes = changes
        # Result fields that return a generated secret on purpose (documented, sensitive).
        self.allowed = allowed

    @property
    def module_name(self):
        return self.module.__name__.rsplit(".", 1)[1]

    @property
    def key(self):
        return "%s/%s" % (self.module_name, self.name)


def _expect(problems, what, actual, expected):
    if actual != expected:
        problems.append("%s is %s, expected %s" % (what, _short(actual), _short(expected)))


def _short(value, limit=160):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


# --- connection arguments --------------------------------------------------------------------------

def nexus_args(lab, **task):
    return dict({"nexus_url": lab.url, "api_key": DEFAULT_API_KEY, "ccid": CCID}, **CONNECTION, **task)


def gc_args(lab, **task):
    return dict({"login_url": lab.url, "api_url": lab.url, "client_id": DEFAULT_CLIENT_ID,
                 "client_secret": DEFAULT_CLIENT_SECRET}, **CONNECTION, **task)


def gauth_args(lab, **task):
    return dict({"nexus_url": lab.url, "auth_url": lab.url, "auth_client_secret": DEFAULT_GAUTH_CLIENT_SECRET,
                 "auth_username": DEFAULT_GAUTH_USERNAME, "auth_password": DEFAULT_GAUTH_PASSWORD}, **CONNECTION, **task)


def gax_args(lab, **task):
    return dict({"gax_url": lab.url, "gax_username": DEFAULT_GAX_USERNAME, "gax_password": DEFAULT_GAX_PASSWORD},
                **CONNECTION, **task)


# --- Nexus services --------------------------------------------------------------------------------

SERVICES = "/nexus/v3/provisioning/services/"
KALEYRA = {"url": "http://directtext.mgage.com", "data": {},
           "secret": {"username": "kaleyra-user", "password": "kaleyra-pass-5521"}}


def services(lab):
    return lab.planes["nexus"].services.setdefault(CCID, {})


def verify_service(lab, args, result):
    problems = []
    name = args["name"]
    stored = services(lab).get(name)
    if args.get("state") == "absent":
        _expect(problems, "service %s" % name, stored, None)
        return problems
    wanted = {"url": args.get("url", "N/A"), "data": args["data"], "secret": args.get("secret") or {}}
    _expect(problems, "stored service %s" % name, stored, wanted)
    shown = {"url": wanted["url"], "data": wanted["data"], "secret": {k: MASK for k in wanted["secret"]}, "name": name}
    _expect(problems, "returned service", result.get("service"), shown)
    return problems


def verify_service_info(lab, args, result):
    problems = []
    names = args.get("names") or []
    held = services(lab)
    wanted = {n: dict(held[n], secret={k: MASK for k in held[n]["secret"]}) for n in names if n in held}
    _expect(problems, "returned services", result.get("services"), wanted)
    _expect(problems, "returned missing", result.get("missing"), [n for n in dict.fromkeys(names) if n not in held])
    return problems


def with_services(**named):
    def setup(lab):
        services(lab).update(copy.deepcopy(named))
    return setup


NEXUS_SERVICE = [
    Scenario(nexus_service, "create SMS", lambda lab: nexus_args(lab, name="SMS", data={"provider": "mGage"}),
             verify_service, plane="nexus",
             targets=[Target("POST service (create)", "POST", SERVICES), READS]),
    Scenario(nexus_service, "update mGageSMS",
             lambda lab: nexus_args(lab, name="mGageSMS", url=KALEYRA["url"], data={"account": "acme"},
                                    secret=KALEYRA["secret"]),
             verify_service, setup=with_services(mGageSMS=KALEYRA), plane="nexus",
             targets=[Target("POST service (replace)", "POST", SERVICES)]),
    Scenario(nexus_service, "delete SMS", lambda lab: nexus_args(lab, name="SMS", state="absent"),
             verify_service, setup=with_services(SMS={"url": "N/A", "data": {"provider": "mGage"}, "secret": {}}),
             plane="nexus", targets=[Target("DELETE service", "DELETE", SERVICES)]),
]

NEXUS_SERVICE_INFO = [
    Scenario(nexus_service_info, "read three", lambda lab: nexus_args(lab, names=["SMS", "mGageSMS", "Async"]),
             verify_service_info, plane="nexus", changes=False, targets=[READS],
             setup=with_services(SMS={"url": "N/A", "data": {"provider": "mGage"}, "secret": {}}, mGageSMS=KALEYRA)),
]


# --- Nexus API keys ----------------------------------------------------------------------------------

KEYS = "/nexus/v3/apikeys"
GAUTH_TOKEN = Target("token POST /auth/v3/oauth/token", "POST", "^/auth/v3/oauth/token$")
PORTICO = {"name": "Portico Cluster API Key", "tenant": "*", "permissions": ["nexus:cluster:*"]}


def verify_api_key(lab, args, result):
    problems = []
    name = str(args["name"]).strip()
    held = [k for k in lab.planes["nexus"].api_keys.values() if k["name"] == name]
    if args.get("state") == "absent":
        _expect(problems, "API keys named %s" % name, len(held), 0)
        return problems
    if len(held) != 1:
        return ["%d API keys named %r, expected 1" % (len(held), name)]
    key = held[0]
    tenant = args["tenant"] if args["tenant"] == "*" else str(uuid.UUID(args["tenant"]))
    _expect(problems, "tenant", key["tenant"], tenant)
    _expect(problems, "permissions", sorted(key["permissions"]), sorted(set(args["permissions"])))
    if args.get("key") is not None:
        _expect(problems, "key value", key["id"], str(args["key"]).strip())
    returned = result.get("api_key") or {}
    if "id" in returned:
        problems.append("the key's id (its value) was returned")
    if "key" in returned:
        _expect(problems, "returned key", returned["key"], key["id"])
        if args.get("key") is not None:
            problems.append("the given key value was returned")
    return problems


def with_api_key(lab):
    lab.planes["nexus"].api_keys["portico-key-value-000000000001"] = dict(
        PORTICO, id="portico-key-value-000000000001", enabled=True)


NEXUS_API_KEY = [
    Scenario(nexus_api_key, "create, value generated", lambda lab: gauth_args(lab, **PORTICO), verify_api_key,
             plane="gauth", allowed=(("api_key", "key"),),
             targets=[Target("POST apikeys (generated)", "POST", KEYS + "$"), READS, GAUTH_TOKEN]),
    Scenario(nexus_api_key, "create, value given",
             lambda lab: gauth_args(lab, key="portico-cluster-key-0001", **PORTICO), verify_api_key, plane="gauth",
             targets=[Target("POST apikeys (given)", "POST", KEYS + "$")]),
    Scenario(nexus_api_key, "delete", lambda lab: gauth_args(lab, name=PORTICO["name"], state="absent"),
             verify_api_key, setup=with_api_key, plane="gauth", targets=[Target("DELETE apikey", "DELETE", KEYS + "/")]),
]


# --- GAX: NexusServices ------------------------------------------------------------------------------

OBJECT = "/gax/api/cfg/objects/"
SEED = {"channelType": "sms", "interactionSubtype": "SMS", "interactionType": "Inbound", "media": "chat"}
OTHER = {"Async": {"header:x-other": "kept"}}


def sections(lab):
    return lab.planes["gax"].sections()


def section_of(value):
    value = str(value)
    return value if value.startswith("chat.") else "chat." + value


def sender_options(item):
    options = dict(SEED, channelId=normalize_channel_id(item["channel_id"], "channel_id"),
                   endpoint=section_of(item["endpoint"]), cxcOnly="true" if item.get("cxc_only") else "false")
    if item.get("provider") is not None:
        options["provider"] = item["provider"]
    return options


def verify_sender_ids(lab, args, result):
    problems = []
    items = args.get("sender_ids")
    if items is None:
        items = [{k: args[k] for k in ("name", "channel_id", "endpoint", "provider", "cxc_only") if k in args}]
    held = sections(lab)
    wanted = dict(lab.before_sections)
    if args.get("exclusive"):
        # Stale sender IDs go: chat.<exclusive_prefix>* (every chat.* without a prefix) that the task does not name.
        scope = section_of(args["exclusive_prefix"]) if args.get("exclusive_prefix") is not None else "chat."
        named = {section_of(item["name"]) for item in items}
        wanted = {s: o for s, o in wanted.items() if not (s.startswith(scope) and s not in named)}
    for item in items:
        if args.get("state") == "absent":
            wanted.pop(section_of(item["name"]), None)
        else:
            wanted[section_of(item["name"])] = sender_options(item)
    _expect(problems, "NexusServices sections", held, wanted)
    return problems


def verify_section_options(lab, args, result):
    problems = []
    wanted = dict(lab.before_sections)
    section = args["section"]
    values = {k: str(v) for k, v in dict(args.get("options") or {}, **(args.get("secret_options") or {})).items()}
    wanted[section] = dict(wanted.get(section, {}), **values)
    _expect(problems, "NexusServices sections", sections(lab), wanted)
    shown = dict(wanted[section], **{k: MASK for k in args.get("secret_options") or {}})
    _expect(problems, "returned options", result.get("options"), shown)
    return problems


def with_sections(**named):
    def setup(lab):
        lab.planes["gax"].set_sections(copy.deepcopy(named))
    return setup


S1 = {"name": "S1", "channel_id": "+18005550101", "endpoint": "SMS_Main", "provider": "Portico"}
S2 = {"name": "S2", "channel_id": "12345", "endpoint": "SMS_Outbound", "cxc_only": True}
PUT = Target("PUT NexusServices", "PUT", OBJECT)
# One tenant's sender IDs (prefix SMS_Acme_) next to another's (S2): exclusive removes only the first kind.
ACME = {"name": "SMS_Acme_1", "channel_id": "+18005550111", "endpoint": "SMS_Acme", "provider": "Async"}
ACME_OLD = {"name": "SMS_Acme_Old", "channel_id": "+18005550199", "endpoint": "SMS_Acme"}


def sender_sections(*items):
    return {section_of(i["name"]): sender_options(i) for i in items}


NEXUS_SENDER_ID = [
    Scenario(nexus_sender_id, "add two", lambda lab: gax_args(lab, sender_ids=[S1, S2]), verify_sender_ids,
             setup=with_sections(**OTHER), plane="gax", targets=[PUT, READS, after(PUT), LOGIN]),
    Scenario(nexus_sender_id, "add one", lambda lab: gax_args(lab, **S1), verify_sender_ids,
             setup=with_sections(**OTHER), plane="gax"),
    Scenario(nexus_sender_id, "exclusive for one prefix",
             lambda lab: gax_args(lab, sender_ids=[ACME], exclusive=True, exclusive_prefix="SMS_Acme_"),
             verify_sender_ids, setup=with_sections(**dict(OTHER, **sender_sections(ACME_OLD, S2))), plane="gax",
             targets=[Target("PUT NexusServices (exclusive)", "PUT", OBJECT)]),
    Scenario(nexus_sender_id, "remove one", lambda lab: gax_args(lab, name="S1", state="absent"), verify_sender_ids,
             setup=with_sections(**dict(OTHER, **sender_sections(S1, S2))), plane="gax",
             targets=[Target("PUT NexusServices (remove)", "PUT", OBJECT)]),
]

NEXUS_SERVICES_OPTIONS = [
    Scenario(nexus_services_options, "set headers",
             lambda lab: gax_args(lab, section="Async_gw", options={"header:x-tenant": "acme"},
                                  secret_options={"header:Authorization": "Bearer gateway-token-0123456789"}),
             verify_section_options, setup=with_sections(**dict(OTHER, **sender_sections(S1))), plane="gax",
             targets=[PUT, READS, after(PUT), LOGIN]),
]


def verify_services_info(lab, args, result):
    problems = []
    held = sections(lab)
    names, prefix = args.get("sections"), args.get("prefix")
    if names is not None:
        keep = [str(n) for n in names]
    elif prefix is not None:
        keep = [s for s in held if s.startswith(str(prefix).strip())]
    else:
        keep = list(held)
    patterns = [str(p).strip() for p in args.get("secret_keys") or []]
    wanted = {s: {k: MASK if any(fnmatch.fnmatchcase(k, p) for p in patterns) else v for k, v in held[s].items()}
              for s in keep if s in held}
    _expect(problems, "returned sections", result.get("sections"), wanted)
    _expect(problems, "returned missing", result.get("missing"), [n for n in dict.fromkeys(keep) if n not in held]
            if names is not None else [])
    return problems


SECRET_HEADER = {"Async": {"header:x-other": "kept", "header:Authorization": "Bearer gateway-token-0123456789"}}

NEXUS_SERVICES_INFO = [
    Scenario(nexus_services_info, "all, a header masked", lambda lab: gax_args(lab, secret_keys=["header:Auth*"]),
             verify_services_info, setup=with_sections(**dict(SECRET_HEADER, **sender_sections(S1, S2))), plane="gax",
             changes=False, targets=[READS, LOGIN]),
    Scenario(nexus_services_info, "by name", lambda lab: gax_args(lab, sections=["chat.S1", "Async", "chat.S9"]),
             verify_services_info, setup=with_sections(**dict(OTHER, **sender_sections(S1, S2))), plane="gax",
             changes=False),
    Scenario(nexus_services_info, "by prefix", lambda lab: gax_args(lab, prefix="chat."),
             verify_services_info, setup=with_sections(**dict(OTHER, **sender_sections(S1, S2))), plane="gax",
             changes=False),
]


# --- Genesys Cloud ----------------------------------------------------------------------------------

ROLES = "/api/v2/authorization/roles"
CLIENTS = "/api/v2/oauth/clients"
ROLE = {"name": "Nexus Messaging", "description": "Digital Channels SMS aggregation"}
CLIENT = "Nexus Messaging Integration"
DEFAULT_PERMISSIONS = ["messaging:*:*", "messagingProvisioning:*:*"]


def gc_plane(lab):
    return lab.planes["gc"]


def setup_by(*tasks):
    """State made by running modules, as a user would have before the task: the simulator's internals stay its own."""
    def setup(lab):
        for module, args in tasks:
            run = lab.run(module, args(lab))
            if not run.ok:
                raise AssertionError("the case table is wrong: its setup failed: %s" % run.summary())
    return setup


def verify_token(lab, args, result):
    problems = []
    if result.get("access_token") not in gc_plane(lab).tokens:
        problems.append("the returned token is not one the simulator issued")
    _expect(problems, "token_type", result.get("token_type"), "bearer")
    return problems


def permissions_of(role):
    if "permissions" in role:
        return sorted(role["permissions"])
    return sorted("%s:%s:%s" % (p["domain"], p["entityName"], a) for p in role["permissionPolicies"] for a in p["actionSet"])


def verify_role(lab, args, result):
    problems = []
    name = str(args["name"]).strip()
    held = [r for r in gc_plane(lab).roles.values() if r["name"] == name]
    if args.get("state") == "absent":
        _expect(problems, "roles named %s" % name, len(held), 0)
        return problems
    if len(held) != 1:
        return ["%d roles named %r, expected 1" % (len(held), name)]
    role = held[0]
    _expect(problems, "permissions", permissions_of(role), sorted(set(args.get("permissions", DEFAULT_PERMISSIONS))))
    if args.get("description") is not None:
        _expect(problems, "description", role["description"], args["description"])
    _expect(problems, "returned id", (result.get("role") or {}).get("id"), role["id"])
    return problems


def verify_client(lab, args, result):
    problems = []
    name = str(args["name"]).strip()
    plane = gc_plane(lab)
    held = [c for c in plane.oauth_clients.values() if c["name"] == name]
    if args.get("state") == "absent":
        _expect(problems, "OAuth clients named %s" % name, len(held), 0)
        return problems
    if len(held) != 1:
        return ["%d OAuth clients named %r, expected 1" % (len(held), name)]
    client = held[0]
    role_ids = [pair["roleId"] for pair in client.get("roleDivisions") or []] or client.get("roleIds") or []
    names = sorted({plane.roles[r]["name"] for r in role_ids if r in plane.roles})
    _expect(problems, "roles", names, sorted({r.strip() for r in args.get("roles") or []}))
    if args.get("description") is not None:
        _expect(problems, "description", client["description"], args["description"])
    returned = result.get("oauth_client") or {}
    _expect(problems, "returned id", returned.get("id"), client["id"])
    if "client_secret" in returned:
        _expect(problems, "returned secret", returned["client_secret"], client["secret"])
    return problems


NUMBER = {"number": "+1 844 555 0100", "comment": "Nexus Premise ACME Corp", "email_address": "sms.admin@acme.example.com"}


def tollfree_args(lab, **task):
    return gc_args(lab, **dict({"numbers": [dict(NUMBER)], "nexus_url": "https://digital.example.com",
                                "webhook_username": CCID, "webhook_password": "portico-cluster-key-0001"}, **task))


def verify_tollfree(lab, args, result):
    problems = []
    plane = gc_plane(lab)
    base = (args.get("nexus_url") or "").rstrip("/")
    for item in args["numbers"]:
        number = e164(item["number"]).lstrip("+")
        owned = plane.owned.get(number)
        if owned is None:
            problems.append("%s is not owned" % number)
            continue
        wanted = {"moUrl": args.get("mo_url") or base + "/nexus/v3/sms/message",
                  "drUrl": args.get("dr_url") or base + "/nexus/v3/sms/receipt",
                  "webhookUsername": str(uuid.UUID(args["webhook_username"]))}
        if item.get("comment") is not None:
            wanted["comment"] = str(item["comment"]).strip()
        if item.get("email_address") is not None:
            wanted["emailAddress"] = item["email_address"]
        _expect(problems, "settings of %s" % number, {k: owned.get(k) for k in wanted}, wanted)
        if owned.get("orderId") not in plane.orders:
            problems.append("%s has no order" % number)
    password = str(args["webhook_password"]).strip()
    if any(o.get("webhookPassword") != password for o in plane.owned.values()):
        problems.append("an owned number has another webhook password than the task's")
    returned = [n["number"] for n in result.get("numbers") or []]
    _expect(problems, "returned numbers", returned, [e164(i["number"]) for i in args["numbers"]])
    return problems


def verify_tollfree_info(lab, args, result):
    problems = []
    plane = gc_plane(lab)
    if args.get("available"):
        pool = [n.lstrip("+") for n in plane.config["available"]]
        pool = [n for n in pool if n not in plane.owned][:args.get("number_of_results", 10)]
        _expect(problems, "returned numbers", [n["number"] for n in result.get("numbers") or []], ["+" + n for n in pool])
    else:
        _expect(problems, "returned numbers", [n["number"] for n in result.get("numbers") or []],
                ["+" + n for n in sorted(plane.owned)])
    return problems


OLD_ROLE = (gc_role, lambda lab: gc_args(lab, name=ROLE["name"], description="old", permissions=["messaging:*:*"]))
with_role = setup_by(OLD_ROLE)
with_client = setup_by(OLD_ROLE, (gc_oauth_client, lambda lab: gc_args(lab, name=CLIENT, description="old")))
with_client_holding_the_role = setup_by(
    OLD_ROLE, (gc_oauth_client, lambda lab: gc_args(lab, name=CLIENT, description="old", roles=[ROLE["name"]])))
with_owned = setup_by((gc_tollfree_number, lambda lab: tollfree_args(
    lab, nexus_url="https://old.example.com",
    numbers=[dict(NUMBER, comment="old comment", email_address="old@acme.example.com")])))
with_two_owned = setup_by((gc_tollfree_number, lambda lab: tollfree_args(
    lab, numbers=[dict(NUMBER), {"number": "+1 888 555 0101"}], max_new_numbers=2)))


GC_OAUTH_TOKEN = [
    Scenario(gc_oauth_token, "token", gc_args, verify_token, plane="gc", changes=False,
             allowed=(("access_token", None),), targets=[TOKEN]),
]

GC_ROLE = [
    Scenario(gc_role, "create", lambda lab: gc_args(lab, **ROLE), verify_role, plane="gc",
             targets=[Target("POST roles", "POST", ROLES + "$"), READS, TOKEN]),
    Scenario(gc_role, "update", lambda lab: gc_args(lab, **ROLE), verify_role, setup=with_role, plane="gc",
             targets=[Target("PUT role", "PUT", ROLES + "/")]),
    Scenario(gc_role, "delete", lambda lab: gc_args(lab, name=ROLE["name"], state="absent"), verify_role,
             setup=with_role, plane="gc", targets=[Target("DELETE role", "DELETE", ROLES + "/")]),
]

GC_OAUTH_CLIENT = [
    Scenario(gc_oauth_client, "create", lambda lab: gc_args(lab, name=CLIENT, roles=[ROLE["name"]]),
             verify_client, setup=with_role, plane="gc", allowed=(("oauth_client", "client_secret"),),
             targets=[Target("POST oauth/clients", "POST", CLIENTS + "$"), READS, TOKEN]),
    Scenario(gc_oauth_client, "update",
             lambda lab: gc_args(lab, name=CLIENT, description="Digital Channels", roles=[ROLE["name"]]),
             verify_client, setup=with_client, plane="gc",
             targets=[Target("PUT oauth/client", "PUT", CLIENTS + "/")]),
    Scenario(gc_oauth_client, "delete", lambda lab: gc_args(lab, name=CLIENT, state="absent"),
             verify_client, setup=with_client_holding_the_role, plane="gc",
             targets=[Target("DELETE oauth/client", "DELETE", CLIENTS + "/")]),
]

ORDER = Target("POST order", "POST", TF + "$")
PATCH = Target("PATCH number", "PATCH", TF + "/")

GC_TOLLFREE_NUMBER = [
    Scenario(gc_tollfree_number, "order one", tollfree_args, verify_tollfree, plane="gc",
             targets=[ORDER, READS, after(ORDER), TOKEN]),
    Scenario(gc_tollfree_number, "update URLs", tollfree_args, verify_tollfree, setup=with_owned, plane="gc",
             targets=[PATCH, after(PATCH)]),
]

GC_TOLLFREE_NUMBER_INFO = [
    Scenario(gc_tollfree_number_info, "owned", gc_args, verify_tollfree_info, setup=with_two_owned, plane="gc",
             changes=False, targets=[READS, TOKEN]),
    Scenario(gc_tollfree_number_info, "available", lambda lab: gc_args(lab, available=True, number_of_results=5),
             verify_tollfree_info, setup=with_two_owned, plane="gc", changes=False,
             targets=[Target("GET available", "GET", TF + "/available$")]),
]

# In the order of plugins/modules, every module once (run.py checks that none is missing).
MODULES = {
    "gc_oauth_client": GC_OAUTH_CLIENT,
    "gc_oauth_token": GC_OAUTH_TOKEN,
    "gc_role": GC_ROLE,
    "gc_tollfree_number": GC_TOLLFREE_NUMBER,
    "gc_tollfree_number_info": GC_TOLLFREE_NUMBER_INFO,
    "nexus_api_key": NEXUS_API_KEY,
    "nexus_sender_id": NEXUS_SENDER_ID,
    "nexus_service": NEXUS_SERVICE,
    "nexus_service_info": NEXUS_SERVICE_INFO,
    "nexus_services_info": NEXUS_SERVICES_INFO,
    "nexus_services_options": NEXUS_SERVICES_OPTIONS,
}

SCENARIOS = {scenario.key: scenario for scenarios in MODULES.values() for scenario in scenarios}

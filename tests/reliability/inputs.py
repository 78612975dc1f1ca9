# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The bad-input table: every string option of every module, the bad values, and the verdict each deserves.

The options come from the modules' own argument specs, so a new option is in the matrix
without anyone adding it, and fails the run until it has a kind below (see KINDS).
"""

from __future__ import annotations

import os

from ansible_collections.cxops.digital_channels.tests.reliability.scenarios import MODULES, SCENARIOS

# The bad values, in the scorecard's column order.
CASES = ("empty", "blank", "trailing newline", "CR/LF inside", "NUL inside", "'..' and '/'", "unicode", "10k characters",
         "100k characters", "int", "list", "dict")

REJECTED = "rejected"   # failed before any request, with a clean one-line message
ACCEPTED = "accepted"   # converged (verified in the simulator's state), rerun writes nothing
REFUSED = "refused"     # well-formed, the API (or a lookup) said no: clean failure, nothing written

R, A, F = frozenset([REJECTED]), frozenset([ACCEPTED]), frozenset([REFUSED])
AF = A | F
# ansible-core turns 42, a list or a dict given to a str option into '42', "['x']" or "{'value': 'x'}" before
# the module runs (silently since 2.19); the module judges that string like any other.
CONVERTED = ("int", "list", "dict")


EMPTY, BLANK, NEWLINE, CRLF, NUL, DOTS, UNICODE_CASE, LONG, HUGE, INT, LIST, DICT = CASES


def _verdicts(default, overrides=None):
    """Verdicts per case: the default, except for the cases overridden."""
    unknown = set(overrides or {}) - set(CASES)
    if unknown:
        raise KeyError(unknown)
    return dict(dict.fromkeys(CASES, default), **(overrides or {}))


# What each kind of option must do with each bad value, and why (the scorecard prints the reasons).
EXPECT = {
    "name": (_verdicts(R, {INT: A}),
             "a path segment or section name, [A-Za-z0-9_-] matched whole: anything else is refused before a request, "
             "and so is a name longer than the input limits (64 for a service, 255 for a section; docs/decisions.md); "
             "42 from YAML is the name '42'"),
    "label": (_verdicts(R, {NEWLINE: A, DOTS: A, UNICODE_CASE: A, INT: A, LIST: A, DICT: A}),
              "free text on one line, trimmed, at most 200 characters (validate_label): '..', '/', unicode and the "
              "string form of a list or dict are text; a trailing newline is trimmed"),
    "comment": (_verdicts(R, {NEWLINE: A, DOTS: A, UNICODE_CASE: A, INT: A, LIST: A, DICT: A}),
                "free text for the vendor's support, a label of at most 500 characters (validate_label): one line, "
                "trimmed, not blank"),
    "lookup name": (_verdicts(R, {NEWLINE: A, DOTS: F, UNICODE_CASE: F, INT: F, LIST: F, DICT: F}),
                    "the name of a role or division to look up, a label (gc_role's rules) checked before any "
                    "request; a well-formed name that names nothing fails after the lookup, before any write"),
    "prefix": (_verdicts(R, {NEWLINE: A, DOTS: A, UNICODE_CASE: A, INT: A, LIST: A}),
               "a prefix compared with section names, never part of a path: one line, trimmed, no spaces, at most "
               "200 characters; one that matches nothing returns nothing"),
    "text": (_verdicts(A, {NUL: R, LONG: R, HUGE: R}),
             "free text the API stores as given (descriptions): lines, tabs, any character but NUL and other control "
             "characters, at most 4,096 characters (the input limit of a value)"),
    "base url": (_verdicts(R, {UNICODE_CASE: AF}),
                 "where requests and credentials go: http(s), a host, no whitespace, no dot segments (they make the "
                 "request path differ from the one checked and shown), at most 2,048 characters. A non-ASCII path is the "
                 "user's to choose: every request must then go under it and nothing be written; what a server that does not "
                 "serve that path answers (404, which a read takes as 'absent') is its own business, and "
                 "playbooks/preflight.yml is where a tenant's URLs are checked"),
    "url": (_verdicts(R, {DOTS: A, UNICODE_CASE: A}),
            "a URL stored as data (a service URL): http(s), a host, no whitespace, at most 2,048 characters; its path "
            "is stored as given"),
    "webhook url": (_verdicts(R, {EMPTY: A, DOTS: A, UNICODE_CASE: A}),
                    "a URL stored as data, like url; empty means not set (the default from nexus_url applies)"),
    "uuid": (_verdicts(R), "a UUID (Contact Center ID, tenant): anything else is refused"),
    "choice": (_verdicts(R), "one of the documented choices"),
    "number": (_verdicts(R, {NEWLINE: A, CRLF: A}),
               "a phone number: spaces, dots, hyphens and parentheses are formatting and removed (line breaks are "
               "whitespace too), ASCII digits only, the documented forms"),
    "email": (_verdicts(R, {UNICODE_CASE: A}),
              "an e-mail address: one @, a host name after it, at most 254 characters (RFC 5321); a non-ASCII local "
              "part is valid (RFC 6531)"),
    "permission": (_verdicts(R), "a permission string of the documented form"),
    "vanity": (_verdicts(R), "4 to 7 letters or digits"),
    "path": (_verdicts(R, {EMPTY: A}), "a file that exists (checked before any request); empty means not set"),
    "header credential": (_verdicts(R, {NEWLINE: A, DOTS: AF, INT: AF, LIST: AF, DICT: AF}),
                          "a secret sent in an HTTP header: trimmed, one line, printable ASCII (a header cannot carry "
                          "anything else), at most 4,096 characters; whether it is right is the API's to say (401), or "
                          "the client credentials replace a refused access_token"),
    "body credential": (_verdicts(A, {EMPTY: R, BLANK: R, CRLF: R, NUL: R, LONG: R, HUGE: R}),
                        "a secret sent in a JSON body (the webhook password): trimmed, one line, any characters but "
                        "control characters, at most 4,096"),
    "api key value": (_verdicts(R, {NEWLINE: A}),
                      "the value of a new Digital Channels API key, sent as its id (a path segment when it is deleted) "
                      "and later as a header: 16 to 128 letters, digits or -._~, trimmed"),
    "optional header credential": (_verdicts(R, {EMPTY: F, NEWLINE: A, DOTS: AF, INT: AF, LIST: AF, DICT: AF}),
                                   "a header credential that may be empty (the GWS Auth client's secret): empty is "
                                   "sent as such and the login says whether that is right"),
    "password": (_verdicts(F, {EMPTY: R, BLANK: R, NEWLINE: R, CRLF: R, NUL: R, LONG: R, HUGE: R}),
                 "the GAX password: never trimmed (a trailing newline is refused), one line, at most 4,096 characters; "
                 "whether it is right is the login's to say"),
    "username": (_verdicts(F, {EMPTY: R, BLANK: R, NEWLINE: A, CRLF: R, NUL: R, LONG: R, HUGE: R}),
                 "the GAX user name: a label; whether it exists is the login's to say"),
    "ignored": (_verdicts(A), "an option this module documents as not used (gc_oauth_token always requests a new "
                              "token)"),
}

# (module, option path) -> kind; "*" holds for every module that has the option.
KINDS = {
    ("*", "nexus_url"): "base url", ("*", "gax_url"): "base url", ("*", "login_url"): "base url",
    ("*", "api_url"): "base url", ("*", "api_key"): "header credential", ("*", "client_id"): "header credential",
    ("*", "client_secret"): "header credential", ("*", "access_token"): "header credential",
    ("*", "ccid"): "uuid", ("*", "ca_path"): "path", ("*", "region"): "choice", ("*", "state"): "choice",
    ("*", "gax_username"): "username", ("*", "gax_password"): "password",
    ("*", "auth_url"): "base url", ("*", "auth_client_id"): "header credential",
    ("*", "auth_client_secret"): "optional header credential", ("*", "auth_username"): "username",
    ("*", "auth_password"): "password",
    ("gc_oauth_token", "access_token"): "ignored",
    ("gc_oauth_client", "name"): "label", ("gc_oauth_client", "description"): "text",
    ("gc_oauth_client", "roles[]"): "lookup name", ("gc_oauth_client", "division"): "lookup name",
    ("gc_role", "name"): "label", ("gc_role", "description"): "text", ("gc_role", "permissions[]"): "permission",
    ("gc_tollfree_number", "mo_url"): "webhook url", ("gc_tollfree_number", "dr_url"): "webhook url",
    ("gc_tollfree_number", "numbers[].number"): "number", ("gc_tollfree_number", "numbers[].comment"): "comment",
    ("gc_tollfree_number", "numbers[].email_address"): "email",
    ("gc_tollfree_number", "numbers[].area_code"): "choice", ("gc_tollfree_number", "numbers[].vanity"): "vanity",
    ("gc_tollfree_number", "update_webhook_password"): "choice",
    ("gc_tollfree_number", "webhook_password"): "body credential", ("gc_tollfree_number", "webhook_username"): "uuid",
    ("gc_tollfree_number_info", "vanity"): "vanity",
    ("nexus_api_key", "name"): "label", ("nexus_api_key", "tenant"): "uuid", ("nexus_api_key", "key"): "api key value",
    ("nexus_api_key", "permissions[]"): "permission",
    ("nexus_sender_id", "name"): "name", ("nexus_sender_id", "endpoint"): "name",
    ("nexus_sender_id", "exclusive_prefix"): "name",
    ("nexus_sender_id", "channel_id"): "number", ("nexus_sender_id", "provider"): "choice",
    ("nexus_sender_id", "sender_ids[].name"): "name", ("nexus_sender_id", "sender_ids[].endpoint"): "name",
    ("nexus_sender_id", "sender_ids[].channel_id"): "number", ("nexus_sender_id", "sender_ids[].provider"): "choice",
    ("nexus_service", "name"): "name", ("nexus_service", "url"): "url", ("nexus_service", "update_secret"): "choice",
    ("nexus_service_info", "names[]"): "name",
    ("nexus_services_options", "section"): "name",
    ("nexus_services_info", "sections[]"): "name", ("nexus_services_info", "prefix"): "prefix",
    ("nexus_services_info", "secret_keys[]"): "label",
}

# Which task of the module a bad value goes into (default: the module's first scenario).
BASES = {
    ("nexus_sender_id", "name"): "nexus_sender_id/add one", ("nexus_sender_id", "channel_id"): "nexus_sender_id/add one",
    ("nexus_sender_id", "endpoint"): "nexus_sender_id/add one", ("nexus_sender_id", "provider"): "nexus_sender_id/add one",
    ("nexus_api_key", "key"): "nexus_api_key/create, value given",
    ("nexus_sender_id", "exclusive_prefix"): "nexus_sender_id/exclusive for one prefix",
    ("nexus_services_info", "sections[]"): "nexus_services_info/by name",
    ("nexus_services_info", "prefix"): "nexus_services_info/by prefix",
}

# Valid values for options the base task does not set; a bad value is made from these.
EXTRA = {
    "ca_path": None,  # set in base_value(): a file that exists
    "region": "us-east-1", "access_token": "sim-access-token-not-issued-0001", "description": "Digital Channels SMS",
    "url": "http://directtext.mgage.com", "mo_url": "https://digital.example.com/nexus/v3/sms/message",
    "dr_url": "https://digital.example.com/nexus/v3/sms/receipt", "vanity": "5550", "state": "present",
    "update_secret": "on_create", "update_webhook_password": "on_create", "tenant": "*",
    "permissions": "messaging:*:*", "division": "Home", "auth_client_id": "external_api_client", "area_code": "888",
}

DIGITS = str.maketrans("0123456789", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19")
UNICODE = "\u00fcn\u00ef\u20ac\u540d"  # latin-1 letters, a euro sign and a CJK character


class _Captured(Exception):
    pass


def argument_spec(module):
    """The module's argument spec and AnsibleModule options, taken from its own main()."""
    captured = {}

    def capture(*args, **kwargs):
        captured.update(spec=kwargs.pop("argument_spec", None) or args[0], kwargs=kwargs)
        raise _Captured()

    original = module.run_module
    module.run_module = capture
    try:
        module.main()
    except _Captured:
        pass
    finally:
        module.run_module = original
    return captured["spec"]


def string_options(spec, prefix=""):
    """Paths of every string option: 'name', 'names[]' (list elements), 'numbers[].number' (suboptions)."""
    paths = []
    for name, option in sorted(spec.items()):
        kind = option.get("type", "str")
        if kind in ("str", "path"):
            paths.append(prefix + name)
        elif kind == "list" and option.get("elements") in ("str", "path"):
            paths.append(prefix + name + "[]")
        elif option.get("options"):
            paths.extend(string_options(option["options"], prefix + name + ("[]." if kind == "list" else ".")))
    return paths


def kind_of(module_name, path):
    return KINDS.get((module_name, path)) or KINDS.get(("*", path))


def base_of(module_name, path):
    return SCENARIOS[BASES[(module_name, path)]] if (module_name, path) in BASES else MODULES[module_name][0]


def get_value(args, path):
    """The value at an option path of args, or None."""
    head, dummy, rest = path.partition(".")
    if head.endswith("[]"):
        items = args.get(head[:-2]) or []
        if not items:
            return None
        return items[0] if not rest else get_value(items[0], rest)
    return args.get(head) if not rest else get_value(args.get(head) or {}, rest)


def set_value(args, path, value):
    """A copy of args with the value at an option path (the first element of a list)."""
    args = dict(args)
    head, dummy, rest = path.partition(".")
    if head.endswith("[]"):
        items = list(args.get(head[:-2]) or [None])
        items[0] = value if not rest else set_value(items[0] or {}, rest, value)
        args[head[:-2]] = items
    else:
        args[head] = value if not rest else set_value(args.get(head) or {}, rest, value)
    return args


def base_value(args, path):
    value = get_value(args, path)
    if value is None:
        name = path.rsplit(".", 1)[-1].rstrip("[]")
        value = EXTRA.get(name)
        if name == "ca_path":
            value = os.path.abspath(__file__)
    if value is None:
        raise KeyError("no valid value for %s: add it to EXTRA" % path)
    return str(value)


def bad_value(case, kind, base):
    """The bad value of a case, made from a valid one of the option."""
    if case == "empty":
        return ""
    if case == "blank":
        return "  \t "
    if case == "trailing newline":
        return base + "\n"
    if case == "CR/LF inside":
        return base[:len(base) // 2] + "\r\n" + base[len(base) // 2:]
    if case == "'..' and '/'":
        return base.rstrip("/") + "/../admin" if kind.endswith("url") else "../" + base + "/.."
    if case == "unicode":
        if kind == "number":
            return base.translate(DIGITS)
        if kind.endswith("url"):
            return base.rstrip("/") + "/" + UNICODE
        if kind == "email":
            return UNICODE + "." + base
        return base + "-" + UNICODE
    if case in ("10k characters", "100k characters"):
        size = 10000 if case == "10k characters" else 100000
        if kind.endswith("url"):
            return base.rstrip("/") + "/" + "a" * (size - 1 - len(base.rstrip("/")))
        if kind == "email":
            return "a" * (size - len(base)) + base
        return (base * (size // len(base) + 1))[:size]
    if case == "NUL inside":
        return base[:len(base) // 2] + "\x00" + base[len(base) // 2:]
    if case == "int":
        return 42
    if case == "list":
        return [base]
    if case == "dict":
        return {"value": base}
    raise ValueError(case)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Argument specs generated from one option table per API plane, and input validators.

Internal use only: not a public API. Each plane's table is the single source of a
connection option's type, default, ``no_log`` and environment variable; a unit test
holds the doc fragments to the same tables.
"""

from __future__ import annotations

import os
import re
import uuid
from urllib.parse import urlsplit

from ansible.module_utils.errors import AnsibleFallbackNotFound

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError

# The options every plane's HTTP transport takes (doc fragment ``connection``); plane tables merge it, and
# add ``ca_path`` with their own environment variable (ca_path_option), which an AWX credential's CA bundle sets.
HTTP_OPTIONS = {
    "timeout": {"type": "int", "default": 30},
    "retries": {"type": "int", "default": 5},
    "settle_timeout": {"type": "int"},
    "max_response_size": {"type": "int", "default": 33554432},
}

# Keys of a table entry that are not argument-spec keys.
_TABLE_ONLY = ("env",)

NAME_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
# Lengths of what goes on the wire (docs/decisions.md, "Input limits"). No vendor source states a limit, so
# each is far above anything the runbook or a real tenant uses and low enough that a mistake (a file pasted
# into a variable, a runaway template) fails before a request instead of being stored or echoed back.
MAX_NAME = 64          # a Nexus service name, a path segment (the runbook's longest: PurecloudIDP, 12)
MAX_SECTION = 255      # a NexusServices section or option name (chat.<name>, header:<name>)
MAX_VALUE = 4096       # an option value, a string inside a service's data or secret
MAX_URL = 2048         # a URL sent or stored
MAX_SECRET = 4096      # a password, key or token (header secrets are far shorter in practice)
# local@host: any local part without blanks (RFC 6531 allows non-ASCII), a DNS host name after the @.
_HOST_LABEL = r"[^\W_]+(?:-+[^\W_]+)*"
EMAIL_PATTERN = re.compile(r"[^@\s]+@(?:%s\.)+%s" % (_HOST_LABEL, _HOST_LABEL))
# RFC 5321: a path (the address) is at most 256 octets including the angle brackets.
EMAIL_MAX = 254
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def ca_path_option(env):
    """A plane's ``ca_path``: its CA bundle, from the option or the plane's environment variable."""
    return {"ca_path": {"type": "path", "env": env}}


def env_set(*names):
    """The first of the environment variables that is set and not empty.

    An AWX credential renders every variable of its injectors, an optional field it does not have as an empty
    string: that means "not given" (the option's default applies), never "given as nothing".
    """
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    raise AnsibleFallbackNotFound


def argument_spec(*tables, **module_options):
    """Merge connection tables and the module's own options into an AnsibleModule spec."""
    spec = {}
    for table in tables:
        for name, entry in table.items():
            option = {k: v for k, v in entry.items() if k not in _TABLE_ONLY}
            if entry.get("env"):
                option["fallback"] = (env_set, [entry["env"]])
            spec[name] = option
    spec.update(module_options)
    return spec


def validate_uuid(value, option):
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise InputError("%s must be a UUID such as 45acae06-6b7c-4f97-9c76-471cb5c21bf7, got %r" % (option, _short(str(value))))


def validate_base_url(value, option):
    """An http(s) URL with a host and no query, returned without a trailing slash.

    No '.' or '..' path segments: requests removes them, so requests would go to another
    path than the one shown in errors and checked for links from the server.
    """
    parts = urlsplit(value or "")
    malformed = parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment
    if malformed or parts.username is not None or _has_space(value) or _CONTROL.search(value):
        raise InputError("%s must be an http:// or https:// URL with a host and no query, got %r" % (option, _short(value or "")))
    check_length(value, option, MAX_URL)
    if any(segment in (".", "..") for segment in parts.path.split("/")):
        raise InputError("%s must be an http:// or https:// URL without '.' or '..' path segments, got %r" % (option, _short(value)))
    return value.rstrip("/")


def _has_space(value):
    return any(c.isspace() for c in value)


def validate_label(value, option, max_length=200):
    """A free-text name (spaces allowed, as in "Portico Cluster API Key") on one line; returned trimmed."""
    text = (value or "").strip()
    if not text:
        raise InputError("%s must not be empty" % option)
    if _CONTROL.search(text) or len(text) > max_length:
        raise InputError("%s must be one line of at most %d characters without control characters, got %r"
                         % (option, max_length, _short(text)))
    return text


def validate_name(value, option, max_length=MAX_NAME):
    if not isinstance(value, str) or not NAME_PATTERN.fullmatch(value):
        raise InputError("%s may hold only letters, digits, '_' and '-' (no spaces), got %r" % (option, _short(str(value))))
    check_length(value, option, max_length)
    return value


def _short(text, limit=60):
    return text if len(text) <= limit else text[:limit] + "..."


def check_length(value, option, max_length):
    if len(value) > max_length:
        raise InputError("%s is %d characters long; at most %d are allowed (docs/decisions.md, input limits)"
                         % (option, len(value), max_length))
    return value


def check_text(value, option, max_length=MAX_VALUE, lines=False):
    """A string that goes on the wire as it is: no NUL or other control character, at most max_length.

    A control character is never meant (a NUL cuts the value short in C code behind the API, a
    line break from a YAML block changes a secret), and the message says where it is, not what.
    ``lines`` allows tabs and line breaks (free text such as a description).
    """
    match = (_CONTROL_IN_TEXT if lines else _CONTROL).search(value)
    if match:
        raise InputError("%s holds the control character %s at position %d; remove it"
                         % (option, repr(match.group())[1:-1], match.start()))
    return check_length(value, option, max_length)


def check_strings(data, option, max_length=MAX_VALUE):
    """check_text for every key and string leaf of a structure (a service's data or secret); returns data."""
    stack = [(data, option)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                key_where = "%s.%s" % (where, _one_line(_short(str(key))))
                if isinstance(key, str):
                    check_text(key, "a key of %s" % where, MAX_SECTION)
                stack.append((value, key_where))
        elif isinstance(item, list):
            stack.extend((value, "%s[%d]" % (where, index)) for index, value in enumerate(item))
        elif isinstance(item, str):
            check_text(item, where, max_length)
    return data


def _one_line(text):
    """Text with control characters escaped, so that a message quoting it stays on one line."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def credential(value, option, strip=True, header=False):
    """A secret checked before it is used: surrounding whitespace trimmed (or refused), no control characters.

    A YAML ``|`` block ends a value in a line break; sent as a header it fails in a way that
    echoes the header, and sent in a body it is silently a different secret. A ``header``
    secret must be printable ASCII: requests sends header values as latin-1, so other
    characters either crash the request or send bytes that are not the secret's UTF-8.
    """
    if value is None:
        return None
    if value != value.strip():
        if not strip:
            raise InputError("%s has leading or trailing whitespace (a YAML '|' block adds a line break; use '|-'); "
                             "passwords are not trimmed, fix the value" % option)
        value = value.strip()
    if not value or _CONTROL.search(value):
        raise InputError("%s must be a non-empty value on one line without control characters" % option)
    check_length(value, option, MAX_SECRET)
    if header and not value.isascii():
        raise InputError("%s must be printable ASCII: it is sent in an HTTP header" % option)
    return value


def transport_options(params, **overrides):
    """Keyword arguments for Transport from the connection options every plane shares, plus overrides."""
    if params["timeout"] <= 0:
        raise InputError("timeout must be a positive number of seconds, got %r" % params["timeout"])
    if params["retries"] < 0:
        raise InputError("retries must be 0 or more, got %r" % params["retries"])
    settle = params.get("settle_timeout")
    if settle is not None and settle < 0:
        raise InputError("settle_timeout must be 0 or more seconds, got %r" % settle)
    if params.get("max_response_size", 1) < 1:
        raise InputError("max_response_size must be a positive number of bytes, got %r" % params["max_response_size"])
    ca_path = params["ca_path"]
    if ca_path and not os.path.exists(ca_path):
        raise InputError("ca_path %s does not exist; give a CA bundle file or a directory of CA certificates"
                         % _one_line(_short(ca_path)))
    return dict({
        "validate_certs": params["validate_certs"],
        "ca_path": ca_path,
        "timeout": params["timeout"],
        "retries": params["retries"],
        "settle_timeout": settle,
        "max_response_size": params.get("max_response_size") or 33554432,
    }, **overrides)


def validate_url(value, option):
    """An http(s) URL with a host; paths allowed."""
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.hostname or _has_space(value) or _CONTROL.search(value):
        raise InputError("%s must be an http:// or https:// URL, got %r" % (option, _short(value or "")))
    return check_length(value, option, MAX_URL)


def validate_service_url(value, option, placeholder="N/A"):
    """A service URL may be the seed's placeholder for services that have none."""
    if value == placeholder:
        return value
    try:
        return validate_url(value, option)
    except InputError as exc:
        if "characters long" in str(exc):
            raise
        raise InputError("%s must be an http:// or https:// URL or %s, got %r" % (option, placeholder, _short(value or ""))) from None


def validate_email(value, option):
    if not isinstance(value, str) or len(value) > EMAIL_MAX or not EMAIL_PATTERN.fullmatch(value):
        raise InputError("%s must be an e-mail address (a host name after the @, at most %d characters), got %r"
                         % (option, EMAIL_MAX, _short(str(value))))
    return value


def env_option(option, env):
    """A module's own option with an environment fallback, outside any connection table."""
    return dict(option, fallback=(env_set, [env]))

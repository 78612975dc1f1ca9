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

import re
import uuid
from urllib.parse import urlsplit

from ansible.module_utils.basic import env_fallback

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError

# The options every plane's HTTP transport takes (doc fragment ``connection``); plane tables merge it.
HTTP_OPTIONS = {
    "ca_path": {"type": "path"},
    "timeout": {"type": "int", "default": 30},
    "retries": {"type": "int", "default": 5},
}

# Keys of a table entry that are not argument-spec keys.
_TABLE_ONLY = ("env",)

NAME_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")


def argument_spec(*tables, **module_options):
    """Merge connection tables and the module's own options into an AnsibleModule spec."""
    spec = {}
    for table in tables:
        for name, entry in table.items():
            option = {k: v for k, v in entry.items() if k not in _TABLE_ONLY}
            if entry.get("env"):
                option["fallback"] = (env_fallback, [entry["env"]])
            spec[name] = option
    spec.update(module_options)
    return spec


def validate_uuid(value, option):
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise InputError("%s must be a UUID such as 45acae06-6b7c-4f97-9c76-471cb5c21bf7, got %r" % (option, value))


def validate_base_url(value, option):
    """An http(s) URL with a host and no query, returned without a trailing slash."""
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or " " in value:
        raise InputError("%s must be an http:// or https:// URL with a host and no query, got %r" % (option, value))
    return value.rstrip("/")


def validate_label(value, option):
    """A free-text name (spaces allowed, as in "Portico Cluster API Key") that is not blank; returned trimmed."""
    text = (value or "").strip()
    if not text:
        raise InputError("%s must not be empty" % option)
    return text


def validate_name(value, option):
    if not value or not NAME_PATTERN.match(value):
        raise InputError("%s may hold only letters, digits, '_' and '-' (no spaces), got %r" % (option, value))
    return value


def transport_options(params, **overrides):
    """Keyword arguments for Transport from the connection options every plane shares, plus overrides."""
    if params["timeout"] <= 0:
        raise InputError("timeout must be a positive number of seconds, got %r" % params["timeout"])
    if params["retries"] < 0:
        raise InputError("retries must be 0 or more, got %r" % params["retries"])
    return dict({
        "validate_certs": params["validate_certs"],
        "ca_path": params["ca_path"],
        "timeout": params["timeout"],
        "retries": params["retries"],
    }, **overrides)


def validate_url(value, option):
    """An http(s) URL with a host; paths allowed."""
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        raise InputError("%s must be an http:// or https:// URL, got %r" % (option, value))
    return value


def validate_service_url(value, option, placeholder="N/A"):
    """A service URL may be the seed's placeholder for services that have none."""
    if value == placeholder:
        return value
    try:
        return validate_url(value, option)
    except InputError:
        raise InputError("%s must be an http:// or https:// URL or %s, got %r" % (option, placeholder, value)) from None


def validate_email(value, option):
    if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value or ""):
        raise InputError("%s must be an e-mail address, got %r" % (option, value))
    return value


def env_option(option, env):
    """A module's own option with an environment fallback, outside any connection table."""
    return dict(option, fallback=(env_fallback, [env]))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The preflight's verdicts and report (playbooks/preflight.yml). Internal use only: not a public API.

The playbook runs one read-only task per check with ``ignore_errors`` and ``register``;
:func:`tenant_result` turns one tenant's registered results into a verdict per plane
(ok, failed with a one-line message, skipped), and :func:`report` turns the verdicts
of every tenant into the JSON, Markdown and console table the playbook writes. Kept
out of Jinja so that the rules are in one place and unit-tested.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

OPTIONS = ("kaleyra", "custom_gateway", "genesys_cloud")

OK, FAILED, SKIPPED = "ok", "failed", "skipped"

# TLS verdicts of a plane, worst first, and how the console and Markdown show them.
TLS_LABELS = {
    "failed": "TLS failed",
    "plaintext": "http, not encrypted",
    "unverified": "https, certificate not verified",
    "unknown": "not reached",
    "verified": "https, verified",
}
_TLS_ORDER = ("failed", "plaintext", "unverified", "unknown", "verified")

# The same, short, for the console table.
TLS_SHORT = {"failed": "TLS failed", "plaintext": "http", "unverified": "https unverified", "unknown": "not reached",
             "verified": "https"}

# Failure kinds that prove a response came back over the connection (so TLS, if any, was negotiated).
_ANSWERED = ("auth", "response_shape", "http", "not_found", "write_refused")


def _count(items, word):
    return "%d %s%s" % (len(items), word, "" if len(items) == 1 else "s")


def _services(result):
    present = list(result.get("services") or {})
    if not present:
        return "no SMS service exists yet (a fresh tenant); a service's shape is checked once one exists"
    detail = "services present: %s" % ", ".join(present)
    if result.get("secrets_in_clear"):
        detail += ("; Digital Channels shows the secret values of %s in clear, not masked (NX-REDACT-MASK): the "
                   "collection compares them and masks them in all output" % ", ".join(result["secrets_in_clear"]))
    return detail


def _named(key, what):
    def detail(result):
        found = result.get(key) or {}
        name = found.get("name") or what
        return "%s exists" % name if found.get("id") else "%s does not exist yet (site.yml creates it)" % name
    return detail


def _api_key(result):
    """nexus_api_key never returns a key's id (it is the key's value): it says whether the key was found."""
    name = (result.get("api_key") or {}).get("name") or "the Portico cluster API key"
    return "%s exists" % name if result.get("found") else "%s does not exist yet (site.yml creates it)" % name


def _transaction(result):
    sections = list(result.get("sections") or {})
    sender_ids = [s for s in sections if s.startswith("chat.")]
    transaction = result.get("transaction") or {}
    name, dbid = transaction.get("name", "NexusServices"), transaction.get("dbid", "?")
    return "%s (dbid %s) parsed: %s, %s" % (name, dbid, _count(sections, "section"), _count(sender_ids, "sender ID"))


def _numbers(result):
    return "token issued; %s owned" % _count(result.get("numbers") or [], "toll-free number")


# Every plane in report order: its label, the SMS options that use it, and its checks in the order they run.
# A check: its label, what an ok result shows, and why it is skipped when its task is.
PLANES = {
    "nexus": {
        "label": "Nexus",
        "options": OPTIONS,
        "checks": {
            "services": {"label": "the API key reads the tenant's SMS services", "detail": _services},
        },
    },
    "gws_auth": {
        "label": "GWS Auth Services",
        "options": ("genesys_cloud",),
        "checks": {
            "api_keys": {
                "label": "the login gets a token that lists Digital Channels' API keys (the Portico cluster API key)",
                "detail": _api_key,
                "skipped": "only Genesys Cloud tenants create the Portico cluster API key",
            },
        },
    },
    "gax": {
        "label": "Platform Administration (GAX)",
        "options": OPTIONS,
        "checks": {
            "nexus_services": {"label": "login, and the NexusServices transaction found and parsed",
                               "detail": _transaction},
        },
    },
    "genesys_cloud": {
        "label": "Genesys Cloud",
        "options": ("genesys_cloud",),
        "checks": {
            "integration": {
                "label": "the integration client gets a token and lists toll-free numbers",
                "detail": _numbers,
                "skipped": "the integration OAuth client has no credentials yet: site.yml creates it "
                           "(sms_genesys_cloud_create_oauth_client); store its secret, then run the preflight again",
            },
            "admin_roles": {
                "label": "the admin credentials read roles",
                "detail": _named("role", "the role"),
                "skipped": "sms_genesys_cloud_create_oauth_client is false: no role or OAuth client is created",
            },
            "admin_clients": {
                "label": "the admin credentials read OAuth clients",
                "detail": _named("oauth_client", "the OAuth client"),
                "skipped": "sms_genesys_cloud_create_oauth_client is false: no role or OAuth client is created",
            },
        },
    },
}


def one_line(text, limit=400):
    text = " ".join(str(text if text is not None else "").split())
    return text if len(text) <= limit else text[:limit] + "..."


def failure_kind(message, status=None):
    """What kind of failure a module's message describes (the messages come from the one HTTP core)."""
    if re.search(r"\bTLS with \S+ failed\b", message):
        return "tls"
    if status in (401, 403) or re.search(r" failed: HTTP 40[13]\b", message):
        return "auth"
    if "refusing the server's answer" in message:
        return "response_shape"
    if re.search(r"refusing to send \S+ \S+ in check mode", message):
        return "write_refused"
    if " not found;" in message and "transaction" in message:
        return "not_found"
    if re.search(r" failed: connection failed\b", message):
        return "connection"
    if re.search(r" failed: HTTP \d{3}\b", message):
        return "http"
    return "input"


def _truthy(value, default=True):
    if value is None or value == "":
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on", "y", "t")
    return bool(value)


def check_result(spec, name, registered):
    """One check's verdict from the task result it registered."""
    entry = {"name": name, "label": spec["label"]}
    if not isinstance(registered, dict) or not registered:
        return dict(entry, status=FAILED, kind="input", message="the check did not run (see the playbook output)")
    if registered.get("skipped"):
        return dict(entry, status=SKIPPED, message=spec.get("skipped", "not needed for this tenant"))
    if registered.get("failed"):
        message = one_line(registered.get("msg") or "failed without a message")
        return dict(entry, status=FAILED, kind=failure_kind(message, registered.get("status")), message=message)
    return dict(entry, status=OK, detail=spec["detail"](registered))


def tls_result(urls, validate_certs, checks):
    """TLS of a plane: the scheme of its URLs, whether certificates are verified, and what the requests showed."""
    failed = [c for c in checks if c.get("kind") == "tls"]
    if failed:
        reason = failed[0]["message"]
        match = re.search(r"TLS with \S+ failed: .*", reason)
        return {"status": "failed", "urls": urls, "validate_certs": validate_certs,
                "message": match.group(0) if match else reason}
    schemes = {urlsplit(u).scheme.lower() for u in urls if u}
    if "http" in schemes:
        status = "plaintext"
        message = "%s is not encrypted" % ", ".join(u for u in urls if urlsplit(u).scheme.lower() == "http")
    elif not urls or schemes != {"https"}:
        status, message = "unknown", "no https URL is configured"
    elif not validate_certs:
        status, message = "unverified", "validate_certs is false: the certificate of %s is not verified" % ", ".join(urls)
    elif any(c["status"] == OK or c.get("kind") in _ANSWERED for c in checks):
        status, message = "verified", "the certificate of %s was verified" % ", ".join(urls)
    else:
        status, message = "unknown", "no request reached %s" % ", ".join(urls)
    return {"status": status, "urls": urls, "validate_certs": validate_certs, "message": message}


def plane_result(name, option, probe, require_tls=False):
    """One plane's verdict: skipped when the tenant does not use it, else from its checks and TLS."""
    plane = PLANES[name]
    probe = probe if isinstance(probe, dict) else {}
    result = {"label": plane["label"]}
    if option not in plane["options"]:
        return dict(result, status=SKIPPED, message="not used by sms_option %s" % option, checks=[])
    if not _truthy(probe.get("used"), True):
        return dict(result, status=SKIPPED, message=probe.get("reason") or "not used by this tenant", checks=[])
    registered = probe.get("checks") or {}
    checks = [check_result(spec, check, registered.get(check)) for check, spec in plane["checks"].items()]
    urls = list(dict.fromkeys(str(u).strip() for u in probe.get("urls") or [] if u is not None and str(u).strip()))
    tls = tls_result(urls, _truthy(probe.get("validate_certs"), True), checks)
    if require_tls and tls["status"] in ("plaintext", "unverified"):
        checks.append({"name": "tls", "label": "TLS required (preflight_require_tls)", "status": FAILED,
                       "kind": "tls", "message": tls["message"]})
    failed = [c for c in checks if c["status"] == FAILED]
    if failed:
        first = failed[0]
        message = "%s: %s" % (first["label"], first["message"])
        if len(failed) > 1:
            message += " (and %d more failed check%s)" % (len(failed) - 1, "" if len(failed) == 2 else "s")
        return dict(result, status=FAILED, kind=first["kind"], message=message, tls=tls, checks=checks)
    if all(c["status"] == SKIPPED for c in checks):
        return dict(result, status=SKIPPED, message="; ".join(c["message"] for c in checks), tls=tls, checks=checks)
    return dict(result, status=OK, tls=tls, checks=checks)


def tenant_result(probes, require_tls=False):
    """A tenant's verdict from the playbook's probes: ``{"sms_option", "planes": {plane: probe}}``."""
    probes = probes if isinstance(probes, dict) else {}
    option = probes.get("sms_option")
    option = option if isinstance(option, str) else ""
    errors = []
    if option not in OPTIONS:
        errors.append("sms_option must be %s, got %s" % (", ".join(OPTIONS), option or "nothing"))
        planes = {name: {"label": plane["label"], "status": SKIPPED, "message": "sms_option is not valid", "checks": []}
                  for name, plane in PLANES.items()}
    else:
        given = probes.get("planes") or {}
        planes = {name: plane_result(name, option, given.get(name), _truthy(require_tls, False)) for name in PLANES}
    failures = ["inventory: %s" % e for e in errors]
    failures += ["%s: %s" % (name, plane["message"]) for name, plane in planes.items() if plane["status"] == FAILED]
    return {"sms_option": option, "status": FAILED if failures else OK, "errors": errors, "failures": failures,
            "planes": planes}


def _did_not_finish():
    return {"sms_option": "", "status": FAILED, "errors": ["the preflight did not finish for this tenant (see the playbook output)"],
            "failures": ["preflight: did not finish for this tenant (see the playbook output)"],
            "planes": {name: {"label": plane["label"], "status": SKIPPED, "message": "not checked", "checks": []}
                       for name, plane in PLANES.items()}}


def report(results, playbook="preflight.yml", generated=None):
    """Every tenant's verdict as {"json": report, "markdown": text, "table": [lines]}.

    ``results`` maps tenant names to :func:`tenant_result` values; a tenant without one
    (a task failed before its summary) counts as failed.
    """
    results = results if isinstance(results, dict) else {}
    generated = generated or datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    tenants = {name: (value if isinstance(value, dict) and value.get("planes") else _did_not_finish())
               for name, value in sorted(results.items())}
    failed = [name for name, tenant in tenants.items() if tenant["status"] == FAILED]
    data = {
        "generated": generated,
        "playbook": playbook,
        "ok": not failed,
        "failed_tenants": failed,
        "failures": ["%s: %s" % (name, failure) for name in failed for failure in tenants[name]["failures"]],
        "tenants": tenants,
    }
    return {"json": data, "markdown": markdown(data), "table": table(data)}


def _cell(plane, labels=None):
    labels = labels or TLS_LABELS
    if plane["status"] == SKIPPED:
        return "skipped"
    text = "FAILED" if plane["status"] == FAILED else "ok"
    return "%s (%s)" % (text, labels[plane["tls"]["status"]])


def table(data):
    """The console summary: one row per tenant, one column per plane, then one line per failure."""
    header = ["tenant", "sms_option"] + list(PLANES)
    rows = [[name, tenant["sms_option"] or "-"] + [_cell(tenant["planes"][p], TLS_SHORT) for p in PLANES]
            for name, tenant in data["tenants"].items()]
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header] + rows]
    lines.append("%s checked, %s failed" % (_count(data["tenants"], "tenant"), len(data["failed_tenants"])))
    lines += ["FAILED %s" % failure for failure in data["failures"]]
    return lines


def _md(text):
    """Text safe inside a Markdown table cell or list item."""
    return one_line(text).replace("|", "\\|")


def markdown(data):
    tenants = data["tenants"]
    lines = [
        "# Preflight report",
        "",
        "Generated %s by `%s` (read-only, check mode): %s, %d failed." % (
            data["generated"], data["playbook"], _count(tenants, "tenant"), len(data["failed_tenants"])),
        "",
        "| Tenant | SMS option | %s |" % " | ".join(PLANES[p]["label"] for p in PLANES),
        "|---|---|%s" % ("---|" * len(PLANES)),
    ]
    for name, tenant in tenants.items():
        lines.append("| %s | %s | %s |" % (name, tenant["sms_option"] or "-", " | ".join(_md(_cell(tenant["planes"][p])) for p in PLANES)))
    lines.append("")
    for name, tenant in tenants.items():
        lines += ["## %s: %s" % (name, tenant["status"]), ""]
        lines += ["- **inventory** failed: %s" % _md(error) for error in tenant["errors"]]
        for plane_name, plane in tenant["planes"].items():
            lines.append("- **%s** (`%s`): %s" % (plane["label"], plane_name, plane["status"]))
            if plane["status"] == SKIPPED and not plane["checks"]:
                lines.append("  - %s" % _md(plane["message"]))
                continue
            if plane.get("tls"):
                lines.append("  - TLS: %s (%s)" % (TLS_LABELS[plane["tls"]["status"]], _md(plane["tls"]["message"])))
            for check in plane["checks"]:
                text = check.get("detail") if check["status"] == OK else check.get("message")
                lines.append("  - %s: %s: %s" % (check["status"], check["label"], _md(text)))
        lines.append("")
    return "\n".join(lines)

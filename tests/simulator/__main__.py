# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the simulator of Digital Channels, Platform Administration, GWS Auth Services and Genesys Cloud.

    python3 <collection>/tests/simulator/run.py [--port 8099] [credentials]      (installed or checked out)
    PYTHONPATH=tests python -m simulator --url-file sim.url                        (the repository's targets)

It serves its built-in credentials and, in addition, the ones given with the flags below or (run.py only), when a
flag is not given, by the environment variables the modules read (NEXUS_API_KEY, GAX_USERNAME and GAX_PASSWORD, ...),
so an inventory or an AWX credential written for a real tenant works against it unchanged. run.py prints its base
URL, the environment that points the modules at it, and every credential it accepts (-m simulator prints the URL);
it writes the URL to --url-file when given, and stops cleanly on SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from . import build

# flag -> (environment variable, help): credentials served in addition to the built-in ones.
CREDENTIALS = {
    "nexus_api_key": ("NEXUS_API_KEY", "a Digital Channels API key (acts for every tenant)"),
    "gax_username": ("GAX_USERNAME", "a Platform Administration user (with --gax-password)"),
    "gax_password": ("GAX_PASSWORD", "its password"),
    "gc_client_id": ("GENESYSCLOUD_OAUTHCLIENT_ID", "a Genesys Cloud OAuth client (with --gc-client-secret)"),
    "gc_client_secret": ("GENESYSCLOUD_OAUTHCLIENT_SECRET", "its secret"),
    "gc_admin_client_id": ("GENESYSCLOUD_ADMIN_CLIENT_ID", "a Genesys Cloud admin client (with --gc-admin-client-secret)"),
    "gc_admin_client_secret": ("GENESYSCLOUD_ADMIN_CLIENT_SECRET", "its secret"),
    "gauth_client_id": ("GAUTH_CLIENT_ID", "a GWS Auth Services client (with --gauth-client-secret)"),
    "gauth_client_secret": ("GAUTH_CLIENT_SECRET", "its secret"),
    "gauth_username": ("GAUTH_USERNAME", "a GWS Auth Services user for every tenant (with --gauth-password)"),
    "gauth_password": ("GAUTH_PASSWORD", "its password"),
}
PAIRS = (("gax_username", "gax_password"), ("gc_client_id", "gc_client_secret"),
         ("gc_admin_client_id", "gc_admin_client_secret"), ("gauth_client_id", "gauth_client_secret"),
         ("gauth_username", "gauth_password"))


def main(argv=None, from_env=False):
    """from_env (run.py): credentials not given as flags come from the modules' environment variables. The
    repository's tests start it without, so a variable left in their environment never widens what it accepts."""
    parser = argparse.ArgumentParser(prog="simulator", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--url-file", help="write the base URL here once listening")
    parser.add_argument("--pid-file", help="write the process id here")
    parser.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM, the chain after it)")
    parser.add_argument("--tls-key", help="the certificate's private key (PEM)")
    parser.add_argument("--quiet", action="store_true", help="print only the base URL")
    for name, (env, text) in CREDENTIALS.items():
        parser.add_argument("--" + name.replace("_", "-"), dest=name,
                            help="%s%s" % (text, " (default: $%s)" % env if from_env else ""))
    if from_env:
        parser.add_argument("--no-env", action="store_true", help="ignore the environment variables")
    args = parser.parse_args(argv)
    from_env = from_env and not args.no_env
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    given = {name: getattr(args, name) or (os.environ.get(env) if from_env else None) or None
             for name, (env, dummy) in CREDENTIALS.items()}
    for first, second in PAIRS:
        if bool(given[first]) != bool(given[second]):
            flags = (first.replace("_", "-"), second.replace("_", "-"))
            parser.error("--%s and --%s go together (flags or environment)" % flags)

    sim = build(args.host, args.port, tls=(args.tls_cert, args.tls_key) if args.tls_cert else None)
    served = serve(sim, given)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    sim.start()
    if args.pid_file:
        _write(args.pid_file, str(os.getpid()))
    if args.url_file:
        _write(args.url_file, sim.url)
    print(banner(sim.url, served) if from_env and not args.quiet else sim.url, flush=True)
    stop.wait()
    sim.stop()
    return 0


def _add(plane, key, entries):
    """Credentials the plane accepts from now on, and after a reset of the simulator too."""
    for config in (plane.defaults, plane.config):
        config[key] = dict(config[key], **entries)
    plane.reset()


def serve(sim, given):
    """Accept the given credentials besides the built-in ones; return every credential served, per plane."""
    nexus, gax, gc, gauth = (sim.planes[name] for name in ("nexus", "gax", "gc", "gauth"))
    if given["nexus_api_key"]:
        _add(nexus, "api_keys", {given["nexus_api_key"]: ("Cluster API Key (yours)", "*")})
    if given["gax_username"]:
        _add(gax, "users", {given["gax_username"]: given["gax_password"]})
    for client in ("gc_client", "gc_admin_client"):
        if given[client + "_id"]:
            _add(gc, "clients", {given[client + "_id"]: given[client + "_secret"]})
    if given["gauth_client_id"]:
        _add(gauth, "clients", {given["gauth_client_id"]: given["gauth_client_secret"]})
    if given["gauth_username"]:
        _add(gauth, "users", {given["gauth_username"]: {"password": given["gauth_password"], "tenants": "*"}})
    return {
        "Digital Channels API keys (NEXUS_API_KEY)": sorted(nexus.config["api_keys"]),
        "Platform Administration users (GAX_USERNAME / GAX_PASSWORD)": sorted(
            "%s / %s" % item for item in gax.config["users"].items()),
        "Genesys Cloud OAuth clients (GENESYSCLOUD_OAUTHCLIENT_ID / _SECRET, also admin)": sorted(
            "%s / %s" % item for item in gc.config["clients"].items()),
        "GWS Auth Services clients (GAUTH_CLIENT_ID / GAUTH_CLIENT_SECRET)": sorted(
            "%s / %s" % item for item in gauth.config["clients"].items()),
        "GWS Auth Services users (GAUTH_USERNAME / GAUTH_PASSWORD)": sorted(
            "%s / %s (tenants: %s)" % (name, user["password"], user["tenants"] if user["tenants"] == "*"
                                       else ", ".join(user["tenants"])) for name, user in gauth.config["users"].items()),
    }


def banner(url, served):
    lines = ["Simulator listening at %s (Digital Channels, Platform Administration, GWS Auth Services, Genesys Cloud)."
             % url, "", "Point the modules at it:",
             "  export NEXUS_URL=%s GAX_URL=%s GAUTH_URL=%s GENESYSCLOUD_LOGIN_URL=%s GENESYSCLOUD_API_URL=%s"
             % ((url,) * 5), "",
             "Platform Administration of a tenant of its own: %s/tenants/<name> (any name)." % url, "",
             "Credentials it accepts (printed here: use test values, never a real tenant's):"]
    for what, values in served.items():
        lines.append("  %s:" % what)
        lines += ["    %s" % value for value in values]
    lines += ["", "Stop it with Ctrl-C."]
    return "\n".join(lines)


def _write(path, text):
    """Atomically, so a waiting reader never sees a half-written file."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())

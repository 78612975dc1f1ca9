# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Talk to the simulator's control API from shell: simctl.py URL COMMAND [ARG].

Commands: reset, clear, writes (count), requests (count), held (count of held answers), release,
fault JSON, config JSON, journal, state, secrets.
"""

from __future__ import annotations

import json
import os
import ssl
import sys
import urllib.request


def call(base, method, path, body=None):
    data = None if body is None else body.encode("utf-8")
    request = urllib.request.Request(base + "/_sim" + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    # The control API of a simulator serving HTTPS is verified with SIM_CA_FILE, the CA its certificate comes from.
    context = ssl.create_default_context(cafile=os.environ["SIM_CA_FILE"]) if os.environ.get("SIM_CA_FILE") else None
    with urllib.request.urlopen(request, timeout=10, context=context) as response:  # nosec: loopback test double
        raw = response.read()
    return json.loads(raw) if raw else None


def main(argv):
    base, command = argv[1], argv[2]
    arg = argv[3] if len(argv) > 3 else None
    if command == "reset":
        call(base, "POST", "/reset")
    elif command == "clear":
        call(base, "DELETE", "/journal")
    elif command in ("writes", "requests"):
        entries = call(base, "GET", "/journal")["entries"]
        if command == "writes":
            entries = [e for e in entries if e["write"]]
        print(len(entries))
    elif command == "held":
        print(len([e for e in call(base, "GET", "/journal")["entries"] if e["fault"] == "hold"]))
    elif command == "release":
        call(base, "POST", "/faults/release")
    elif command == "journal":
        print(json.dumps(call(base, "GET", "/journal")["entries"], indent=1))
    elif command == "secrets":
        # Values the simulator generated (tokens, OAuth client secrets, API keys, sessions), one per line.
        state = call(base, "GET", "/state")
        values = list(state["gc"]["tokens"])
        values += [c["secret"] for c in state["gc"]["oauth_clients"].values()]
        values += [k["id"] for k in state["nexus"]["api_keys"].values()]
        values += list(state["gauth"]["tokens"])
        values += [s for env in state["gax"]["environments"].values() for s in env["sessions"]]
        print("\n".join(values))
    elif command == "state":
        print(json.dumps(call(base, "GET", "/state"), indent=1))
    elif command == "fault":
        call(base, "POST", "/faults", arg)
    elif command == "config":
        call(base, "POST", "/config", arg)
    else:
        sys.exit("unknown command %s" % command)


if __name__ == "__main__":
    main(sys.argv)

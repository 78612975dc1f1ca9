# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What an ansible-runner job left, read the way AWX reads it (artifacts/<ident>/stdout, job_events/, rc).

    check_job.py stats DIR IDENT KEY        the set_stats artifact KEY of the job, as JSON
    check_job.py leaks SECRETS_FILE DIR...  fail naming the file if a secret (one per line) is in a job's
                                            stdout or job_events, in any case, base64 or URL-encoded
"""

from __future__ import annotations

import base64
import glob
import json
import os
import sys
import urllib.parse


def _events(folder, ident):
    for path in sorted(glob.glob(os.path.join(folder, "artifacts", ident, "job_events", "*.json"))):
        with open(path, encoding="utf-8") as handle:
            yield json.load(handle)


def stats(folder, ident, key):
    found = [e["event_data"].get("artifact_data") for e in _events(folder, ident) if e.get("event") == "playbook_on_stats"]
    if len(found) != 1 or not isinstance(found[0], dict) or key not in found[0]:
        raise SystemExit("job %s: no set_stats artifact %s in its playbook_on_stats event (%r)" % (ident, key, found))
    print(json.dumps(found[0][key], sort_keys=True))


def leaks(secrets_file, folders):
    with open(secrets_file, encoding="utf-8") as handle:
        secrets = [line.strip() for line in handle if line.strip()]
    forms = set()
    for secret in secrets:
        forms.update({secret.lower(), urllib.parse.quote(secret, safe="").lower(),
                      base64.b64encode(secret.encode()).decode().rstrip("=").lower()})
    files = []
    for folder in folders:
        files += glob.glob(os.path.join(folder, "artifacts", "*", "stdout"))
        files += glob.glob(os.path.join(folder, "artifacts", "*", "job_events", "*.json"))
    if not files:
        raise SystemExit("no runner output found: the check would prove nothing")
    bad = []
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read().lower()
        bad += ["%s holds %s..." % (path, form[:4]) for form in forms if form in text]
    if bad:
        raise SystemExit("LEAK:\n" + "\n".join(bad))
    print("checked %d secrets in %d forms against %d runner files" % (len(secrets), len(forms), len(files)))


if __name__ == "__main__":
    if sys.argv[1] == "stats":
        stats(*sys.argv[2:5])
    else:
        leaks(sys.argv[2], sys.argv[3:])

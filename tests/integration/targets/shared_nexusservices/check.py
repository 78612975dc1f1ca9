# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""check.py STATE_JSON ROUND_NAME GROUP:RC [GROUP:RC ...]: no section of a run that reported success is missing.

A run that failed (rc != 0) may have lost its sections: that is a loud failure, allowed. A run that
succeeded and whose section is not in NexusServices afterwards is a silent loss: exit 1. Prints one line
per round for the log: sections present, loud failures, silent losses.
"""

from __future__ import annotations

import json
import sys

GROUPS = {"first_half": ["t%02d" % n for n in range(1, 6)], "second_half": ["t%02d" % n for n in range(6, 11)],
          "tenants": ["t%02d" % n for n in range(1, 11)]}


def main(argv):
    with open(argv[1]) as handle:
        state = json.load(handle)
    sections = {p["section"] for p in state["gax"]["environments"]["default"]["objects"]["312"]["userproperties"]["property"]}
    silent, loud, present = [], [], 0
    for item in argv[3:]:
        group, rc = item.split(":")
        for host in GROUPS[group]:
            here = "chat.SMS_%s" % host in sections
            present += here
            if not here and rc == "0":
                silent.append(host)
            elif not here:
                loud.append(host)
    print("%s: %d sections present, %d missing after a failed run (loud), %d missing after a successful run (silent)"
          % (argv[2], present, len(loud), len(silent)))
    if silent:
        print("silent loss: %s" % ", ".join(silent))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""check.py JOURNAL_JSON WHAT [ARG]: facts runme.sh asserts on the simulator's journal of one run.

  no-delete           no DELETE was sent
  writes N            exactly N write requests
  gax-puts-at-most N  at most N PUTs to any one Platform Administration environment
"""

from __future__ import annotations

import collections
import json
import sys


def main(argv):
    with open(argv[1]) as handle:
        journal = json.load(handle)
    what = argv[2]
    writes = [e for e in journal if e["write"]]
    if what == "no-delete":
        deletes = [e["path"] for e in journal if e["method"] == "DELETE"]
        assert not deletes, "a DELETE was sent: %s" % deletes
    elif what == "writes":
        assert len(writes) == int(argv[3]), "%d writes, expected %s: %s" % (
            len(writes), argv[3], [(e["method"], e["path"]) for e in writes])
    elif what == "gax-puts-at-most":
        puts = collections.Counter(e["path"].split("/gax/")[0] for e in journal if e["method"] == "PUT")
        assert all(count <= int(argv[3]) for count in puts.values()), puts
    else:
        raise SystemExit("unknown check %s" % what)
    print("journal: %s %s holds" % (what, " ".join(argv[3:])))


if __name__ == "__main__":
    main(sys.argv)

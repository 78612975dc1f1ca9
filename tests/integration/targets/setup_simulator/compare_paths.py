# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""compare_paths.py IN_PROCESS.jsonl MODULE.jsonl: the same task results on both execution paths.

Each file holds what record_results recorded for one run of a target. Results are compared task
by task within each play (two plays of a target may interleave differently), after replacing the
ids the simulator generates anew on every run (UUIDs) and the moments a run recorded (``written_at``).
"""

from __future__ import annotations

import json
import re
import sys

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Times of a run: what matters is whether there is one.
MOMENTS = ("written_at", "verify_after")


def normalized(value):
    if isinstance(value, dict):
        return {k: ("<moment>" if k in MOMENTS and v is not None else normalized(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [normalized(v) for v in value]
    if isinstance(value, str):
        return UUID.sub("<uuid>", value)
    return value


def plays(path):
    by_play = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            by_play.setdefault(entry.pop("play"), []).append(normalized(entry))
    return by_play


def main(in_process_path, module_path):
    in_process, module = plays(in_process_path), plays(module_path)
    count = sum(len(tasks) for tasks in in_process.values())
    problems = []
    if sorted(in_process) != sorted(module):
        problems.append("plays differ: %s vs %s" % (sorted(in_process), sorted(module)))
    for play, tasks in in_process.items():
        other = module.get(play, [])
        if len(tasks) != len(other):
            problems.append("%s: %d task results in-process, %d as module processes" % (play, len(tasks), len(other)))
        for mine, theirs in zip(tasks, other):
            if mine != theirs:
                problems.append("%s / %s:\n  in-process: %s\n  module:     %s" % (
                    play, mine["task"], json.dumps(mine, sort_keys=True), json.dumps(theirs, sort_keys=True)))
    if not count:
        problems.append("nothing was recorded: the comparison would prove nothing")
    for problem in problems:
        print(problem)
    print("compared %d task results of %d plays on both execution paths: %s" % (count, len(in_process), "DIFFERENT" if problems else "identical"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the simulator: ``PYTHONPATH=tests python -m simulator --port-file sim.port``.

Prints the base URL, writes it to --url-file when given, and stops cleanly on
SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from . import build


def main(argv=None):
    parser = argparse.ArgumentParser(prog="simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--url-file", help="write the base URL here once listening")
    parser.add_argument("--pid-file", help="write the process id here")
    parser.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM, the chain after it)")
    parser.add_argument("--tls-key", help="the certificate's private key (PEM)")
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")

    sim = build(args.host, args.port, tls=(args.tls_cert, args.tls_key) if args.tls_cert else None)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    sim.start()
    if args.pid_file:
        _write(args.pid_file, str(os.getpid()))
    if args.url_file:
        _write(args.url_file, sim.url)
    print(sim.url, flush=True)
    stop.wait()
    sim.stop()
    return 0


def _write(path, text):
    """Atomically, so a waiting reader never sees a half-written file."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The simulator for a newcomer, from the installed collection or the repository, with nothing but Python 3:

    python3 ~/.ansible/collections/ansible_collections/cxops/digital_channels/tests/simulator/run.py
    python3 tests/simulator/run.py --port 8099 --nexus-api-key "$MY_KEY"

Credentials not given as flags come from the modules' environment variables (--help lists them). It prints the
URL, the exports that point the modules at it, and every credential it accepts.
"""

import os
import sys

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from simulator.__main__ import main  # pylint: disable=import-error

    sys.exit(main(from_env=True))

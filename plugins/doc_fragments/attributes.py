# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r"""
options: {}
"""

    # Modules of the Nexus plane.
    NEXUS = r"""
options: {}
attributes:
  action_group:
    description:
      - Use C(group/cxops.digital_channels.nexus) in C(module_defaults) to set the Nexus connection options
        once for all Nexus modules.
    support: full
    membership:
      - cxops.digital_channels.digital_channels
      - cxops.digital_channels.nexus
"""

    # Modules of the API-key plane (Digital Channels with a GWS Auth Services login).
    GWS_AUTH = r"""
options: {}
attributes:
  action_group:
    description:
      - Use C(group/cxops.digital_channels.gws_auth) in C(module_defaults) to set O(nexus_url) and the GWS Auth
        login once for the modules that manage API keys.
    support: full
    membership:
      - cxops.digital_channels.digital_channels
      - cxops.digital_channels.gws_auth
"""

    # Modules of the Genesys Cloud plane.
    GENESYS_CLOUD = r"""
options: {}
attributes:
  action_group:
    description:
      - Use C(group/cxops.digital_channels.genesys_cloud) in C(module_defaults) to set the Genesys Cloud
        connection options once for all Genesys Cloud modules.
    support: full
    membership:
      - cxops.digital_channels.digital_channels
      - cxops.digital_channels.genesys_cloud
"""

    # Modules that change state.
    ACTIONS = r"""
options: {}
attributes:
  check_mode:
    description: Runs the same reads as a real run and reports the same C(changed) and diff, but sends no write request.
    support: full
  diff_mode:
    description: Returns C(before) and C(after) with secret values masked.
    support: full
"""

    # Modules that only read.
    INFO = r"""
options: {}
attributes:
  check_mode:
    description: This module only reads, so it runs unchanged in check mode.
    support: full
  diff_mode:
    description: This module changes nothing, so there is no diff.
    support: N/A
"""

    # Modules of the Platform Administration (GAX) plane.
    GAX = r"""
options: {}
attributes:
  action_group:
    description:
      - Use C(group/cxops.digital_channels.gax) in C(module_defaults) to set the GAX connection options
        once for all GAX modules.
    support: full
    membership:
      - cxops.digital_channels.digital_channels
      - cxops.digital_channels.gax
"""

    # Actions that do their work on the controller itself (files the playbooks keep), without a module process.
    CONTROLLER = r"""
options: {}
attributes:
  diff_mode:
    description: Files with tenant configuration; no diff is shown.
    support: none
  action:
    description: Runs on the controller as an action plugin; there is no module process.
    support: full
"""

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: gc_oauth_token
short_description: Genesys Cloud API - get an access token with the client-credentials grant
version_added: 1.0.0
description:
  - Requests C({login_url}/oauth/token) with Basic authentication (O(client_id), O(client_secret))
    and C(grant_type=client_credentials), the runbook's "Retrieve the Genesys Cloud CX token" step.
  - The other Genesys Cloud modules fetch their own token; use this one to hand a token to tasks
    that run many calls, or to check credentials.
  - The token is returned in clear in RV(access_token). Set C(no_log) on the task so it is not
    printed; the module warns when the task does not.
author:
  - cxops contributors (@cxops)
extends_documentation_fragment:
  - cxops.digital_channels.genesys_cloud
  - cxops.digital_channels.connection
  - cxops.digital_channels.attributes.GENESYS_CLOUD
attributes:
  check_mode:
    description: The token request changes nothing, so it is sent in check mode too.
    support: full
  diff_mode:
    description: Nothing changes, so there is no diff.
    support: N/A
notes:
  - O(access_token) is not used by this module; it always requests a new token.
seealso:
  - module: cxops.digital_channels.gc_tollfree_number
"""

EXAMPLES = r"""
- name: Get a token for the Nexus Messaging Integration client
  cxops.digital_channels.gc_oauth_token:
    region: us-east-1
    client_id: "{{ vault_gc_client_id }}"
    client_secret: "{{ vault_gc_client_secret }}"
  register: gc_token
  no_log: true

- name: Use it
  cxops.digital_channels.gc_tollfree_number_info:
    region: us-east-1
    access_token: "{{ gc_token.access_token }}"
"""

RETURN = r"""
access_token:
  description: The bearer token. Sensitive; register it with C(no_log) on the task.
  returned: success
  type: str
  sample: "********"
token_type:
  description: How to send the token, C(bearer).
  returned: success
  type: str
  sample: bearer
expires_in:
  description: Seconds the token is valid for (configurable per OAuth client, 300 to 172800).
  returned: success
  type: int
  sample: 86400
expires_at:
  description: When the token expires, seconds since the epoch.
  returned: success
  type: int
  sample: 1795740000
"""

from ansible_collections.cxops.digital_channels.plugins.module_utils._errors import InputError
from ansible_collections.cxops.digital_channels.plugins.module_utils._gc import GC_OPTIONS, GcClient
from ansible_collections.cxops.digital_channels.plugins.module_utils._module import run_module
from ansible_collections.cxops.digital_channels.plugins.module_utils._secrets import Revealed
from ansible_collections.cxops.digital_channels.plugins.module_utils._spec import argument_spec


def run(module):
    params = dict(module.params, access_token=None)
    if not (params["client_id"] and params["client_secret"]):
        raise InputError("gc_oauth_token needs client_id and client_secret")
    if not module.no_log:
        module.warn("gc_oauth_token returns the access token in clear; set no_log: true on this task")
    token = GcClient.from_params(params, module.check_mode).auth.fetch()
    # The token is what this module is for: the one place it is not masked.
    return False, dict(token, access_token=Revealed(token["access_token"])), None


def module_args():
    """The argument spec and its rules: main() and the in-process action plugin both use them."""
    return dict(argument_spec=argument_spec(GC_OPTIONS))


def main():
    run_module(run=run, **module_args())


if __name__ == "__main__":
    main()

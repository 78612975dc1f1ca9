#!/usr/bin/env bash
# gc_oauth_token against a fresh simulator; assertions read its journal.
set -euxo pipefail
source ../setup_simulator/sim.sh
scenario() {
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml "$@"
}
# In-process and as module processes, with the same results.
both_paths scenario "$@"

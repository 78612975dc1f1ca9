#!/usr/bin/env bash
# gc_tollfree_number_info against a fresh simulator; assertions read its journal.
set -euxo pipefail
source ../setup_simulator/sim.sh
scenario() {
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml "$@"
}
# On the default path; its plane's client runs as module processes in target gc_oauth_client (sim.sh, both_paths).
default_path scenario "$@"

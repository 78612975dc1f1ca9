#!/usr/bin/env bash
# nexus_service_info against the simulator: reads, masks secrets, writes nothing (also in check mode).
set -euxo pipefail
source ../setup_simulator/sim.sh
scenario() {
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml "$@"
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml --check "$@"
}
# In-process and as module processes, with the same results.
both_paths scenario "$@"

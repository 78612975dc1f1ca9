#!/usr/bin/env bash
# nexus_service against the simulator: check mode, create, idempotence, update, delete, errors.
set -euxo pipefail
source ../setup_simulator/sim.sh
scenario() {
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml "$@"
}
# In-process and as module processes, with the same results.
both_paths scenario "$@"

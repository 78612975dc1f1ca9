#!/usr/bin/env bash
# nexus_service against the simulator: check mode, create, idempotence, update, delete, errors.
set -euxo pipefail
source ../setup_simulator/sim.sh
ansible-playbook -i ../setup_simulator/inventory.ini main.yml "$@"

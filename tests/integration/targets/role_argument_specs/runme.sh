#!/usr/bin/env bash
# Bad or missing role variables fail at role entry, before any request.
set -euxo pipefail
source ../setup_simulator/sim.sh
ansible-playbook -i ../setup_simulator/inventory.ini main.yml "$@"

#!/usr/bin/env bash
# nexus_service_info against the simulator: reads, masks secrets, writes nothing (also in check mode);
# delegated to localhost from an SSH host, it runs in-process on the controller.
set -euxo pipefail
source ../setup_simulator/sim.sh
scenario() {
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml "$@"
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml --check "$@"
  ansible-playbook -i delegated.ini delegated.yml "$@"
}
# On the default path; its plane's client runs as module processes in target nexus_service (sim.sh, both_paths).
default_path scenario "$@"

# delegate_to: localhost from a host whose connection is ssh runs in-process on the controller.
ansible-playbook -vvv -i delegated.ini delegated.yml "$@" | tee "$SIM_DIR/delegated.log"
grep -q 'cxops.digital_channels.nexus_service_info: in-process on the controller' "$SIM_DIR/delegated.log"

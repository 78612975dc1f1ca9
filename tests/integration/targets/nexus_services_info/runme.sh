#!/usr/bin/env bash
# nexus_services_info against the simulator: every section, by name, by prefix, secret values masked,
# no write (also in check mode), a wrong password fails naming the login, module_defaults with the gax group.
set -euxo pipefail
source ../setup_simulator/sim.sh
export GAX_USERNAME=sim-gax-admin GAX_PASSWORD=sim-gax-pass-3e71c9
scenario() {
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml "$@"
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml --check "$@"
}
# On the default path; its plane's client runs as module processes in target nexus_sender_id (sim.sh, both_paths).
default_path scenario "$@"

#!/usr/bin/env bash
# nexus_services_options against the simulator: the runbook's custom webhook header on the async provider's
# section, check mode, idempotence, exclusive, removal, bad input, and a concurrent nexus_sender_id play.
set -euxo pipefail
source ../setup_simulator/sim.sh
export GAX_USERNAME=sim-gax-admin GAX_PASSWORD=sim-gax-pass-3e71c9
scenario() {
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml "$@"

  # Header play A reads, sender ID play B writes, then A writes: both changes survive.
  simctl reset
  interleave header.yml sender_id.yml "$@"
  ansible-playbook -i ../setup_simulator/inventory.ini verify_concurrent.yml "$@"
}
# On the default path; its plane's client runs as module processes in target nexus_sender_id (sim.sh, both_paths).
default_path scenario "$@"

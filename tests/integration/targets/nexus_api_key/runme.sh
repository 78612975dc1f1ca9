#!/usr/bin/env bash
# nexus_api_key against a fresh simulator; assertions read its journal. Then every task at -vvv --diff (module
# arguments injected, as older cores print them): no API key id, which is the key's value, may appear.
set -euxo pipefail
source ../setup_simulator/sim.sh
scenario() {
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml "$@"
}
# In-process and as module processes, with the same results.
both_paths scenario "$@"

for mode in auto module; do
  simctl reset
  ANSIBLE_INJECT_INVOCATION=true ansible-playbook -vvv --diff -i ../setup_simulator/inventory.ini vvv.yml \
    -e "cxops_digital_channels_execution=$mode" "$@" >"$SIM_DIR/vvv.$mode.log" 2>&1
  grep -q '"name": "Portico Cluster API Key"' "$SIM_DIR/vvv.$mode.log"
  set +x
  for id in it-portico-cluster-key-9d3e sim-nexus-api-key-7f3c9a; do
    if grep -qF "$id" "$SIM_DIR/vvv.$mode.log"; then
      echo "an API key id appears in the -vvv --diff output ($mode)" >&2
      exit 1
    fi
  done
  set -x
done

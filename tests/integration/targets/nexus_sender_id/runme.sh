#!/usr/bin/env bash
# nexus_sender_id against the simulator: 1,000 sender IDs in one write and a rerun without writes, check
# mode, bad input refused before any request, exclusive, and two plays writing different sections at once.
set -euxo pipefail
source ../setup_simulator/sim.sh

python - >"$SIM_DIR/bulk.json" <<'PY'
import json
# Numbers in several spellings; all normalize to +1800555NNNN.
spell = ["+1800555{:04d}", "+1 800 555 {:04d}", "+1 (800) 555-{:04d}"]
print(json.dumps({"bulk": [
    {"name": "SMS_%04d" % i, "channel_id": spell[i % 3].format(i), "endpoint": "SMS_Bulk", "provider": "Portico"}
    for i in range(1000)
]}))
PY
scenario() {
  ansible-playbook -i ../setup_simulator/inventory.ini main.yml -e "@$SIM_DIR/bulk.json" "$@"

  # Two plays on different sections of the one transaction: A reads, B writes, then A writes. Both survive.
  simctl reset
  interleave team_a.yml team_b.yml "$@"
  ansible-playbook -i ../setup_simulator/inventory.ini verify_concurrent.yml "$@"
}
# In-process and as module processes, with the same results.
both_paths scenario "$@"

#!/usr/bin/env bash
# playbooks/site.yml for the three demo tenants (one per runbook option) against the simulator:
# check mode writes nothing, the converge sends exactly the runbook's bodies, a rerun and a
# check-mode audit after it change nothing and write nothing.
set -euxo pipefail
source ../setup_simulator/sim.sh
site=(ansible-playbook -i "$COLLECTION_ROOT/playbooks/inventory/demo" "$COLLECTION_ROOT/playbooks/site.yml")

# Check mode on an empty system: predicts every service, writes nothing.
"${site[@]}" --check --diff "$@" | tee "$SIM_DIR/check.log"
[ "$(simctl writes)" = 0 ]
grep -E '^acme_kaleyra +: .* changed=2 ' "$SIM_DIR/check.log"
grep -E '^globex_custom_gateway +: .* changed=2 ' "$SIM_DIR/check.log"
grep -E '^initech_genesys_cloud +: .* changed=3 ' "$SIM_DIR/check.log"
simctl clear

# Converge: the runbook's POSTs, checked from the journal.
"${site[@]}" "$@" | tee "$SIM_DIR/converge.log"
ansible-playbook -i ../setup_simulator/inventory.ini verify.yml "$@"

# Second run: changed=0 everywhere and not one write.
"${site[@]}" "$@" | tee "$SIM_DIR/rerun.log"
assert_recap_unchanged "$SIM_DIR/rerun.log"
[ "$(simctl writes)" = 0 ]

# Audit after converge: check mode agrees nothing drifted.
"${site[@]}" --check --diff "$@" | tee "$SIM_DIR/audit.log"
assert_recap_unchanged "$SIM_DIR/audit.log"
[ "$(simctl writes)" = 0 ]

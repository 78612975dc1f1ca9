#!/usr/bin/env bash
# playbooks/site.yml for the three demo tenants (one per runbook option) against the simulator:
# check mode writes nothing, the converge sends exactly the runbook's bodies (plus the cluster key,
# one number order, sender IDs and headers), a rerun and a check-mode run after it change and write nothing.
set -euxo pipefail
source ../setup_simulator/sim.sh
export GENESYSCLOUD_LOGIN_URL="$SIM_URL" GENESYSCLOUD_API_URL="$SIM_URL"
site=(ansible-playbook -i "$COLLECTION_ROOT/playbooks/inventory/demo"
      --vault-id "demo@$COLLECTION_ROOT/playbooks/demo-vault-password.txt" "$COLLECTION_ROOT/playbooks/site.yml")

# Check mode on an empty system: predicts every step, writes nothing, buys nothing.
"${site[@]}" --check --diff "$@" | tee "$SIM_DIR/check.log"
[ "$(simctl writes)" = 0 ]
grep -E '^acme_kaleyra +: .* changed=3 ' "$SIM_DIR/check.log"
grep -E '^globex_custom_gateway +: .* changed=4 ' "$SIM_DIR/check.log"
grep -E '^initech_genesys_cloud +: .* changed=6 ' "$SIM_DIR/check.log"
simctl clear

# Converge: the runbook's requests, checked from the journal and the simulator's state.
"${site[@]}" "$@" | tee "$SIM_DIR/converge.log"
ansible-playbook -i ../setup_simulator/inventory.ini verify.yml "$@"

# No warning that Ansible prints on every run (a module option it takes for a secret, say).
if grep -E '\[WARNING\]: Module did not set no_log' "$SIM_DIR/converge.log"; then exit 1; fi

# Second run: changed=0 everywhere and not one write.
"${site[@]}" "$@" | tee "$SIM_DIR/rerun.log"
assert_recap_unchanged "$SIM_DIR/rerun.log"
[ "$(simctl writes)" = 0 ]

# Check mode after converge: nothing would change.
"${site[@]}" --check --diff "$@" | tee "$SIM_DIR/audit.log"
assert_recap_unchanged "$SIM_DIR/audit.log"
[ "$(simctl writes)" = 0 ]

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
# The summary of a tenant with nothing yet says so (no provider is made up for a missing SMS service).
grep -q '"acme_kaleyra: SMS not set up; services none; missing SMS, mGageSMS"' "$SIM_DIR/check.log"
simctl clear

# Converge: the runbook's requests, checked from the journal and the simulator's state.
"${site[@]}" "$@" | tee "$SIM_DIR/converge.log"
ansible-playbook -i ../setup_simulator/inventory.ini verify.yml "$@"

# No warning that Ansible prints on every run (a module option it takes for a secret, say).
if grep -E '\[WARNING\]: Module did not set no_log' "$SIM_DIR/converge.log"; then exit 1; fi

# Each tenant's summary, shown by site.yml's last play, also when tags limit the run (the read-back it
# uses is tagged always).
"${site[@]}" --tags sender_ids "$@" | tee "$SIM_DIR/tagged.log"
[ "$(simctl writes)" = 0 ]
for log in converge tagged; do
  grep -q '"acme_kaleyra: SMS via mGage; services SMS, mGageSMS"' "$SIM_DIR/$log.log"
  grep -q '"globex_custom_gateway: SMS via Async; services SMS, Async"' "$SIM_DIR/$log.log"
  grep -q '"initech_genesys_cloud: SMS via Portico (tokenProvider Purecloud); services SMS, PurecloudIDP, PorticoSMS"' \
    "$SIM_DIR/$log.log"
done

# Second run: changed=0 everywhere and not one write.
"${site[@]}" "$@" | tee "$SIM_DIR/rerun.log"
assert_recap_unchanged "$SIM_DIR/rerun.log"
[ "$(simctl writes)" = 0 ]

# Check mode after converge: nothing would change.
"${site[@]}" --check --diff "$@" | tee "$SIM_DIR/audit.log"
assert_recap_unchanged "$SIM_DIR/audit.log"
[ "$(simctl writes)" = 0 ]

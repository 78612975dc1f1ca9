#!/usr/bin/env bash
# playbooks/adopt.yml (issue 22): three tenants set up by hand with the runbook's raw requests (one per option); adopt
# reads them (zero writes, proven by the journal) into host_vars in the roles' shape with every secret a named vault
# placeholder; with the placeholders filled, audit.yml reports no drift and site.yml writes nothing.
set -euo pipefail
source ../setup_simulator/sim.sh
export CXOPS_ADOPT_DIR="$SIM_DIR/adopted"
python hand.py "$SIM_URL" "$SIM_DIR/secrets.json" >"$SIM_DIR/hand.log"

simctl clear
ansible-playbook -i inventory.yml "$COLLECTION_ROOT/playbooks/adopt.yml" >"$SIM_DIR/adopt.log" 2>&1 || { cat "$SIM_DIR/adopt.log"; exit 1; }
[ "$(simctl writes)" = 0 ]
for tenant in hand_kaleyra hand_gateway hand_portico; do
  [ "$(stat -c %a "$CXOPS_ADOPT_DIR/host_vars/$tenant.yml")" = 600 ]
done
[ "$(stat -c %a "$CXOPS_ADOPT_DIR/host_vars")" = 700 ]
python - "$CXOPS_ADOPT_DIR/host_vars" "$(cat "$SIM_DIR/hand.log")" <<'PY'
import os, sys, yaml
folder, listed = sys.argv[1], sys.argv[2]
def load(tenant):
    with open(os.path.join(folder, tenant + ".yml")) as handle:
        text = handle.read()
    return yaml.safe_load(text), text
kaleyra, text = load("hand_kaleyra")
assert kaleyra == {
    "sms_kaleyra_url": "http://directtext.mgage.com",
    "sms_kaleyra_username": "{{ vault_hand_kaleyra_kaleyra_username }}",
    "sms_kaleyra_password": "{{ vault_hand_kaleyra_kaleyra_password }}",
    "sms_kaleyra_sender_ids": [
        {"name": "SMS_Hand_Main", "channel_id": "1650466116", "endpoint": "chat.SMS_Main"},
        {"name": "SMS_Hand_CXC", "channel_id": "55502", "endpoint": "chat.SMS_Campaigns", "cxc_only": True}]}, kaleyra
assert "#   vault_hand_kaleyra_kaleyra_password: its password (mGageSMS secret.password)" in text
gateway, text = load("hand_gateway")
assert gateway["sms_custom_gateway_headers"] == {"custom-header-for-async-1": "12345"}, gateway
assert gateway["sms_custom_gateway_secret_headers"] == {"Authorization": "{{ vault_hand_gateway_header_authorization }}"}
assert [c["channel_id"] for c in gateway["sms_custom_gateway_channels"]] == ["16504669902", "hand.example.com"]
assert "hand-gateway-token-7781" not in text and "hand-webhook-key" not in text
portico, text = load("hand_portico")
assert portico["sms_genesys_cloud_numbers"] == [{"number": "+" + listed.lstrip("+"), "comment": "Nexus Premise Hand",
                                                 "email_address": "sms.admin@hand.example.com"}], portico
assert portico["sms_genesys_cloud_sender_ids"][0]["name"] == "SMS_Hand_Portico"
assert portico["sms_genesys_cloud_cluster_api_key"] == "{{ vault_hand_portico_portico_cluster_api_key }}"
PY
# No secret of the hand setup in any adopted file or in adopt's output.
for secret in hand-kaleyra-pass-3390 hand-webhook-key-1 hand-api-key-2 hand-gateway-token-7781 hand-cluster-key-6b1d90aa \
              sim-gc-client-secret-aKSXEgLO57 sim-nexus-api-key-7f3c9a; do
  ! grep -rq -- "$secret" "$CXOPS_ADOPT_DIR" "$SIM_DIR/adopt.log"
done

# The operator's inventory after adopting: the same hosts, the adopted host_vars, the secrets in (here plain) vars.
mkdir -p "$SIM_DIR/inventory/group_vars/all"
cp inventory.yml "$SIM_DIR/inventory/hosts.yml"
cp -r "$CXOPS_ADOPT_DIR/host_vars" "$SIM_DIR/inventory/host_vars"
cp "$SIM_DIR/secrets.json" "$SIM_DIR/inventory/group_vars/all/vault.json"

simctl clear
ANSIBLE_CALLBACKS_ENABLED=cxops.digital_channels.drift_report CXOPS_DRIFT_REPORT_DIR="$SIM_DIR/drift" \
  ansible-playbook -i "$SIM_DIR/inventory" "$COLLECTION_ROOT/playbooks/audit.yml" >"$SIM_DIR/audit.log" 2>&1 \
  || { cat "$SIM_DIR/audit.log"; exit 1; }
[ "$(simctl writes)" = 0 ]
grep -q '"drift": false' "$SIM_DIR/drift/audit/latest/drift.json"
simctl clear
ansible-playbook -i "$SIM_DIR/inventory" "$COLLECTION_ROOT/playbooks/site.yml" >"$SIM_DIR/site.log" 2>&1 \
  || { cat "$SIM_DIR/site.log"; exit 1; }
assert_recap_unchanged "$SIM_DIR/site.log"
[ "$(simctl writes)" = 0 ] || { simctl journal | python -c 'import json,sys; [print(e["method"], e["path"]) for e in json.load(sys.stdin) if e["write"]]'; exit 1; }

# Snapshot before write: someone moves hand_kaleyra's Kaleyra URL; site.yml puts it back and, before writing, keeps
# the old value (secrets excluded) in CXOPS_SNAPSHOT_DIR/<tenant>/job-<JOB_ID>.yml, mode 0600.
# move_kaleyra_url URL: what someone does by hand with the runbook's curl.
move_kaleyra_url() {
  python - "$SIM_URL" "$1" <<'PY'
import json, sys, urllib.request
ccid = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
request = urllib.request.Request(sys.argv[1] + "/nexus/v3/provisioning/services/%s/mGageSMS" % ccid, method="POST",
    data=json.dumps({"url": sys.argv[2], "data": {},
                     "secret": {"username": "hand-sms", "password": "hand-kaleyra-pass-3390"}}).encode(),
    headers={"Content-Type": "application/json", "x-api-key": "sim-nexus-api-key-7f3c9a", "x-ccid": ccid})
urllib.request.urlopen(request, timeout=10).read()
PY
}
move_kaleyra_url http://old-kaleyra.example.com
export CXOPS_SNAPSHOT_DIR="$SIM_DIR/snapshots"
JOB_ID=5150 ansible-playbook -i "$SIM_DIR/inventory" "$COLLECTION_ROOT/playbooks/site.yml" --limit hand_kaleyra \
  >"$SIM_DIR/site2.log" 2>&1 || { cat "$SIM_DIR/site2.log"; exit 1; }
grep -qE '^hand_kaleyra +: ok=.* changed=1 ' "$SIM_DIR/site2.log"
snapshot="$CXOPS_SNAPSHOT_DIR/hand_kaleyra/job-5150.yml"
[ "$(stat -c %a "$snapshot")" = 600 ] && [ "$(stat -c %a "$CXOPS_SNAPSHOT_DIR/hand_kaleyra")" = 700 ]
python - "$snapshot" <<'PY'
import sys, yaml
text = open(sys.argv[1]).read()
assert "as it was at" in text and "before a run of cxops.digital_channels wrote to it" in text, text
values = yaml.safe_load(text)
assert values["sms_kaleyra_url"] == "http://old-kaleyra.example.com", values
assert values["sms_kaleyra_password"] == "{{ vault_hand_kaleyra_kaleyra_password }}"
PY
! grep -rq -e hand-kaleyra-pass-3390 -e hand-sms "$CXOPS_SNAPSHOT_DIR"
# One file per state seen, not per run: the next run sees the state site.yml left (saved once), the one after
# the same state (nothing saved); a removed snapshot is taken again; a second run of one job keeps its first.
site_job() {
  JOB_ID=$1 ansible-playbook -i "$SIM_DIR/inventory" "$COLLECTION_ROOT/playbooks/site.yml" --limit hand_kaleyra \
    >"$SIM_DIR/site3.log" 2>&1 || { cat "$SIM_DIR/site3.log"; exit 1; }
}
# The tenant's snapshots of this part (earlier site runs saved one named by the UTC time).
snapshots() { (cd "$CXOPS_SNAPSHOT_DIR/hand_kaleyra" && ls -A | grep -v '^2' | tr '\n' ' '); }
site_job 5151 && site_job 5152
[ "$(snapshots)" = ".latest job-5150.yml job-5151.yml " ] || { echo "snapshots: $(snapshots)" >&2; exit 1; }
grep -q 'sms_kaleyra_url: http://directtext.mgage.com' "$CXOPS_SNAPSHOT_DIR/hand_kaleyra/job-5151.yml"
rm "$CXOPS_SNAPSHOT_DIR/hand_kaleyra/job-5151.yml"
site_job 5153
[ "$(snapshots)" = ".latest job-5150.yml job-5153.yml " ] || { echo "snapshots: $(snapshots)" >&2; exit 1; }
move_kaleyra_url http://older-kaleyra.example.com
site_job 5153
grep -qE '^hand_kaleyra +: ok=.* changed=1 ' "$SIM_DIR/site3.log"
[ "$(snapshots)" = ".latest job-5150.yml job-5153.yml " ] || { echo "snapshots: $(snapshots)" >&2; exit 1; }
! grep -q older-kaleyra "$CXOPS_SNAPSHOT_DIR/hand_kaleyra/job-5153.yml"
# An audit (check mode) takes no snapshot.
rm -rf "$CXOPS_SNAPSHOT_DIR"
ANSIBLE_CALLBACKS_ENABLED=cxops.digital_channels.drift_report CXOPS_DRIFT_REPORT_DIR="$SIM_DIR/drift" \
  ansible-playbook -i "$SIM_DIR/inventory" "$COLLECTION_ROOT/playbooks/audit.yml" >/dev/null 2>&1
[ ! -e "$CXOPS_SNAPSHOT_DIR" ]

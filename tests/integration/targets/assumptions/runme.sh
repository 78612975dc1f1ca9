#!/usr/bin/env bash
# Every assumed API fact survives its plausible alternative (issue 20): for each switch of the simulator
# (docs/api-facts.md, "Assumptions and their alternatives"), preflight.yml, site.yml and audit.yml on the demo
# inventory end as the table there says: they converge, or stop before the write that depends on the wrong fact
# with a message naming the assumption's id; never a DELETE to emulate an update, never success while a
# read-back disagrees, never a secret the server returned in clear in any output.
set -euo pipefail
source ../setup_simulator/sim.sh
export GENESYSCLOUD_LOGIN_URL="$SIM_URL" GENESYSCLOUD_API_URL="$SIM_URL"
export CXOPS_PREFLIGHT_REPORT_DIR="$SIM_DIR/preflight" CXOPS_DRIFT_REPORT_DIR="$SIM_DIR/drift"
export ANSIBLE_INJECT_INVOCATION=true
args=(-i "$COLLECTION_ROOT/playbooks/inventory/demo" --vault-id "demo@$COLLECTION_ROOT/playbooks/demo-vault-password.txt")
out="$SIM_DIR/out.log"
all_output="$SIM_DIR/all.log"

# run PLAYBOOK EXPECTED_RC [MESSAGE] [ansible-playbook args]: run it at -vvv; check the exit status, the message.
run() {
  local playbook=$1 want=$2 message=${3:-} rc=0
  shift 3 || shift $#
  if [ "$playbook" = audit ]; then
    ANSIBLE_CALLBACKS_ENABLED=cxops.digital_channels.drift_report \
      ansible-playbook -vvv "${args[@]}" "$COLLECTION_ROOT/playbooks/$playbook.yml" "$@" >"$out" 2>&1 || rc=$?
  else
    ansible-playbook -vvv "${args[@]}" "$COLLECTION_ROOT/playbooks/$playbook.yml" "$@" >"$out" 2>&1 || rc=$?
  fi
  cat "$out" >>"$all_output"
  if [ "$rc" != "$want" ]; then
    grep -E '^(fatal|failed)|"msg"' "$out" | tail -20
    echo "$SCENARIO: $playbook exit status $rc, expected $want" >&2
    exit 1
  fi
  if [ -n "$message" ] && ! grep -qF -- "$message" "$out"; then
    grep -E '^(fatal|failed)|"msg"' "$out" | tail -20
    echo "$SCENARIO: $playbook does not say: $message" >&2
    exit 1
  fi
  echo "$SCENARIO: $playbook exit $rc${message:+, says $message}"
}

journal() { simctl journal >"$SIM_DIR/journal.json"; python check.py "$SIM_DIR/journal.json" "$@"; }

# switch NAME CONFIG_JSON: a fresh simulator with the switch on.
switch() {
  SCENARIO=$1
  simctl reset
  simctl config "$2"
}

# NX-POST-UPSERT: POST is create-only. New services are created; a change of an existing one stops naming it.
switch NX-POST-UPSERT '{"nexus": {"post_existing": "conflict"}}'
run preflight 0
run site 0
simctl clear
run site 0 && journal writes 0
run audit 0
simctl clear
run site 2 "NX-POST-UPSERT" --limit acme_kaleyra -e sms_kaleyra_url=http://directtext2.mgage.com
journal no-delete
run audit 2 "" --limit acme_kaleyra -e sms_kaleyra_url=http://directtext2.mgage.com

# NX-GET-READ: services cannot be read. The preflight says so; site.yml writes nothing.
switch NX-GET-READ '{"nexus": {"get_service": "405"}}'
run preflight 2 "this Digital Channels does not allow reading services, so idempotence cannot be checked"
simctl clear
run site 2 "NX-GET-READ"
journal writes 0
run audit 2 "NX-GET-READ"

# NX-REDACT-MASK, in clear: converges, compares, masks. The preflight says what it saw.
switch NX-REDACT-MASK-clear '{"nexus": {"redact_secrets": false}}'
run site 0
run preflight 0 "shows the secret values of"
simctl clear
run site 0 && journal writes 0
run audit 0

# NX-REDACT-MASK, keys dropped: converges, a rerun writes nothing, the audit finds no drift.
switch NX-REDACT-MASK-drop '{"nexus": {"redact_secrets": "drop"}}'
run preflight 0
run site 0
simctl clear
run site 0 && journal writes 0
run audit 0
grep -q "Write-only secrets not compared" "$CXOPS_DRIFT_REPORT_DIR/audit/latest/drift.md"

# NX-DELETE: deleting is not allowed. site and audit never delete; state=absent names the assumption.
switch NX-DELETE '{"nexus": {"delete_service": "405"}}'
run site 0
run audit 0
simctl clear
rc=0
NEXUS_API_KEY=sim-nexus-api-key-7f3c9a NEXUS_CCID=45acae06-6b7c-4f97-9c76-471cb5c21bf7 \
  ansible localhost -m cxops.digital_channels.nexus_service -a "name=SMS state=absent" >"$out" 2>&1 || rc=$?
cat "$out" >>"$all_output"
[ "$rc" != 0 ] && grep -q "NX-DELETE" "$out" || { cat "$out"; echo "state=absent did not name NX-DELETE" >&2; exit 1; }
echo "$SCENARIO: nexus_service state=absent stops naming NX-DELETE"
simctl journal >"$SIM_DIR/journal.json"
python - "$SIM_DIR/journal.json" <<'PY'
import json, sys
journal = json.load(open(sys.argv[1]))
deletes = [e for e in journal if e["method"] == "DELETE"]
assert [e["status"] for e in deletes] == [405], deletes
print("one DELETE, refused; the service is still there")
PY

# NX-ASYNC-URL: the placeholder url refused for Async. The custom gateway tenant stops there, naming it.
switch NX-ASYNC-URL '{"nexus": {"async_placeholder_url": false}}'
run site 2 "NX-ASYNC-URL"
grep -q 'globex_custom_gateway *: ok=.* failed=1' "$out" && grep -q 'acme_kaleyra *: ok=.* failed=0' "$out"

# GAX-PUT-REPLACE: the PUT merges. Additions converge; a removal is named, never reported done.
switch GAX-PUT-REPLACE '{"gax": {"put": "merge"}}'
run site 0
simctl clear
run site 0 && journal writes 0
run audit 0
simctl clear
# Keep one of acme's two sender IDs, exclusively: the other must go, and a merging PUT keeps it.
run site 2 "GAX-PUT-REPLACE" --limit acme_kaleyra -e sender_ids_exclusive=true \
  -e '{"sms_kaleyra_sender_ids": [{"name": "SMS_Main_Corporate", "channel_id": "1650466114", "endpoint": "SMS_Main"}]}'
grep -q "Platform Administration kept chat.SMS_Campaigns in NexusServices after 2 PUTs" "$out"
journal gax-puts-at-most 2

# GAX-LOGIN-PLAIN: the clear-text login refused. The preflight fails the plane; site.yml writes nothing.
switch GAX-LOGIN-PLAIN '{"gax": {"login_plain": false}}'
run preflight 2 "GAX-LOGIN-PLAIN"
simctl clear
run site 2 "GAX-LOGIN-PLAIN"
journal writes 0
run audit 2 "GAX-LOGIN-PLAIN"

# No secret the inventory holds, or the server returned in clear, in any output of any scenario.
set +x
for secret in sim-nexus-api-key-7f3c9a demo-kaleyra-pass-4417 demo-webhook-key-8823 demo-api-signature-key-1290 \
              demo-gateway-token-5519 sim-gc-client-secret-aKSXEgLO57 demo-portico-cluster-key-61c8 sim-gax-pass-3e71c9 \
              gws-ops-pass-sim-5c1a sim-gauth-client-secret-2b7e; do
  if grep -qF -- "$secret" "$all_output"; then
    echo "LEAK: ${secret:0:4}... appears in the output" >&2
    exit 1
  fi
done
echo "no secret in $(wc -l <"$all_output") lines of -vvv output"

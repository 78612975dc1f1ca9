#!/usr/bin/env bash
# playbooks/preflight.yml on the demo inventory against the simulator, every run at -vvv with module
# arguments shown, never a write in the journal:
# - a fresh tenant (before site.yml) and a provisioned one (after) pass, exit 0, report 0600 in a 0700 dir;
# - a wrong GAX password, Nexus key, GC client secret or GWS Auth password (each its own run) exits 2 naming the plane in the
#   output and in preflight.json, and the other planes are still checked (their requests are in the journal);
# - renamed response fields are reported by name per plane; a TLS failure and preflight_require_tls name TLS;
# - with sms_genesys_cloud_create_oauth_client the admin credentials are checked (right and wrong);
# - an unknown sms_option fails the tenant; the drift report of an audit is left alone;
# - no secret (inventory, wrong values, tokens, sessions, keys the simulator made) is in any output.
set -euxo pipefail
source ../setup_simulator/sim.sh
export GENESYSCLOUD_LOGIN_URL="$SIM_URL" GENESYSCLOUD_API_URL="$SIM_URL"
export CXOPS_PREFLIGHT_REPORT_DIR="$SIM_DIR/report"
# The audit's callback stays enabled: a preflight must not touch its report.
export ANSIBLE_CALLBACKS_ENABLED=cxops.digital_channels.drift_report CXOPS_DRIFT_REPORT_DIR="$SIM_DIR/drift"
export ANSIBLE_INJECT_INVOCATION=true
args=(-i "$COLLECTION_ROOT/playbooks/inventory/demo" --vault-id "demo@$COLLECTION_ROOT/playbooks/demo-vault-password.txt")
report="$CXOPS_PREFLIGHT_REPORT_DIR/latest/preflight.json"
vvv="$SIM_DIR/vvv.log"

# preflight NAME EXPECTED_EXIT [ansible-playbook args]: run at -vvv, check exit status, no write, then expect.py NAME.
preflight() {
  local name=$1 want=$2 rc=0
  shift 2
  simctl clear
  rm -f "$CXOPS_PREFLIGHT_REPORT_DIR/latest"
  ansible-playbook -vvv "${args[@]}" "$COLLECTION_ROOT/playbooks/preflight.yml" "$@" >"$SIM_DIR/$name.log" 2>&1 || rc=$?
  cat "$SIM_DIR/$name.log" >>"$vvv"
  simctl journal >"$SIM_DIR/$name.journal.json"
  if [ "$rc" != "$want" ]; then
    grep -E '^(TASK|fatal|ok|skipping|changed|FAILED|\[)|"msg"' "$SIM_DIR/$name.log" | tail -80
    echo "preflight $name: exit status $rc, expected $want" >&2
    return 1
  fi
  [ "$(simctl writes)" = 0 ]
  python expect.py "$name" "$report" "$SIM_DIR/$name.log" "$SIM_DIR/$name.journal.json"
}

# Wrong values and the admin side, as extra-vars files (not on the command line).
printf 'gax_password: wrong-gax-pass-5817\n' >"$SIM_DIR/wrong_gax.yml"
printf 'nexus_api_key: wrong-nexus-key-93a1c0\n' >"$SIM_DIR/wrong_nexus.yml"
printf 'sms_genesys_cloud_client_secret: wrong-gc-secret-44f0b2\n' >"$SIM_DIR/wrong_gc.yml"
printf 'gauth_password: wrong-gauth-pass-2d81\n' >"$SIM_DIR/wrong_gauth.yml"
cat >"$SIM_DIR/admin.yml" <<'YAML'
sms_genesys_cloud_create_oauth_client: true
sms_genesys_cloud_admin_client_id: 4da40a9d-b113-4024-8ba9-c9dd89c91f67
sms_genesys_cloud_admin_client_secret: sim-gc-client-secret-aKSXEgLO57
sms_genesys_cloud_client_id: ""
sms_genesys_cloud_client_secret: ""
YAML
printf 'sms_genesys_cloud_admin_client_secret: wrong-admin-secret-7c21e9\n' >"$SIM_DIR/wrong_admin.yml"

# A fresh tenant: nothing provisioned yet, every plane reachable. Healthy, and no drift report appears.
preflight fresh 0
[ ! -e "$CXOPS_DRIFT_REPORT_DIR" ]
[ "$(stat -c %a "$CXOPS_PREFLIGHT_REPORT_DIR")" = 700 ]
[ "$(stat -c %a "$CXOPS_PREFLIGHT_REPORT_DIR/latest/")" = 700 ]
[ "$(stat -c %a "$report")" = 600 ]
[ "$(stat -c %a "$CXOPS_PREFLIGHT_REPORT_DIR/latest/preflight.md")" = 600 ]
grep -q '^| acme_kaleyra | kaleyra | ok (http, not encrypted) | skipped | ok (http, not encrypted) | skipped |$' \
  "$CXOPS_PREFLIGHT_REPORT_DIR/latest/preflight.md"
first_run=$(readlink "$CXOPS_PREFLIGHT_REPORT_DIR/latest")
[[ "$first_run" =~ ^[0-9]{8}T[0-9]{6}\.[0-9]{6}Z$ ]] || { echo "unexpected run name $first_run" >&2; exit 1; }
# The admin side on a fresh tenant: the integration client does not exist yet, the admin credentials are checked.
preflight admin_fresh 0 -e "@$SIM_DIR/admin.yml"

# Provision, audit (so there is a drift report to keep), then check the provisioned tenants.
ansible-playbook "${args[@]}" "$COLLECTION_ROOT/playbooks/site.yml" >"$SIM_DIR/site.log" 2>&1 || { tail -50 "$SIM_DIR/site.log"; exit 1; }
ansible-playbook "${args[@]}" "$COLLECTION_ROOT/playbooks/audit.yml" >"$SIM_DIR/audit.log" 2>&1 || { tail -50 "$SIM_DIR/audit.log"; exit 1; }
# site.yml runs no play in check mode: it leaves no report (its roles' plan tasks use check_mode, but are not an audit).
[ "$(ls "$CXOPS_DRIFT_REPORT_DIR")" = audit ]
drift_before=$(sha256sum "$CXOPS_DRIFT_REPORT_DIR/audit/latest/drift.json" "$CXOPS_DRIFT_REPORT_DIR/audit/latest/drift.md")
preflight healthy 0
# Each run has its own directory: the first one is still there; under AWX the run is the job.
[ -f "$CXOPS_PREFLIGHT_REPORT_DIR/$first_run/preflight.json" ] && [ "$(readlink "$CXOPS_PREFLIGHT_REPORT_DIR/latest")" != "$first_run" ]
JOB_ID=4242 ansible-playbook "${args[@]}" "$COLLECTION_ROOT/playbooks/preflight.yml" >"$SIM_DIR/job.log" 2>&1
[ "$(readlink "$CXOPS_PREFLIGHT_REPORT_DIR/latest")" = job-4242 ]
python - "$CXOPS_PREFLIGHT_REPORT_DIR/job-4242/preflight.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
assert report["ok"] is True and len(report["tenants"]) == 3, report
PY

# Wrong credentials, one plane at a time.
preflight wrong_gax 2 -e "@$SIM_DIR/wrong_gax.yml"
preflight wrong_nexus 2 -e "@$SIM_DIR/wrong_nexus.yml"
preflight wrong_gc 2 -e "@$SIM_DIR/wrong_gc.yml"
preflight wrong_gauth 2 -e "@$SIM_DIR/wrong_gauth.yml"
preflight wrong_admin 2 -e "@$SIM_DIR/admin.yml" -e "@$SIM_DIR/wrong_admin.yml"

# An API that renamed a field on each plane: SMS service data, the transaction's userproperties, the numbers' tollfreeNumber.
simctl fault '{"method": "GET", "path": "/services/[^/]+/SMS$", "action": "rewrite", "times": -1, "body": {"unset": ["data"], "set": {"settings": {}}}}'
simctl fault '{"method": "GET", "path": "/gax/api/cfg/objects$", "action": "rewrite", "times": -1, "body": {"unset_each": ["userproperties"], "each": {"properties": {"property": []}}}}'
simctl fault '{"method": "GET", "path": "/tollfreenumbers$", "action": "rewrite", "times": -1, "body": {"unset_each": ["tollfreeNumber"], "each": {"number": "+18445550100"}}}'
preflight renamed 2
python - "$SIM_URL" <<'PY'
import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/_sim/faults", method="DELETE"), timeout=10).read()
PY

# TLS: Nexus on https against a server that speaks http fails the handshake; plain http fails when TLS is required.
NEXUS_URL="${SIM_URL/http:/https:}" preflight tls 2
preflight require_tls 2 -e preflight_require_tls=true

# An SMS option the roles do not know.
preflight bad_option 2 --limit acme_kaleyra -e sms_option=twilio

# From the installed collection, a report directory inside it is refused before any request.
simctl clear
rc=0
env -u CXOPS_PREFLIGHT_REPORT_DIR ANSIBLE_COLLECTIONS_PATH="$(installed_collection)" \
  ansible-playbook "${args[@]}" cxops.digital_channels.preflight >"$SIM_DIR/installed.log" 2>&1 || rc=$?
[ "$rc" = 2 ] && [ "$(simctl requests)" = 0 ]
grep -q "set CXOPS_PREFLIGHT_REPORT_DIR (or -e preflight_report_dir) to an absolute path" "$SIM_DIR/installed.log"

# The audit's drift report is as the audit left it.
[ "$(sha256sum "$CXOPS_DRIFT_REPORT_DIR/audit/latest/drift.json" "$CXOPS_DRIFT_REPORT_DIR/audit/latest/drift.md")" = "$drift_before" ]
[ "$(ls "$CXOPS_DRIFT_REPORT_DIR")" = audit ] && [ "$(ls "$CXOPS_DRIFT_REPORT_DIR/audit" | wc -l)" = 2 ]

# No secret in any -vvv output: the inventory's, the wrong ones, and what the simulator generated.
set +x
secrets=(
  sim-nexus-api-key-7f3c9a demo-kaleyra-pass-4417 demo-webhook-key-8823 demo-api-signature-key-1290
  demo-gateway-token-5519 sim-gc-client-secret-aKSXEgLO57 demo-portico-cluster-key-61c8 sim-gax-pass-3e71c9
  wrong-gax-pass-5817 wrong-nexus-key-93a1c0 wrong-gc-secret-44f0b2 wrong-admin-secret-7c21e9
  sim-gauth-client-secret-2b7e gws-ops-pass-sim-5c1a wrong-gauth-pass-2d81
)
mapfile -t generated < <(simctl secrets | grep -v '^$' | sort -u)
[ "${#generated[@]}" -ge 3 ] || { echo "expected tokens, sessions and keys from the simulator, got ${#generated[@]}" >&2; exit 1; }
grep -q '"module_args"' "$vvv" || { echo "module arguments were not printed: the leak check would prove nothing" >&2; exit 1; }
grep -q '"gax_password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' "$vvv"
leaked=0
for secret in "${secrets[@]}" "${generated[@]}"; do
  if grep -rqF -- "$secret" "$vvv" "$CXOPS_PREFLIGHT_REPORT_DIR"; then
    echo "LEAK: a secret (${secret:0:4}...) appears in the preflight output or report:" >&2
    grep -rnF -- "$secret" "$vvv" "$CXOPS_PREFLIGHT_REPORT_DIR" | cut -c1-200 >&2
    leaked=1
  fi
done
echo "checked ${#secrets[@]} given and ${#generated[@]} generated secrets against $(wc -l <"$vvv") lines of -vvv output"
[ "$leaked" = 0 ]

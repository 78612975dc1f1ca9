#!/usr/bin/env bash
# Runs playbooks/site.yml, a Genesys Cloud / API-key flow and gax.yml (the Platform Administration
# modules) at -vvv with --diff (check mode, converge, rerun, expiring sessions, API failures with
# servers echoing the secret back) and fails if any secret appears in the output: the inventory's
# secrets, the GAX password, and every token, client secret, API key and session the simulator generated.
# ANSIBLE_INJECT_INVOCATION=true makes ansible-core >= 2.21 print module arguments as older cores
# did, so a missing no_log would show here.
set -euo pipefail
source ../setup_simulator/sim.sh
export ANSIBLE_INJECT_INVOCATION=true
inv="$COLLECTION_ROOT/playbooks/inventory/demo"
site=(ansible-playbook -vvv --diff -i "$inv" --vault-id "demo@$COLLECTION_ROOT/playbooks/demo-vault-password.txt"
      "$COLLECTION_ROOT/playbooks/site.yml")
export GENESYSCLOUD_LOGIN_URL="$SIM_URL" GENESYSCLOUD_API_URL="$SIM_URL"
flow=(ansible-playbook -vvv --diff -i ../setup_simulator/inventory.ini portico_flow.yml)
vault=(-i "$inv" --vault-id "demo@$COLLECTION_ROOT/playbooks/demo-vault-password.txt")
reports="$SIM_DIR/reports"
gax=(ansible-playbook -vvv --diff -i ../setup_simulator/inventory.ini gax.yml)
sent="$SIM_DIR/sent.json"
generated="$SIM_DIR/generated"
secrets=(
  sim-nexus-api-key-7f3c9a
  demo-kaleyra-pass-4417
  demo-webhook-key-8823
  demo-api-signature-key-1290
  demo-gateway-token-5519
  sim-gc-client-secret-aKSXEgLO57
  demo-portico-cluster-key-61c8
  leak-portico-cluster-key-4c1d
  sim-gax-pass-3e71c9
  sim-gauth-client-secret-2b7e
  gws-ops-pass-sim-5c1a
)

# Before each reset: keep what was sent and what the simulator generated.
keep() {
  simctl journal >>"$sent"
  simctl secrets >>"$generated"
  simctl reset
}

# No xtrace: it would print the GAX password and the fault bodies below, which hold secrets.
export GAX_PASSWORD=sim-gax-pass-3e71c9
export GAUTH_URL="$SIM_URL" GAUTH_CLIENT_SECRET=sim-gauth-client-secret-2b7e GAUTH_USERNAME=sim-gws-ops \
  GAUTH_PASSWORD=gws-ops-pass-sim-5c1a

# run_all MODE LOG [ansible-playbook args]: every play below on one execution path, output in LOG.
# The module path (three times the CPU of the in-process one) skips the check-mode runs and the reruns
# without a change: what differs by path is how arguments, results and errors leave the module (AnsibleModule
# there, the in-process base here), and the converges and failures below send every module's secrets through
# it; check mode and "no change" build their results with the same module code on both paths.
run_all() {
  local mode=$1 log=$2 every=true
  shift 2
  if [ "$mode" = module ]; then every=false; fi
  set -- -e "cxops_digital_channels_execution=$mode" "$@"
  simctl reset
  {
    if $every; then "${site[@]}" --check "$@"; fi
    "${site[@]}" "$@"
    if $every; then "${site[@]}" "$@"; fi
    # On the converged tenants, answers that echo the request's credentials back as ids, links and data, as
    # sent, HTML- and base64-encoded: neither the output nor the audit's drift report nor the preflight report
    # may show them.
    simctl fault '{"method": "GET", "path": "/gax/api/cfg/objects$", "action": "rewrite", "times": -1, "body": {"each": {"dbid": "{cookie}"}}}'
    simctl fault '{"method": "GET", "path": "/services/", "action": "rewrite", "times": -1, "body": {"set": {"data": {"provider": "{api_key:html}", "note": "{api_key:base64} {api_key:lower}"}}}}'
    simctl fault '{"method": "GET", "path": "^/api/v2/", "action": "rewrite", "times": -1, "body": {"each": {"id": "{bearer}"}, "set": {"nextUri": "https://{bearer}.evil.example/x"}}}'
    ANSIBLE_CALLBACKS_ENABLED=cxops.digital_channels.drift_report CXOPS_DRIFT_REPORT_DIR="$reports/drift-$mode" \
      ansible-playbook -vvv --diff "${vault[@]}" "$COLLECTION_ROOT/playbooks/audit.yml" "$@" || true
    CXOPS_PREFLIGHT_REPORT_DIR="$reports/preflight-$mode" \
      ansible-playbook -vvv "${vault[@]}" "$COLLECTION_ROOT/playbooks/preflight.yml" "$@" || true
    keep
    # Failures: writes rejected, the server echoing the secret it was sent.
    simctl fault '{"method": "POST", "path": "/mGageSMS$", "status": 500, "times": -1, "body": {"message": "rejected password demo-kaleyra-pass-4417"}}'
    simctl fault '{"method": "POST", "path": "/Async$", "status": 500, "times": -1, "body": {"message": "rejected webhook secret demo-webhook-key-8823 and demo-api-signature-key-1290"}}'
    simctl fault '{"method": "PUT", "path": "^/gax/", "status": 400, "times": -1, "body": {"message": "rejected header value Bearer demo-gateway-token-5519"}}'
    simctl fault '{"method": "POST", "path": "/PurecloudIDP$", "status": 500, "times": -1, "body": {"message": "rejected client secret sim-gc-client-secret-aKSXEgLO57"}}'
    "${site[@]}" "$@" || true
    keep
    simctl fault '{"method": "GET", "path": "^/nexus/", "status": 401, "times": -1, "body": {"message": "bad key sim-nexus-api-key-7f3c9a"}}'
    "${site[@]}" "$@" || true
    keep
    # Genesys Cloud plane and API keys.
    if $every; then "${flow[@]}" --check "$@"; fi
    "${flow[@]}" "$@"
    if $every; then "${flow[@]}" "$@"; fi
    simctl fault '{"method": "PATCH", "status": 500, "times": -1, "body": {"message": "rejected webhookPassword leak-portico-cluster-key-4c1d"}}'
    "${flow[@]}" "$@" || true
    simctl fault '{"method": "POST", "path": "/oauth/token", "status": 401, "times": -1, "body": {"message": "bad secret sim-gc-client-secret-aKSXEgLO57"}}'
    "${flow[@]}" "$@" || true
    keep
    # Platform Administration: check mode, converge, sessions that expire after every request.
    if $every; then "${gax[@]}" --check "$@"; fi
    "${gax[@]}" "$@"
    simctl config '{"gax": {"session_max_requests": 1}}'
    "${gax[@]}" "$@"
    keep
    simctl fault '{"method": "PUT", "status": 500, "times": -1, "body": {"message": "rejected for sim-gax-admin/sim-gax-pass-3e71c9"}}'
    "${gax[@]}" "$@" || true
    keep
    simctl fault '{"method": "POST", "path": "/login$", "status": 401, "times": -1, "body": {"message": "bad password sim-gax-pass-3e71c9"}}'
    "${gax[@]}" "$@" || true
    keep
  } >"$log" 2>&1
}

logs=("$SIM_DIR/vvv.auto.log" "$SIM_DIR/vvv.module.log")
run_all auto "${logs[0]}" "$@"
run_all module "${logs[1]}" "$@"
set -x

# Each lane ran the path it names: the default lane never started a module process of the collection.
grep -q 'in-process on the controller' "${logs[0]}"
if grep -q 'Using module file .*digital_channels/plugins/modules/' "${logs[0]}"; then
  echo "the in-process lane started module processes" >&2
  exit 1
fi
grep -q 'module process (cxops_digital_channels_execution=module)' "${logs[1]}"
grep -q 'Using module file .*digital_channels/plugins/modules/' "${logs[1]}"

# The test means something only if module arguments were printed, the failures happened, the
# secrets were really sent and the simulator really generated values; on both paths.
for log in "${logs[@]}"; do
  grep -q '"module_args"' "$log"
  grep -q '"gax_password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' "$log"
  grep -q 'mGageSMS failed: HTTP 500: rejected password \*\*\*\*\*\*\*\*' "$log"
  grep -q 'Async failed: HTTP 500: rejected webhook secret \*\*\*\*\*\*\*\* and \*\*\*\*\*\*\*\*' "$log"
  grep -q 'PurecloudIDP failed: HTTP 500: rejected client secret \*\*\*\*\*\*\*\*' "$log"
  grep -q 'failed: HTTP 401: bad key' "$log"
  grep -q 'tollfreenumbers/18445550100 failed: HTTP 500: rejected webhookPassword \*\*\*\*\*\*\*\*' "$log"
  grep -q 'oauth/token failed: HTTP 401: bad secret \*\*\*\*\*\*\*\*' "$log"
  grep -q 'CfgTransaction/312 failed: HTTP 500: rejected for sim-gax-admin/\*\*\*\*\*\*\*\*' "$log"
  grep -q 'session/login failed: HTTP 401: bad password \*\*\*\*\*\*\*\*' "$log"
  grep -q "is not an id of the expected form" "$log"
done
# The reports exist and say what the echoing server did (masked), so their check below means something.
for mode in auto module; do
  grep -q '\*\*\*\*\*\*\*\*' "$reports/drift-$mode/audit/latest/drift.json"
  grep -q 'is not an id of the expected form' "$reports/preflight-$mode/latest/preflight.json"
done
for secret in "${secrets[@]}"; do
  grep -qF -- "$secret" "$sent" || { echo "secret $secret was never sent: the test would prove nothing" >&2; exit 1; }
done
mapfile -t generated_values < <(grep -v '^$' "$generated" | sort -u)
[ "${#generated_values[@]}" -ge 6 ] || { echo "expected generated secrets, got ${#generated_values[@]}" >&2; exit 1; }

set +x
leaked=0
mapfile -t report_files < <(find "$reports" "$CXOPS_SNAPSHOT_DIR" -type f)
ls "$CXOPS_SNAPSHOT_DIR"/*/*.yml >/dev/null || { echo "expected the snapshots of site.yml" >&2; exit 1; }
[ "${#report_files[@]}" -ge 8 ] || { echo "expected the drift and preflight reports of both paths" >&2; exit 1; }
for secret in "${secrets[@]}" "${generated_values[@]}"; do
  # As sent in any letter case, HTML-escaped and base64-encoded (the echoing server above sends all three).
  for form in "$secret" "$(printf '%s' "$secret" | python -c 'import html, sys; print(html.escape(sys.stdin.read()))')" \
              "$(printf '%s' "$secret" | base64 -w0)"; do
    if grep -qiF -- "$form" "${logs[@]}" "${report_files[@]}"; then
      echo "LEAK: a secret (${secret:0:4}...) appears in the -vvv output or a report:" >&2
      grep -niF -- "$form" "${logs[@]}" "${report_files[@]}" | cut -c1-200 >&2
      leaked=1
    fi
  done
done
echo "checked ${#secrets[@]} given and ${#generated_values[@]} generated secrets (as sent, any case, HTML- and base64-encoded)" \
  "against $(cat "${logs[@]}" | wc -l) lines of -vvv output (both paths) and ${#report_files[@]} report files"
[ "$leaked" = 0 ]

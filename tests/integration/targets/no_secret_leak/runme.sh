#!/usr/bin/env bash
# Runs playbooks/site.yml and gax.yml (the Platform Administration modules) at -vvv with --diff (check
# mode, converge, rerun, API failures, a server that echoes the secret back) and fails if any secret of
# the demo inventory or the GAX password appears in the output.
# ANSIBLE_INJECT_INVOCATION=true makes ansible-core >= 2.21 print module arguments as older cores
# did, so a missing no_log would show here.
set -euxo pipefail
source ../setup_simulator/sim.sh
export ANSIBLE_INJECT_INVOCATION=true
inv="$COLLECTION_ROOT/playbooks/inventory/demo"
site=(ansible-playbook -vvv --diff -i "$inv" "$COLLECTION_ROOT/playbooks/site.yml")
gax=(ansible-playbook -vvv --diff -i ../setup_simulator/inventory.ini gax.yml)
log="$SIM_DIR/vvv.log"
secrets=(
  sim-nexus-api-key-7f3c9a
  demo-kaleyra-pass-4417
  demo-webhook-key-8823
  demo-api-signature-key-1290
  demo-gc-client-secret-aKSXEgLO57
  sim-gax-pass-3e71c9
)

set +x  # the trace would print the GAX password and the fault bodies below, which hold secrets
export GAX_PASSWORD=sim-gax-pass-3e71c9
{
  "${site[@]}" --check "$@"
  "${site[@]}" "$@"
  "${site[@]}" "$@"
  "${gax[@]}" --check "$@"
  "${gax[@]}" "$@"
  # Sessions that expire after every request: each request logs in again.
  simctl config '{"gax": {"session_max_requests": 1}}'
  "${gax[@]}" "$@"
  # Failures on a fresh system: every write rejected, the server echoing the secret it was sent.
  simctl reset
  simctl fault '{"method": "POST", "path": "/mGageSMS$", "status": 500, "times": -1, "body": {"message": "rejected password demo-kaleyra-pass-4417"}}'
  simctl fault '{"method": "POST", "path": "/Async$", "status": 500, "times": -1, "body": {"message": "rejected webhook secret demo-webhook-key-8823 and demo-api-signature-key-1290"}}'
  simctl fault '{"method": "POST", "path": "/PurecloudIDP$", "status": 500, "times": -1, "body": {"message": "rejected client secret demo-gc-client-secret-aKSXEgLO57"}}'
  "${site[@]}" "$@" || true
  simctl reset
  simctl fault '{"method": "GET", "status": 401, "times": -1, "body": {"message": "bad key sim-nexus-api-key-7f3c9a"}}'
  "${site[@]}" "$@" || true
  simctl reset
  simctl fault '{"method": "PUT", "status": 500, "times": -1, "body": {"message": "rejected for sim-gax-admin/sim-gax-pass-3e71c9"}}'
  "${gax[@]}" "$@" || true
  simctl reset
  simctl fault '{"method": "POST", "path": "/login$", "status": 401, "times": -1, "body": {"message": "bad password sim-gax-pass-3e71c9"}}'
  "${gax[@]}" "$@" || true
} >"$log" 2>&1
set -x

# The test means something only if module arguments were printed and the secrets were really sent.
grep -q '"module_args"' "$log"
grep -q '"gax_password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' "$log"
grep -q 'mGageSMS failed: HTTP 500: rejected password \*\*\*\*\*\*\*\*' "$log"
grep -q 'Async failed: HTTP 500: rejected webhook secret \*\*\*\*\*\*\*\* and \*\*\*\*\*\*\*\*' "$log"
grep -q 'PurecloudIDP failed: HTTP 500: rejected client secret \*\*\*\*\*\*\*\*' "$log"
grep -q 'failed: HTTP 401: bad key' "$log"
grep -q 'CfgTransaction/312 failed: HTTP 500: rejected for sim-gax-admin/\*\*\*\*\*\*\*\*' "$log"
grep -q 'session/login failed: HTTP 401: bad password \*\*\*\*\*\*\*\*' "$log"
simctl reset
"${site[@]}" "$@" >/dev/null 2>&1
"${gax[@]}" "$@" >/dev/null 2>&1
journal=$(simctl journal)
leaked=0
for secret in "${secrets[@]}"; do
  grep -qF -- "$secret" <<<"$journal" || { echo "secret $secret was never sent: the test would prove nothing" >&2; exit 1; }
  if grep -nF -- "$secret" "$log"; then
    echo "LEAK: $secret appears in the -vvv output" >&2
    leaked=1
  fi
done
[ "$leaked" = 0 ]

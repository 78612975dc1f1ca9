#!/usr/bin/env bash
# The collection as AWX runs it: each job an ansible-runner private_data_dir laid out like AWX's (awx_job.py), the
# project's playbooks importing cxops.digital_channels.site|audit|preflight, the connection only from the
# credential types of extensions/awx/credential_types rendered the way AWX renders them.
# - Shared endpoints (credentials per job template): the workflow of extensions/awx/configure.yml (workflow.py walks
#   it as AWX does) on an inventory of per-tenant values only: preflight, audit (exit 2: everything to create),
#   approval, site, audit (exit 0), over HTTPS with the internal CA's bundle from the credentials (verify on); site
#   again writes nothing and leaves no report; on converged tenants the workflow ends after a passing audit; after
#   a hand change the audit exits 2 naming the tenant, its summary a set_stats artifact, and a denied approval
#   writes nothing; no secret in runner stdout or job_events.
# - Per-tenant URLs and secrets in vaulted host_vars of the project with a Vault credential: the inventory wins
#   over a credential's (wrong) values; the Genesys Cloud admin client credential serves the preflight's admin check.
# - A self-signed certificate: verify off from the credential works; verify on without a CA fails before a write.
set -euo pipefail
HERE="$(pwd)"
WORK="$(mktemp -d "${OUTPUT_DIR:-/tmp}/awx.XXXXXX")"
JOBS="$WORK/jobs"
mkdir -p "$JOBS"
python make_certs.py "$WORK/certs"
# The simulator behind the internal CA's certificate.
export SIM_TLS_CERT="$WORK/certs/server.pem" SIM_TLS_KEY="$WORK/certs/server.key" SIM_CA_FILE="$WORK/certs/ca.pem"
source ../setup_simulator/sim.sh
TYPES="$COLLECTION_ROOT/extensions/awx/credential_types"
[[ "$SIM_URL" == https://* ]]
# The job gets its connection only from its credentials: nothing of the simulator's in this environment. And its
# configuration from the project's ansible.cfg and its inventory, as in AWX, not from what ansible-test sets for
# every target (operator_env in sim.sh lists them).
unset NEXUS_URL GAX_URL ANSIBLE_CONFIG ANSIBLE_INVENTORY ANSIBLE_LIBRARY ANSIBLE_HOST_PATTERN_MISMATCH \
  ANSIBLE_CALLBACKS_ENABLED ANSIBLE_PYTHON_INTERPRETER

# job ID PLAYBOOK [awx_job.py options]: lay out the job's private_data_dir and run it with ansible-runner.
# The job's exit status is in $JOBS/ID.rc, its stdout in $JOBS/ID/artifacts/ID/stdout.
job() {
  local id=$1 playbook=$2 rc=0
  shift 2
  python "$HERE/awx_job.py" "$JOBS/$id" --job-id "$id" "$@"
  ansible-runner run "$JOBS/$id" -p "$playbook" --ident "$id" >/dev/null 2>"$JOBS/$id.err" || rc=$?
  echo "$rc" >"$JOBS/$id.rc"
  echo "job $id ($playbook): exit status $rc"
}
# A job's stdout without the colours AWX keeps in it.
stdout() { sed 's/\x1b\[[0-9;]*m//g' "$JOBS/$1/artifacts/$1/stdout"; }
expect_rc() {
  if [ "$(cat "$JOBS/$1.rc")" != "$2" ]; then
    stdout "$1" | tail -60
    cat "$JOBS/$1.err" >&2
    echo "job $1: exit status $(cat "$JOBS/$1.rc"), expected $2" >&2
    exit 1
  fi
}
recap_unchanged() { stdout "$1" >"$JOBS/$1.stdout"; assert_recap_unchanged "$JOBS/$1.stdout"; }
stats() { python "$HERE/check_job.py" stats "$JOBS/$1" "$1" "$2"; }
json_file() { python -c 'import json, sys; print(json.dumps(dict(a.split("=", 1) for a in sys.argv[2:])))' - "$@" >"$1"; }

CA_BUNDLE="$(cat "$WORK/certs/ca.pem")"
export CA_BUNDLE
# credential FILE FIELD=VALUE...: a credential's inputs (validate_certs=true|false become booleans).
credential() {
  local file=$1
  shift
  python - "$file" "$@" <<'PY'
import json, os, sys
inputs = {}
for item in sys.argv[2:]:
    name, value = item.split("=", 1)
    inputs[name] = {"true": True, "false": False}.get(value, os.environ["CA_BUNDLE"] if value == "@ca" else value)
json.dump(inputs, open(sys.argv[1], "w"))
PY
}

echo "== shared endpoints: every connection value from the credentials"
credential "$WORK/nexus.json" nexus_url="$SIM_URL" api_key=sim-nexus-api-key-7f3c9a validate_certs=true ca_bundle=@ca
credential "$WORK/gax.json" gax_url="$SIM_URL" gax_username=sim-gax-admin gax_password=sim-gax-pass-3e71c9 \
  validate_certs=true ca_bundle=@ca
credential "$WORK/gc.json" login_url="$SIM_URL" api_url="$SIM_URL" client_id=4da40a9d-b113-4024-8ba9-c9dd89c91f67 \
  client_secret=sim-gc-client-secret-aKSXEgLO57 ca_bundle=@ca
credential "$WORK/gauth.json" auth_url="$SIM_URL" auth_client_id=external_api_client \
  auth_client_secret=sim-gauth-client-secret-2b7e auth_username=sim-gws-ops auth_password=gws-ops-pass-sim-5c1a
shared=(--project "$COLLECTION_ROOT/extensions/awx/project" --inventory "$HERE/shared_inventory.yml"
        --credential "$TYPES/nexus.yml=$WORK/nexus.json" --credential "$TYPES/gax.yml=$WORK/gax.json"
        --credential "$TYPES/genesys_cloud.yml=$WORK/gc.json" --credential "$TYPES/gws_auth.yml=$WORK/gauth.json")

CONFIGURE="$COLLECTION_ROOT/extensions/awx/configure.yml"
# workflow FIRST_JOB_ID [--deny]: the workflow of configure.yml over the shared-endpoint tenants; prints the path.
workflow() {
  python "$HERE/workflow.py" "$CONFIGURE" "$JOBS" "$@" -- "${shared[@]}" >"$WORK/workflow.$1"
  cat "$WORK/workflow.$1" >&2
  cut -d' ' -f1,3 "$WORK/workflow.$1" | tr '\n' ' ' | sed 's/ $//'
}
drifted() { stats "$1" cxops_audit | python -c 'import json, sys; print(" ".join(json.load(sys.stdin)["drifted"]))'; }

echo "== the workflow on fresh tenants: preflight, audit (everything to create), approval, site, audit again"
simctl clear
[ "$(workflow 101)" = "preflight 0 audit-before 2 approve approved site 0 audit-after 0" ]
# The preflight verified every plane's certificate with the CA bundle of the credentials.
python - "$JOBS/101/project/preflight-report/job-101/preflight.json" <<'PY'
import json, sys
tenants = json.load(open(sys.argv[1]))["tenants"]
for name, planes in (("awx_kaleyra", ("nexus", "gax")), ("awx_portico", ("nexus", "gws_auth", "gax", "genesys_cloud"))):
    for plane in planes:
        tls = tenants[name]["planes"][plane]["tls"]
        assert tls["status"] == "verified", (name, plane, tls)
PY
[ "$(stats 101 cxops_preflight | python -c 'import json, sys; s = json.load(sys.stdin); print(s["failed"], s["tenants"], s["run"])')" = "[] 2 job-101" ]
# The first audit found both tenants to provision: that is what the approval approved.
[ "$(drifted 102)" = "awx_kaleyra awx_portico" ]
grep -q '"check_mode": true' "$JOBS/102/project/drift-report/audit/job-102/drift.json"
# Site converged both tenants over HTTPS and left no report, though the roles' plan tasks run in check mode.
stdout 103 | grep -qE '^awx_kaleyra +: ok=.* changed=[1-9]'
stdout 103 | grep -qE '^awx_portico +: ok=.* changed=[1-9]'
[ ! -e "$JOBS/103/project/drift-report" ]
python - "$SIM_URL" <<'PY'
import json, os, ssl, sys, urllib.request
context = ssl.create_default_context(cafile=os.environ["SIM_CA_FILE"])
state = json.dumps(json.load(urllib.request.urlopen(sys.argv[1] + "/_sim/state", timeout=10, context=context)))
for expected in ("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e", "SMS_AWX_Kaleyra",
                 "SMS_AWX_Portico"):
    assert expected in state, expected
PY
[ "$(drifted 104)" = "" ]
grep -q '"drift": false' "$JOBS/104/project/drift-report/audit/job-104/drift.json"

echo "== site again: nothing to write"
simctl clear
job 110 site.yml "${shared[@]}"
expect_rc 110 0
recap_unchanged 110
[ "$(simctl writes)" = 0 ]
[ ! -e "$JOBS/110/project/drift-report" ]

echo "== the workflow on converged tenants: the audit passes, nothing to approve, nothing written"
simctl clear
[ "$(workflow 120)" = "preflight 0 audit-before 0" ]
[ "$(simctl writes)" = 0 ]

echo "== someone switches awx_kaleyra's SMS provider by hand; the workflow stops at the approval, denied"
python - "$SIM_URL" <<'PY'
import json, os, ssl, sys, urllib.request
ccid = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
request = urllib.request.Request(
    sys.argv[1] + "/nexus/v3/provisioning/services/%s/SMS" % ccid, method="POST",
    data=json.dumps({"url": "N/A", "data": {"provider": "Async"}, "secret": {}}).encode(),
    headers={"Content-Type": "application/json", "x-api-key": "sim-nexus-api-key-7f3c9a", "x-ccid": ccid})
urllib.request.urlopen(request, timeout=10, context=ssl.create_default_context(cafile=os.environ["SIM_CA_FILE"])).read()
PY
simctl clear
[ "$(workflow 130 --deny)" = "preflight 0 audit-before 2 approve denied" ]
[ "$(simctl writes)" = 0 ]
stdout 131 | grep -q "awx_kaleyra drifted: cxops.digital_channels.sms_kaleyra : Enable SMS with Kaleyra as the provider"
[ "$(drifted 131)" = "awx_kaleyra" ]
grep -q "^## awx_kaleyra: drift" "$JOBS/131/project/drift-report/audit/job-131/drift.md"
# Reports of different jobs sit side by side.
[ -f "$JOBS/131/project/drift-report/audit/job-131/drift.json" ] && [ ! -e "$JOBS/131/project/drift-report/site" ]

echo "== per-tenant URLs and secrets in the vaulted host_vars of an inventory sourced from the project, a Vault credential"
printf 'awx-lab-vault-pass-%s\n' "$RANDOM$RANDOM" >"$WORK/vault-pass"
# The SCM project: the playbooks, a CA bundle file, and the inventory (hosts.yml, host_vars with inline vaulted
# secrets, which AWX's inventory sync keeps encrypted until the job's Vault credential opens them).
vaulted="$WORK/vaulted"
cp -r "$COLLECTION_ROOT/extensions/awx/project" "$vaulted"
mkdir -p "$vaulted/certs" "$vaulted/inventory/host_vars"
cp "$WORK/certs/ca.pem" "$vaulted/certs/ca.pem"
cp "$HERE/vaulted_inventory.yml" "$vaulted/inventory/hosts.yml"
vault() { ansible-vault encrypt_string --vault-id "lab@$WORK/vault-pass" --name "$1" "$2" 2>/dev/null; }
{
  echo "---"
  echo "# This tenant's own endpoints and secrets."
  echo "nexus_url: $SIM_URL"
  vault nexus_api_key sim-nexus-api-key-7f3c9a
  echo "gax_url: $SIM_URL/tenants/vault_gateway"
  echo "gax_username: sim-gax-admin"
  vault gax_password sim-gax-pass-3e71c9
} >"$vaulted/inventory/host_vars/vault_gateway.yml"
{
  echo "---"
  echo "nexus_url: $SIM_URL"
  vault nexus_api_key sim-nexus-api-key-7f3c9a
  echo "sms_genesys_cloud_login_url: $SIM_URL"
  echo "sms_genesys_cloud_api_url: $SIM_URL"
  # The project's CA bundle file: /runner/project/certs/ca.pem in an AWX job; here the job's project directory.
  echo "gc_ca_path: $JOBS/203/project/certs/ca.pem"
} >"$vaulted/inventory/host_vars/vault_portico.yml"
grep -q '!vault' "$vaulted/inventory/host_vars/vault_gateway.yml"
! grep -rq sim-gax-pass "$vaulted/inventory"
# The job template's credentials carry wrong URLs and secrets: the inventory's values must win over them. The CA
# bundle, which the inventory does not set, comes from them.
credential "$WORK/nexus_wrong.json" nexus_url=https://127.0.0.1:9 api_key=credential-key-never-used-5a1c \
  validate_certs=true ca_bundle=@ca
credential "$WORK/gax_wrong.json" gax_username=credential-user-never-used gax_password=credential-pass-never-used-3b9d \
  validate_certs=true ca_bundle=@ca
credential "$WORK/admin.json" client_id=4da40a9d-b113-4024-8ba9-c9dd89c91f67 client_secret=sim-gc-client-secret-aKSXEgLO57
credential "$WORK/gauth_vaulted.json" auth_url="$SIM_URL" auth_client_secret=sim-gauth-client-secret-2b7e \
  auth_username=sim-gws-ops auth_password=gws-ops-pass-sim-5c1a
vault_job=(--project "$vaulted" --inventory "$vaulted/inventory" --vault-id lab --vault-password-file "$WORK/vault-pass"
           --credential "$TYPES/nexus.yml=$WORK/nexus_wrong.json" --credential "$TYPES/gax.yml=$WORK/gax_wrong.json")

simctl clear
job 201 site.yml "${vault_job[@]}" --limit vault_gateway
expect_rc 201 0
stdout 201 | grep -qE '^vault_gateway +: ok=.* changed=[1-9]'
simctl journal | python -c '
import json, sys
paths = [e["path"] for e in json.load(sys.stdin)]
assert any(p.startswith("/tenants/vault_gateway/gax/") for p in paths), paths
'
simctl clear
job 202 site.yml "${vault_job[@]}" --limit vault_gateway
expect_rc 202 0
recap_unchanged 202
[ "$(simctl writes)" = 0 ]
# The admin client from its own credential: the preflight of a tenant whose run would create the OAuth client.
simctl clear
job 203 preflight.yml "${vault_job[@]}" --credential "$TYPES/genesys_cloud_admin.yml=$WORK/admin.json" \
  --credential "$TYPES/gws_auth.yml=$WORK/gauth_vaulted.json" \
  --extra-vars "{\"preflight_report_dir\": \"$JOBS/203/preflight-report\"}"
expect_rc 203 0
[ "$(simctl writes)" = 0 ]
python - "$JOBS/203/preflight-report/job-203/preflight.json" <<'PY'
import json, sys
gc = json.load(open(sys.argv[1]))["tenants"]["vault_portico"]["planes"]["genesys_cloud"]
checks = {check["name"]: check["status"] for check in gc["checks"]}
assert checks["admin_roles"] == "ok" and checks["admin_clients"] == "ok" and checks["integration"] == "skipped", gc
PY

echo "== a self-signed certificate: verify off from the credential, then verify on without a CA"
simctl secrets >"$WORK/generated"
sim_stop
export SIM_TLS_CERT="$WORK/certs/self.pem" SIM_TLS_KEY="$WORK/certs/self.key" SIM_CA_FILE="$WORK/certs/self.pem"
source ../setup_simulator/sim.sh
unset NEXUS_URL GAX_URL
credential "$WORK/nexus_off.json" nexus_url="$SIM_URL" api_key=sim-nexus-api-key-7f3c9a validate_certs=false
credential "$WORK/gax_off.json" gax_url="$SIM_URL" gax_username=sim-gax-admin gax_password=sim-gax-pass-3e71c9 \
  validate_certs=false
credential "$WORK/nexus_on.json" nexus_url="$SIM_URL" api_key=sim-nexus-api-key-7f3c9a validate_certs=true
credential "$WORK/gax_on.json" gax_url="$SIM_URL" gax_username=sim-gax-admin gax_password=sim-gax-pass-3e71c9 \
  validate_certs=true
simctl clear
job 301 site.yml --project "$COLLECTION_ROOT/extensions/awx/project" --inventory "$HERE/shared_inventory.yml" --limit awx_kaleyra \
  --credential "$TYPES/nexus.yml=$WORK/nexus_off.json" --credential "$TYPES/gax.yml=$WORK/gax_off.json"
expect_rc 301 0
[ "$(simctl writes)" -gt 0 ]
simctl reset
job 302 site.yml --project "$COLLECTION_ROOT/extensions/awx/project" --inventory "$HERE/shared_inventory.yml" --limit awx_kaleyra \
  --credential "$TYPES/nexus.yml=$WORK/nexus_on.json" --credential "$TYPES/gax.yml=$WORK/gax_on.json"
expect_rc 302 2
[ "$(simctl writes)" = 0 ]
stdout 302 | grep -qE "TLS with 127.0.0.1:[0-9]+ failed: certificate verify failed: self.signed certificate"

echo "== no secret in any job's stdout or job_events"
{
  printf '%s\n' sim-nexus-api-key-7f3c9a sim-gax-pass-3e71c9 sim-gc-client-secret-aKSXEgLO57 sim-gauth-client-secret-2b7e \
    gws-ops-pass-sim-5c1a awx-kaleyra-pass-7741 credential-key-never-used-5a1c credential-pass-never-used-3b9d \
    vault-webhook-4410 vault-api-7720 awx-cluster-key-8c31d0e2
  cat "$WORK/vault-pass" "$WORK/generated"
  simctl secrets
} >"$WORK/secrets"
python "$HERE/check_job.py" leaks "$WORK/secrets" "$JOBS"/[0-9]*/

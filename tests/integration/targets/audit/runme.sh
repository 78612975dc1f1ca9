#!/usr/bin/env bash
# playbooks/audit.yml with the drift_report callback: no drift after site.yml (exit 0, no write),
# then a value changed behind Ansible's back is reported for that tenant only (exit 2, still no write),
# a secret webhook header changed by hand is reported masked, and the report is readable by its owner only.
set -euxo pipefail
source ../setup_simulator/sim.sh
export GENESYSCLOUD_LOGIN_URL="$SIM_URL" GENESYSCLOUD_API_URL="$SIM_URL"
export ANSIBLE_CALLBACKS_ENABLED=cxops.digital_channels.drift_report CXOPS_DRIFT_REPORT_DIR="$SIM_DIR/report"
args=(-i "$COLLECTION_ROOT/playbooks/inventory/demo" --vault-id "demo@$COLLECTION_ROOT/playbooks/demo-vault-password.txt")
report="$CXOPS_DRIFT_REPORT_DIR/audit/latest/drift.json"
markdown="$CXOPS_DRIFT_REPORT_DIR/audit/latest/drift.md"

ansible-playbook "${args[@]}" "$COLLECTION_ROOT/playbooks/site.yml" "$@"
# A run that writes is not an audit: no report, though the roles' plan tasks run in check mode.
[ ! -e "$CXOPS_DRIFT_REPORT_DIR" ]
simctl clear

# Converged: no drift, exit 0, nothing written; each tenant's verdict says what it has.
ansible-playbook "${args[@]}" "$COLLECTION_ROOT/playbooks/audit.yml" "$@" | tee "$SIM_DIR/audit.log"
[ "$(simctl writes)" = 0 ]
grep -q '"acme_kaleyra: no drift; SMS via mGage; services SMS, mGageSMS"' "$SIM_DIR/audit.log"
python - "$report" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
assert report["drift"] is False and report["errors"] is False, report
assert sorted(report["hosts"]) == ["acme_kaleyra", "globex_custom_gateway", "initech_genesys_cloud"], report
PY
grep -q "^## acme_kaleyra: no drift" "$markdown"
# The report holds configuration values: owner-only directories and files.
[ "$(stat -c %a "$CXOPS_DRIFT_REPORT_DIR")" = 700 ] && [ "$(stat -c %a "$CXOPS_DRIFT_REPORT_DIR/audit")" = 700 ]
[ "$(stat -c %a "$CXOPS_DRIFT_REPORT_DIR/audit/latest/")" = 700 ]
[ "$(stat -c %a "$report")" = 600 ]
[ "$(stat -c %a "$markdown")" = 600 ]
first_run=$(readlink "$CXOPS_DRIFT_REPORT_DIR/audit/latest")

# Someone switches acme's SMS provider by hand.
python - "$SIM_URL" <<'PY'
import json, sys, urllib.request
ccid = "45acae06-6b7c-4f97-9c76-471cb5c21bf7"
request = urllib.request.Request(
    sys.argv[1] + "/nexus/v3/provisioning/services/%s/SMS" % ccid, method="POST",
    data=json.dumps({"url": "N/A", "data": {"provider": "Async"}, "secret": {}}).encode(),
    headers={"Content-Type": "application/json", "x-api-key": "sim-nexus-api-key-7f3c9a", "x-ccid": ccid})
urllib.request.urlopen(request, timeout=10).read()
PY
# ... and someone replaces globex's secret gateway token in Platform Administration.
python - "$SIM_URL" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
def call(method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    return json.loads(opener.open(request, timeout=10).read() or b"null")
env = "/tenants/globex_custom_gateway"
call("POST", env + "/gax/api/session/login", {"username": "sim-gax-admin", "password": "sim-gax-pass-3e71c9", "isPasswordEncrypted": False})
obj, = call("GET", env + "/gax/api/cfg/objects?brief=false&type=CfgTransaction&name=NexusServices")
for prop in obj["userproperties"]["property"]:
    if prop["key"] == "header:Authorization":
        prop["value"] = "Bearer hand-made-token-0042"
call("PUT", env + "/gax/api/cfg/objects/CfgTransaction/%s" % obj["dbid"], obj)
PY
simctl clear

# The audit names the tenant and the change, exits 2, and still writes nothing. As AWX runs it (JOB_ID), the
# report is the job's own and the earlier run's report is left as it was; the summary is a set_stats artifact.
rc=0
JOB_ID=77 ANSIBLE_SHOW_CUSTOM_STATS=true ansible-playbook "${args[@]}" "$COLLECTION_ROOT/playbooks/audit.yml" "$@" \
  >"$SIM_DIR/audit.log" 2>&1 || rc=$?
cat "$SIM_DIR/audit.log"
[ "$rc" = 2 ]
[ "$(simctl writes)" = 0 ]
grep -q "acme_kaleyra drifted: cxops.digital_channels.sms_kaleyra : Enable SMS with Kaleyra as the provider" "$SIM_DIR/audit.log"
[ "$(readlink "$CXOPS_DRIFT_REPORT_DIR/audit/latest")" = job-77 ]
grep -q '"drift": false' "$CXOPS_DRIFT_REPORT_DIR/audit/$first_run/drift.json"
python - "$SIM_DIR/audit.log" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
stats = json.loads(re.search(r"CUSTOM STATS: \*+\s*\n\s*RUN: (\{.*\})", text).group(1))["cxops_audit"]
assert stats["drifted"] == ["acme_kaleyra", "globex_custom_gateway"] and stats["failed"] == [], stats
assert stats["tenants"] == 3 and stats["run"] == "job-77" and stats["report"].endswith("/audit/job-77/drift.md"), stats
PY
python - "$report" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
hosts = report["hosts"]
assert report["drift"] is True
assert [h for h in hosts if hosts[h]["drift"]] == ["acme_kaleyra", "globex_custom_gateway"], hosts
change, = hosts["acme_kaleyra"]["changes"]
assert change["action"] == "cxops.digital_channels.nexus_service", change
assert '-    "provider": "Async"' in change["diff"][0] and '+    "provider": "mGage"' in change["diff"][0], change
change, = hosts["globex_custom_gateway"]["changes"]
assert change["action"] == "cxops.digital_channels.nexus_services_options", change
assert '-    "header:Authorization": "********"' in change["diff"][0], change
assert '+    "header:Authorization": "******** (new value)"' in change["diff"][0], change
PY
# Neither the vaulted token nor the hand-made one is in the report.
! grep -rl -e demo-gateway-token-5519 -e hand-made-token-0042 "$CXOPS_DRIFT_REPORT_DIR"
grep -q "^## acme_kaleyra: drift" "$markdown"
grep -q '^  +    "provider": "mGage"' "$markdown"

# From a checkout laid out as ansible_collections/cxops/digital_channels (this target's tree is one), the way
# playbooks/ansible.cfg supports: cd playbooks && ansible-playbook audit.yml audits, its report under playbooks/.
simctl clear
rc=0
# Its ansible.cfg applies (ansible-test's ANSIBLE_CONFIG would take its place).
(cd "$COLLECTION_ROOT/playbooks" && operator_env -u CXOPS_DRIFT_REPORT_DIR ansible-playbook audit.yml \
  >"$SIM_DIR/checkout.log" 2>&1) || rc=$?
[ "$rc" = 2 ] || { cat "$SIM_DIR/checkout.log"; exit 1; }
grep -q "acme_kaleyra drifted" "$SIM_DIR/checkout.log"
[ -f "$COLLECTION_ROOT/playbooks/drift-report/audit/latest/drift.json" ]
rm -rf "$COLLECTION_ROOT/playbooks/drift-report"
# From the installed collection (it has a MANIFEST.json): without CXOPS_DRIFT_REPORT_DIR the report goes to
# drift-report/ of the current directory; run from inside the installed collection, it is refused before any request.
installed="$(installed_collection)"
mkdir -p "$SIM_DIR/cwd"
simctl clear
rc=0
(cd "$SIM_DIR/cwd" && env -u CXOPS_DRIFT_REPORT_DIR ANSIBLE_COLLECTIONS_PATH="$installed" \
  ansible-playbook "${args[@]}" cxops.digital_channels.audit >"$SIM_DIR/installed.log" 2>&1) || rc=$?
[ "$rc" = 2 ] || { cat "$SIM_DIR/installed.log"; exit 1; }
[ -f "$SIM_DIR/cwd/drift-report/audit/latest/drift.json" ]
[ ! -e "$installed/ansible_collections/cxops/digital_channels/playbooks/drift-report" ]
simctl clear
rc=0
(cd "$installed/ansible_collections/cxops/digital_channels/playbooks" && env -u CXOPS_DRIFT_REPORT_DIR \
  ANSIBLE_COLLECTIONS_PATH="$installed" ansible-playbook "${args[@]}" audit.yml >"$SIM_DIR/inside.log" 2>&1) || rc=$?
[ "$rc" = 2 ] && [ "$(simctl requests)" = 0 ]
grep -q "set CXOPS_DRIFT_REPORT_DIR to an absolute path" "$SIM_DIR/inside.log"

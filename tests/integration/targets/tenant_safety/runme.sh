#!/usr/bin/env bash
# Safe for an operator on a real tenant (issue 11), with site.yml and the roles as an operator runs them:
#   1. every class of bad input, and every wrong credential, fails before the first write (journal: 0 writes);
#   2. a wrong secret stored in a service is reported as unverifiable by the audit and repaired by
#      -e sms_update_secrets=always;
#   3. check mode of a brand-new Genesys Cloud tenant passes, sends no placeholder anywhere and reports the
#      same changes as the real run that follows;
#   4. two tenants provisioned in parallel, each with its own Platform Administration, never touch each
#      other's NexusServices, and an exclusive run for one leaves the other's sections intact.
set -euo pipefail
source ../setup_simulator/sim.sh
export GENESYSCLOUD_LOGIN_URL="$SIM_URL" GENESYSCLOUD_API_URL="$SIM_URL"
site=(ansible-playbook -i inventory.yml "$COLLECTION_ROOT/playbooks/site.yml")
out="$SIM_DIR/out.log"

# expect_refused GROUP HOST MESSAGE [HOST MESSAGE...]: one run of site.yml over refused.yml's GROUP, in which every
# host fails with its own MESSAGE (on its own `fatal: [HOST]` line) and none writes anything. The hosts named here,
# the hosts refused.yml puts in GROUP and the hosts the run reports must be the same: none goes unchecked.
expect_refused() {
  local group=$1 rc=0 named=()
  shift
  simctl reset
  "${site[@]}" -i refused.yml --limit "$group" >"$out" 2>&1 || rc=$?
  if [ "$rc" = 0 ]; then cat "$out"; echo "expected every host of $group to fail" >&2; return 1; fi
  while [ $# -gt 0 ]; do
    named+=("$1")
    grep -F "fatal: [$1]: " "$out" | grep -F -- "$2" >/dev/null ||
      { cat "$out"; echo "expected $1 to fail with: $2" >&2; return 1; }
    grep -qE "^$1 +: .* failed=1 " "$out" || { cat "$out"; echo "expected $1 to end failed" >&2; return 1; }
    echo "refused: $1: $2"
    shift 2
  done
  local want ran members
  want=$(printf '%s\n' "${named[@]}" | sort)
  ran=$(sed -n '/PLAY RECAP/,$p' "$out" | awk '$2 == ":" {print $1}' | sort)
  members=$(python -c 'import sys, yaml; print("\n".join(sorted(yaml.safe_load(open("refused.yml"))[sys.argv[1]]["hosts"])))' "$group")
  [ "$want" = "$ran" ] && [ "$want" = "$members" ] ||
    { printf 'named:\n%s\nran:\n%s\nin %s:\n%s\n' "$want" "$ran" "$group" "$members" >&2; echo "$group: unchecked hosts" >&2; return 1; }
  [ "$(simctl writes)" = 0 ] || { simctl journal; echo "a host of $group wrote before failing" >&2; return 1; }
  echo "$group: every host refused, nothing written"
}

# Every refused host of refused.yml is in one of the two groups the runs below cover.
python - <<'PY'
import yaml
inventory = yaml.safe_load(open("refused.yml"))
covered = set(inventory["refused_input"]["hosts"]) | set(inventory["refused_remote"]["hosts"])
cases = {host for name, group in inventory.items() if name.endswith("_tenant") for host in group["hosts"]}
assert cases == covered, (sorted(cases ^ covered))
PY

# --- 1. bad input and wrong credentials: zero writes -------------------------------------------------
# Bad input fails before the first request. sender_ids_exclusive scopes the sender_ids role the SMS roles
# include; the sms role's spec checks it first.
expect_refused refused_input \
  r_option "sms_option must be kaleyra, custom_gateway, genesys_cloud, got twilio" \
  r_exclusive "argument 'sender_ids_exclusive' is of type str" \
  r_sender_name "\"msg\": \"tenant r_sender_name: sms_kaleyra_sender_ids[0].name may hold only letters, digits, '_' and '-'" \
  r_short_code "sms_kaleyra_sender_ids[0].channel_id must be a 5-digit short code" \
  r_gw_channel "sms_custom_gateway_channels[0].channel_id must be a short code, long code or E.164 number" \
  r_gw_url "sms_custom_gateway_channels[0].webhook_url must be an http:// or https:// URL" \
  r_gw_header_space "sms_custom_gateway_headers: option names may not be empty or hold spaces, got 'header:x tenant'" \
  r_gw_header_name "sms_custom_gateway_headers: 'header:x(tenant)' must be 'header:' followed by an HTTP header name" \
  r_gc_number "sms_genesys_cloud_numbers[0].number must be a North American toll-free number"
[ "$(simctl requests)" = 0 ] || { simctl journal; echo "bad input sent a request" >&2; exit 1; }
# Wrong credentials, and a number order over the limit (it reads what the organization has first): reads only.
# The GWS Auth login of the Portico cluster key is refused before the key, the first write of the tenant.
expect_refused refused_remote \
  r_gc_max_new "but sms_genesys_cloud_max_new_numbers is 1; nothing was ordered" \
  r_gax_password "gax_username and gax_password of tenant r_gax_password were refused by Platform Administration (401): POST /gax/api/session/login failed: HTTP 401" \
  r_gc_secret "sms_genesys_cloud_client_id and sms_genesys_cloud_client_secret of tenant r_gc_secret were refused by Genesys Cloud (401): POST /oauth/token failed: HTTP 401" \
  r_nexus_kaleyra "nexus_api_key of tenant r_nexus_kaleyra was refused by Digital Channels (401): GET /nexus/v3/provisioning/services/" \
  r_nexus_gateway "failed: HTTP 401: invalid API key" \
  r_nexus_portico "failed: HTTP 401: invalid API key" \
  r_gauth "POST /auth/v3/oauth/token failed: HTTP 401: Bad credentials (GWS Auth Services at"

# --- 2. a wrong stored secret: the audit says it cannot be verified, sms_update_secrets=always repairs it -
simctl reset
"${site[@]}" --limit t_portico >"$out" 2>&1 || { cat "$out"; exit 1; }
python - "$SIM_URL" <<'PY'
import json, sys, urllib.request
ccid = "3d7a2e4c-8f31-4ea0-9c9d-5b4f3a2e1d0c"
request = urllib.request.Request(
    sys.argv[1] + "/nexus/v3/provisioning/services/%s/PurecloudIDP" % ccid, method="POST",
    data=json.dumps({"url": sys.argv[1], "data": {}, "secret": {"clientId": "4da40a9d-b113-4024-8ba9-c9dd89c91f67",
                                                                  "clientSecret": "a-wrong-secret-stored-by-hand"}}).encode(),
    headers={"Content-Type": "application/json", "x-api-key": "sim-nexus-api-key-7f3c9a", "x-ccid": ccid})
urllib.request.urlopen(request, timeout=10).read()
PY
simctl clear
"${site[@]}" --limit t_portico >"$out" 2>&1 || { cat "$out"; exit 1; }
assert_recap_unchanged "$out"
[ "$(simctl writes)" = 0 ]
ANSIBLE_CALLBACKS_ENABLED=cxops.digital_channels.drift_report CXOPS_DRIFT_REPORT_DIR="$SIM_DIR/report" \
  ansible-playbook -i inventory.yml "$COLLECTION_ROOT/playbooks/audit.yml" --limit t_portico >"$out" 2>&1 || { cat "$out"; exit 1; }
python - "$SIM_DIR/report/audit/latest/drift.json" <<'PY'
import json, sys
host = json.load(open(sys.argv[1]))["hosts"]["t_portico"]
assert host["drift"] is False, host
tasks = [u["task"] for u in host["unverified"]]
assert any("PurecloudIDP" in t or "Genesys Cloud organization" in t for t in tasks), tasks
assert any("toll-free" in t for t in tasks), tasks
PY
grep -q "Write-only secrets not compared" "$SIM_DIR/report/audit/latest/drift.md"
"${site[@]}" --limit t_portico -e sms_update_secrets=always >"$out" 2>&1 || { cat "$out"; exit 1; }
python - "$SIM_URL" <<'PY'
import json, sys, urllib.request
state = json.load(urllib.request.urlopen(sys.argv[1] + "/_sim/state", timeout=10))
secret = state["nexus"]["services"]["3d7a2e4c-8f31-4ea0-9c9d-5b4f3a2e1d0c"]["PurecloudIDP"]["secret"]
assert secret["clientSecret"] == "sim-gc-client-secret-aKSXEgLO57", "the wrong secret was not repaired"
PY
echo "a wrong stored secret: unverified in the audit, repaired by sms_update_secrets=always"

# --- 3. check mode of a brand-new Genesys Cloud tenant matches the real run ----------------------------
simctl reset
"${site[@]}" --limit t_new_portico --check >"$SIM_DIR/check.log" 2>&1 || { cat "$SIM_DIR/check.log"; exit 1; }
[ "$(simctl writes)" = 0 ]
if simctl journal | grep -q "created by this run"; then echo "a placeholder was sent" >&2; exit 1; fi
"${site[@]}" --limit t_new_portico >"$SIM_DIR/real.log" 2>&1 || { cat "$SIM_DIR/real.log"; exit 1; }
python - "$SIM_DIR/check.log" "$SIM_DIR/real.log" <<'PY'
import re, sys

def changed(path):
    tasks, task = [], None
    for line in open(path):
        match = re.match(r"TASK \[(.*)\] \*+", line)
        if match:
            task = match.group(1)
        elif line.startswith("changed: [t_new_portico]"):
            tasks.append(task)
    return tasks

check, real = changed(sys.argv[1]), changed(sys.argv[2])
assert check == real, "check mode said %s, the real run changed %s" % (check, real)
assert any("OAuth client" in t for t in real) and any("toll-free" in t for t in real), real
print("check mode and the real run change the same %d tasks" % len(real))
PY

# --- 4. tenants apart --------------------------------------------------------------------------------
simctl reset
"${site[@]}" --limit t_a,t_b --forks 2 >"$out" 2>&1 || { cat "$out"; exit 1; }
sections() {  # sections ENV: the section names of that environment's NexusServices, sorted
  python - "$SIM_URL" "$1" <<'PY'
import json, sys, urllib.request
state = json.load(urllib.request.urlopen(sys.argv[1] + "/_sim/state", timeout=10))
props = state["gax"]["environments"][sys.argv[2]]["objects"]["312"]["userproperties"]["property"]
print(" ".join(sorted({p["section"] for p in props})))
PY
}
[ "$(sections t_a)" = "Async chat.SMS_A_1 chat.SMS_A_2" ]
[ "$(sections t_b)" = "Async chat.SMS_B_1" ]
[ "$(sections default)" = "" ]
python - "$SIM_URL" <<'PY'
import json, sys, urllib.request
journal = json.load(urllib.request.urlopen(sys.argv[1] + "/_sim/journal", timeout=10))["entries"]
for entry in journal:
    if entry["method"] == "PUT":
        env = entry["path"].split("/")[2]
        sections = {p["section"] for p in entry["body"]["userproperties"]["property"]}
        other = "t_b" if env == "t_a" else "t_a"
        assert not any(s.startswith("chat.SMS_%s" % other[-1].upper()) for s in sections), (env, sections)
PY
simctl clear
"${site[@]}" --limit t_a -e '{"sender_ids_exclusive": true, "sms_custom_gateway_sender_ids": [{"name": "SMS_A_1", "channel_id": "16504660001", "endpoint": "SMS_A"}]}' \
  >"$out" 2>&1 || { cat "$out"; exit 1; }
[ "$(sections t_a)" = "Async chat.SMS_A_1" ]
[ "$(sections t_b)" = "Async chat.SMS_B_1" ]
if simctl journal | grep -q '"/tenants/t_b/'; then echo "the run for t_a reached t_b's Platform Administration" >&2; exit 1; fi
echo "tenants apart: parallel runs and an exclusive run kept to their own NexusServices"

# --- the README's vault commands work as written from playbooks/ (two vault ids configured there);
# with a password file instead of the prompt, and --skip-tty-check because a test has no terminal ------
printf 'prod-vault-pass-1\n' >"$SIM_DIR/prod.pass"
(
  cd "$COLLECTION_ROOT/playbooks"
  EDITOR="sh -c 'echo vault_example: 1 > \"\$1\"' -" \
    ansible-vault create --skip-tty-check --vault-id "prod@$SIM_DIR/prod.pass" --encrypt-vault-id prod "$SIM_DIR/vault.yml"
  head -1 "$SIM_DIR/vault.yml" | grep -q ';prod$'
  ansible-vault view --vault-id "prod@$SIM_DIR/prod.pass" "$SIM_DIR/vault.yml" | grep -q 'vault_example: 1'
)
echo "the README's vault commands work from playbooks/"

# --- 5. the Portico cluster API key, one per Digital Channels cluster (issue 20) --------------------------
# Two Genesys Cloud tenants of one cluster, no key value in the inventory: one key is created (one POST), and
# both tenants' numbers are registered with its value. A later run, with the key there and its value nowhere,
# stops before anything is written to Digital Channels or Genesys Cloud and says what to do.
simctl reset
cluster_site=(ansible-playbook -i cluster_key.yml "$COLLECTION_ROOT/playbooks/site.yml")
"${cluster_site[@]}" >"$out" 2>&1 || { cat "$out"; exit 1; }
python - "$SIM_URL" <<'PY'
import json, sys, urllib.request
base = sys.argv[1] + "/_sim"
state = json.load(urllib.request.urlopen(base + "/state", timeout=10))
journal = json.load(urllib.request.urlopen(base + "/journal", timeout=10))["entries"]
portico = [k for k in state["nexus"]["api_keys"].values() if k["name"] == "Portico Cluster API Key"]
assert len(portico) == 1, portico
posts = [e for e in journal if e["method"] == "POST" and e["path"] == "/nexus/v3/apikeys"]
assert len(posts) == 1 and "id" not in posts[0]["body"]["data"], posts
orders = [e for e in journal if e["method"] == "POST" and e["path"].endswith("/tollfreenumbers")]
passwords = {item["webhookPassword"] for order in orders for item in order["body"]}
assert len(orders) == 2 and passwords == {portico[0]["id"]}, (len(orders), len(passwords))
print("one cluster key created, both tenants registered their numbers with its value")
PY
simctl clear
rc=0
"${cluster_site[@]}" >"$out" 2>&1 || rc=$?
[ "$rc" != 0 ] || { cat "$out"; echo "expected the rerun without the key's value to stop" >&2; exit 1; }
grep -q "API key 'Portico Cluster API Key' exists on Digital Channels .* but its value is not in the inventory" "$out" \
  || { cat "$out"; exit 1; }
[ "$(simctl writes)" = 0 ] || { simctl journal; echo "the run wrote before stopping" >&2; exit 1; }
grep -qF -- "$(python "$SETUP_DIR/simctl.py" "$SIM_URL" state | python -c 'import json,sys; print([k["id"] for k in json.load(sys.stdin)["nexus"]["api_keys"].values() if k["name"] == "Portico Cluster API Key"][0])')" "$out" \
  && { echo "the cluster key's value appears in the output" >&2; exit 1; }
echo "the cluster key without its value: stopped before any write, naming the variable"

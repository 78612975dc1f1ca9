#!/usr/bin/env bash
# playbooks/disable.yml (issue 22): --check lists exactly what goes and writes nothing; the real run removes exactly
# that (the journal's DELETEs and sender ID sections) and nothing of other tenants, other sections, the Genesys Cloud
# numbers or the Portico cluster key; a rerun writes nothing. Under NX-DELETE's alternative (Digital Channels
# refuses DELETE) the first removal fails naming the assumption and nothing is removed.
set -euo pipefail
source ../setup_simulator/sim.sh
export GENESYSCLOUD_LOGIN_URL="$SIM_URL" GENESYSCLOUD_API_URL="$SIM_URL"
args=(-i "$COLLECTION_ROOT/playbooks/inventory/demo" --vault-id "demo@$COLLECTION_ROOT/playbooks/demo-vault-password.txt")
disable=(ansible-playbook "${args[@]}" "$COLLECTION_ROOT/playbooks/disable.yml" --limit acme_kaleyra,initech_genesys_cloud)
state() { simctl state >"$SIM_DIR/$1.json"; }

ansible-playbook "${args[@]}" "$COLLECTION_ROOT/playbooks/site.yml" >"$SIM_DIR/site.log" 2>&1 || { cat "$SIM_DIR/site.log"; exit 1; }
# A section of acme's NexusServices that its inventory does not name (another team's sender ID).
python - "$SIM_URL" <<'PY'
import json, sys, urllib.request
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
def call(method, path, body=None):
    request = urllib.request.Request(sys.argv[1] + "/tenants/acme_kaleyra" + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    return json.loads(opener.open(request, timeout=10).read() or b"null")
call("POST", "/gax/api/session/login", {"username": "sim-gax-admin", "password": "sim-gax-pass-3e71c9", "isPasswordEncrypted": False})
obj, = call("GET", "/gax/api/cfg/objects?brief=false&type=CfgTransaction&name=NexusServices")
obj["userproperties"]["property"].append({"section": "chat.Other_Team", "key": "channelId", "value": "55599"})
call("PUT", "/gax/api/cfg/objects/CfgTransaction/%s" % obj["dbid"], obj)
PY
state before

echo "== --check: the plan"
simctl clear
"${disable[@]}" --check >"$SIM_DIR/check.log" 2>&1 || { cat "$SIM_DIR/check.log"; exit 1; }
[ "$(simctl writes)" = 0 ]
grep -q '"acme_kaleyra: remove services SMS, mGageSMS; sender IDs chat.SMS_Main_Corporate, chat.SMS_Campaigns"' "$SIM_DIR/check.log"
grep -q '"initech_genesys_cloud: remove services SMS, PurecloudIDP, PorticoSMS; sender IDs chat.SMS_Initech_Main"' "$SIM_DIR/check.log"
grep -q "toll-free numbers kept: +18445550100. They cost money until released" "$SIM_DIR/check.log"

echo "== the real run removes exactly that"
simctl clear
"${disable[@]}" >"$SIM_DIR/disable.log" 2>&1 || { cat "$SIM_DIR/disable.log"; exit 1; }
simctl journal >"$SIM_DIR/journal.json"
state after
python - "$SIM_DIR/journal.json" "$SIM_DIR/before.json" "$SIM_DIR/after.json" <<'PY'
import json, sys
journal, before, after = (json.load(open(p)) for p in sys.argv[1:4])
acme, initech, globex = ("45acae06-6b7c-4f97-9c76-471cb5c21bf7", "c2a8f5e4-91d7-4b3e-a6f0-2d8e7c1b9a54",
                         "7d4e2f10-3b9a-4c61-8e2d-5f0a9b7c3e21")
deletes = sorted(e["path"] for e in journal if e["method"] == "DELETE")
assert deletes == sorted("/nexus/v3/provisioning/services/%s/%s" % pair for pair in [
    (acme, "SMS"), (acme, "mGageSMS"), (initech, "SMS"), (initech, "PurecloudIDP"), (initech, "PorticoSMS")]), deletes
writes = [e for e in journal if e["write"] and e["method"] != "DELETE"]
assert sorted(e["path"].split("/gax/")[0] for e in writes) == ["/tenants/acme_kaleyra", "/tenants/initech_genesys_cloud"], writes
services = after["nexus"]["services"]
assert acme not in services or not services[acme] and not services.get(initech), services
assert services[globex] == before["nexus"]["services"][globex]
assert after["nexus"]["api_keys"] == before["nexus"]["api_keys"]          # the Portico cluster key stays
assert after["gc"]["owned"] == before["gc"]["owned"]                      # numbers are never released
def sections(state, env):
    obj, = [o for o in state["gax"]["environments"][env]["objects"].values() if o.get("name") == "NexusServices"]
    return sorted({p["section"] for p in obj["userproperties"]["property"]})
for env in ("acme_kaleyra", "initech_genesys_cloud", "globex_custom_gateway"):
    kept = [k for k in sections(before, env) if k not in ("chat.SMS_Main_Corporate", "chat.SMS_Campaigns", "chat.SMS_Initech_Main")]
    assert sections(after, env) == kept, (env, sections(after, env), kept)
assert "chat.Other_Team" in sections(after, "acme_kaleyra")
PY

echo "== a rerun writes nothing"
simctl clear
"${disable[@]}" >"$SIM_DIR/again.log" 2>&1 || { cat "$SIM_DIR/again.log"; exit 1; }
[ "$(simctl writes)" = 0 ]
grep -q '"acme_kaleyra: remove services none; sender IDs none"' "$SIM_DIR/again.log"

echo "== NX-DELETE refused: nothing removed, the assumption named"
simctl reset
ansible-playbook "${args[@]}" "$COLLECTION_ROOT/playbooks/site.yml" --limit acme_kaleyra >/dev/null 2>&1
simctl config '{"nexus": {"delete_service": "405"}}'
state refused_before
simctl clear
rc=0
ansible-playbook "${args[@]}" "$COLLECTION_ROOT/playbooks/disable.yml" --limit acme_kaleyra >"$SIM_DIR/refused.log" 2>&1 || rc=$?
[ "$rc" = 2 ] || { cat "$SIM_DIR/refused.log"; exit 1; }
grep -q "NX-DELETE" "$SIM_DIR/refused.log"
state refused_after
python - "$SIM_DIR/refused_before.json" "$SIM_DIR/refused_after.json" "$SIM_DIR/journal.json" <<'PY'
import json, sys
before, after = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert after["nexus"]["services"] == before["nexus"]["services"]
# (A login adds a session; the configuration objects are what must not change.)
assert {e: v["objects"] for e, v in after["gax"]["environments"].items()} == \
    {e: v["objects"] for e, v in before["gax"]["environments"].items()}
PY
# One DELETE was tried (the first, SMS) and refused; nothing else was sent after it.
[ "$(simctl journal | python -c 'import json, sys; print([e["method"] for e in json.load(sys.stdin) if e["write"]])')" = "['DELETE']" ]

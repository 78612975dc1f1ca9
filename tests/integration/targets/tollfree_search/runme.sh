#!/usr/bin/env bash
# Finding a toll-free number (issue 22): a number past the first 100 the API offers is found with its vanity
# search and ordered once; a pattern (area code, vanity digits) orders the first match once and a rerun finds it;
# --check passes or fails exactly as the real run does, before any task shows a change.
set -euo pipefail
source ../setup_simulator/sim.sh
site=(ansible-playbook -i inventory.yml "$COLLECTION_ROOT/playbooks/site.yml")
orders() { simctl journal | python -c '
import json, sys
print(sum(1 for e in json.load(sys.stdin) if e["method"] == "POST" and e["path"].endswith("/tollfreenumbers")))'; }

for tenant in t_far t_pattern; do
  simctl clear
  "${site[@]}" --limit "$tenant" --check >"$SIM_DIR/$tenant.check.log" 2>&1 || { cat "$SIM_DIR/$tenant.check.log"; exit 1; }
  [ "$(simctl writes)" = 0 ]
  grep -q "changed: \[$tenant\]" "$SIM_DIR/$tenant.check.log"
  simctl clear
  "${site[@]}" --limit "$tenant" >"$SIM_DIR/$tenant.log" 2>&1 || { cat "$SIM_DIR/$tenant.log"; exit 1; }
  [ "$(orders)" = 1 ]
  simctl clear
  "${site[@]}" --limit "$tenant" >"$SIM_DIR/$tenant.again.log" 2>&1 || { cat "$SIM_DIR/$tenant.again.log"; exit 1; }
  assert_recap_unchanged "$SIM_DIR/$tenant.again.log"
  [ "$(simctl writes)" = 0 ]
done
python - "$SIM_URL" <<'PY'
import json, sys, urllib.request
owned = json.load(urllib.request.urlopen(sys.argv[1] + "/_sim/state", timeout=10))["gc"]["owned"]
by_tenant = {entry["webhookUsername"]: number for number, entry in owned.items()}
assert by_tenant["7b0e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b"].endswith("8885550142"), by_tenant
assert by_tenant["8c1f5a7b-2d3e-4f40-9bac-1d2e3f4a5b6c"].endswith("8885550150"), by_tenant
PY

# A number nobody offers: --check fails as the real run does, naming it, before any task shows a change.
for mode in --check ""; do
  simctl clear
  rc=0
  "${site[@]}" --limit t_gone $mode >"$SIM_DIR/gone.log" 2>&1 || rc=$?
  [ "$rc" = 2 ] || { cat "$SIM_DIR/gone.log"; exit 1; }
  grep -q "+18005550199 cannot be ordered" "$SIM_DIR/gone.log"
  ! grep -q "changed: \[t_gone\]" "$SIM_DIR/gone.log"
  [ "$(simctl writes)" = 0 ]
done

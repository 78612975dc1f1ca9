#!/usr/bin/env bash
# The simulator for a newcomer (issue 22): one command, from the installed collection and from the repository,
# that takes the credentials of the user's own inventory from flags or the environment and prints what it serves;
# the inventory then converges unchanged (site.yml from the installed collection), and a rerun writes nothing.
# The repository's own targets start it with python -m simulator, which never reads credentials from the environment.
set -euo pipefail
source ../setup_simulator/sim.sh
installed="$(installed_collection)"
run_py="$installed/ansible_collections/cxops/digital_channels/tests/simulator/run.py"
[ -f "$run_py" ]
newcomer=(env -u NEXUS_URL -u GAX_URL NEXUS_API_KEY=newcomer-own-nexus-key-5521 GAX_USERNAME=newcomer-admin
          GAX_PASSWORD=newcomer-gax-pass-8830)

# From the installed collection: the key and the login from the environment.
"${newcomer[@]}" python3 "$run_py" --url-file "$SIM_DIR/newcomer.url" >"$SIM_DIR/newcomer.out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; sim_stop' EXIT
for _ in $(seq 1 100); do [ -s "$SIM_DIR/newcomer.url" ] && break; sleep 0.1; done
url="$(cat "$SIM_DIR/newcomer.url")"
sleep 0.5
grep -q "^Simulator listening at $url" "$SIM_DIR/newcomer.out"
grep -q "export NEXUS_URL=$url GAX_URL=$url GAUTH_URL=$url" "$SIM_DIR/newcomer.out"
grep -q "^    newcomer-own-nexus-key-5521$" "$SIM_DIR/newcomer.out"
grep -q "^    newcomer-admin / newcomer-gax-pass-8830$" "$SIM_DIR/newcomer.out"
grep -q "^    sim-nexus-api-key-7f3c9a$" "$SIM_DIR/newcomer.out"

site() { NEXUS_URL="$url" GAX_URL="$url" ANSIBLE_COLLECTIONS_PATH="$installed" \
           ansible-playbook -i inventory.yml cxops.digital_channels.site "$@"; }
site >"$SIM_DIR/site.log" 2>&1 || { cat "$SIM_DIR/site.log"; exit 1; }
grep -qE '^newcomer +: ok=.* changed=[1-9]' "$SIM_DIR/site.log"
python "$SETUP_DIR/simctl.py" "$url" clear
site >"$SIM_DIR/again.log" 2>&1 || { cat "$SIM_DIR/again.log"; exit 1; }
assert_recap_unchanged "$SIM_DIR/again.log"
[ "$(python "$SETUP_DIR/simctl.py" "$url" writes)" = 0 ]
kill $pid; wait $pid 2>/dev/null || true

# From the repository, the credentials as flags; --quiet prints the URL only.
python3 "$COLLECTION_ROOT/tests/simulator/run.py" --quiet --no-env --nexus-api-key flag-given-key-0042abcd \
  --url-file "$SIM_DIR/repo.url" >"$SIM_DIR/repo.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do [ -s "$SIM_DIR/repo.url" ] && break; sleep 0.1; done
url="$(cat "$SIM_DIR/repo.url")"
sleep 0.5
[ "$(cat "$SIM_DIR/repo.out")" = "$url" ]
status() { python - "$url" "$1" <<'PY'
import sys, urllib.error, urllib.request
request = urllib.request.Request(sys.argv[1] + "/nexus/v3/provisioning/services/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b/SMS",
                                 headers={"x-api-key": sys.argv[2], "x-ccid": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"})
try:
    print(urllib.request.urlopen(request, timeout=10).status)
except urllib.error.HTTPError as exc:
    print(exc.code)
PY
}
[ "$(status flag-given-key-0042abcd)" = 404 ]   # accepted: the tenant has no SMS service yet
[ "$(status newcomer-own-nexus-key-5521)" = 401 ]   # --no-env: the environment's key is not served
kill $pid; wait $pid 2>/dev/null || true

# The targets' python -m simulator ignores credentials in its environment.
[ "$(NEXUS_API_KEY=newcomer-own-nexus-key-5521 python -c 'print(1)')" = 1 ]
NEXUS_API_KEY=env-only-key-99887766 PYTHONPATH="$COLLECTION_ROOT/tests" python -m simulator --url-file "$SIM_DIR/m.url" \
  >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do [ -s "$SIM_DIR/m.url" ] && break; sleep 0.1; done
url="$(cat "$SIM_DIR/m.url")"
[ "$(status env-only-key-99887766)" = 401 ]
kill $pid; wait $pid 2>/dev/null || true

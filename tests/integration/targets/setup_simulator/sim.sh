# shellcheck shell=bash
# Sourced by a target's runme.sh: starts a fresh simulator for this target, exports SIM_URL,
# NEXUS_URL and GAX_URL, and stops it when the script exits. simctl wraps the simulator's control API.

COLLECTION_ROOT="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/cxops/digital_channels"
SETUP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SIM_DIR="$(mktemp -d "${OUTPUT_DIR:-/tmp}/sim.XXXXXX")"
export COLLECTION_ROOT SETUP_DIR SIM_DIR

# SIM_TLS_CERT and SIM_TLS_KEY (PEM files): serve HTTPS; simctl then verifies it with SIM_CA_FILE.
PYTHONPATH="$COLLECTION_ROOT/tests" python -m simulator --url-file "$SIM_DIR/url" \
  ${SIM_TLS_CERT:+--tls-cert "$SIM_TLS_CERT" --tls-key "$SIM_TLS_KEY"} >"$SIM_DIR/log" 2>&1 &
SIM_PID=$!

sim_stop() {
  kill "$SIM_PID" 2>/dev/null || true
  wait "$SIM_PID" 2>/dev/null || true
}
trap sim_stop EXIT

for _ in $(seq 1 100); do
  [ -s "$SIM_DIR/url" ] && break
  sleep 0.1
done
if [ ! -s "$SIM_DIR/url" ]; then
  echo "simulator did not start:" >&2
  cat "$SIM_DIR/log" >&2
  exit 1
fi
SIM_URL="$(cat "$SIM_DIR/url")"
export SIM_URL NEXUS_URL="$SIM_URL" GAX_URL="$SIM_URL"
# cxops_tests.simulator.control: the playbooks' calls to the control API, without a module process each.
export ANSIBLE_COLLECTIONS_PATH="$ANSIBLE_COLLECTIONS_PATH:$SETUP_DIR/collections"
# The snapshots site.yml keeps before writing: this target's own, not the user's home directory.
export CXOPS_SNAPSHOT_DIR="$SIM_DIR/snapshots"

# The collection built and installed (with its MANIFEST.json, as ansible-galaxy installs it) under $SIM_DIR;
# prints the collections path to use.
installed_collection() {
  if [ ! -d "$SIM_DIR/installed/ansible_collections/cxops/digital_channels" ]; then
    ansible-galaxy collection build "$COLLECTION_ROOT" --output-path "$SIM_DIR/dist" >/dev/null
    ansible-galaxy collection install --offline --force -p "$SIM_DIR/installed" "$SIM_DIR"/dist/cxops-digital_channels-*.tar.gz >/dev/null
  fi
  echo "$SIM_DIR/installed"
}

# operator_env COMMAND...: COMMAND as an operator (or AWX) runs it, with its ansible.cfg and no inventory forced:
# without the settings ansible-test gives every target (ANSIBLE_CONFIG, ANSIBLE_INVENTORY=/dev/null, ...).
operator_env() {
  env -u ANSIBLE_CONFIG -u ANSIBLE_INVENTORY -u ANSIBLE_LIBRARY -u ANSIBLE_HOST_PATTERN_MISMATCH \
    -u ANSIBLE_CALLBACKS_ENABLED -u ANSIBLE_PYTHON_INTERPRETER "$@"
}

simctl() {
  python "$SETUP_DIR/simctl.py" "$SIM_URL" "$@"
}

# Wait until the simulator holds an answer back (a "hold" fault), so another play can run meanwhile.
wait_held() {
  for _ in $(seq 1 600); do
    [ "$(simctl held)" -ge "${1:-1}" ] && return 0
    sleep 0.1
  done
  echo "no request was held within 60 s" >&2
  return 1
}

# interleave PLAY_A PLAY_B [ansible-playbook args]: the answer to A's first read of the GAX transaction
# is held back until B has run to the end, so A reads before B writes and A writes after B.
interleave() {
  local play_a=$1 play_b=$2 pid
  shift 2
  simctl fault '{"method": "GET", "path": "^/gax/api/cfg/objects$", "action": "hold", "delay": 120, "times": 1}'
  ansible-playbook -i "$SETUP_DIR/inventory.ini" "$play_a" "$@" >"$SIM_DIR/play_a.log" 2>&1 &
  pid=$!
  wait_held || { kill "$pid"; cat "$SIM_DIR/play_a.log" >&2; return 1; }
  ansible-playbook -i "$SETUP_DIR/inventory.ini" "$play_b" "$@"
  simctl release
  wait "$pid" || { cat "$SIM_DIR/play_a.log" >&2; return 1; }
  cat "$SIM_DIR/play_a.log"
}

# Fail unless every PLAY RECAP line of the given ansible-playbook output says changed=0.
assert_recap_unchanged() {
  if ! grep -qE '^[^ ].* : ok=' "$1"; then
    echo "no PLAY RECAP in $1" >&2
    return 1
  fi
  if grep -E ' : ok=.* changed=[1-9]' "$1"; then
    echo "expected changed=0 for every host" >&2
    return 1
  fi
}

# both_paths FUNCTION [ansible-playbook args]: run FUNCTION (the target's scenario, which passes its
# arguments to every ansible-playbook it runs) on a fresh simulator twice: in-process (the default
# for connection local) and as module processes (cxops_digital_channels_execution=module). Every
# task result of the collection's modules is recorded, invocation included, and the two runs must
# agree result for result (compare_paths.py). Used by the targets whose module differs from the
# others of its plane in what the paths handle apart: environment fallbacks and the task's
# environment (nexus_service), secrets the server generates and the result returns (nexus_api_key,
# gc_oauth_client, gc_oauth_token), the Platform Administration session, lock and read-back
# (nexus_sender_id). The unit tests run every module on both paths (tests/unit/plugins/action);
# docs/execution.md lists the targets. CXOPS_TEST_PATHS=auto (make check) runs the first path only.
both_paths() {
  local scenario=$1 mode modes=${CXOPS_TEST_PATHS:-auto module}
  shift
  for mode in $modes; do
    simctl reset
    rm -f "$SIM_DIR/results.$mode.jsonl"
    RECORD_RESULTS="$SIM_DIR/results.$mode.jsonl" ANSIBLE_INJECT_INVOCATION=true \
      ANSIBLE_CALLBACK_PLUGINS="$SETUP_DIR/callback_plugins" \
      ANSIBLE_CALLBACKS_ENABLED="${ANSIBLE_CALLBACKS_ENABLED:+$ANSIBLE_CALLBACKS_ENABLED,}record_results" \
      "$scenario" -e "cxops_digital_channels_execution=$mode" "$@"
  done
  if [ "$modes" = "auto module" ]; then
    python "$SETUP_DIR/compare_paths.py" "$SIM_DIR/results.auto.jsonl" "$SIM_DIR/results.module.jsonl"
  fi
}

# default_path FUNCTION [ansible-playbook args]: run FUNCTION once, on a fresh simulator, on the
# default (in-process) path: the targets whose module shares its plane client and every path-relevant
# feature with a both_paths target.
default_path() {
  local scenario=$1
  shift
  simctl reset
  "$scenario" "$@"
}

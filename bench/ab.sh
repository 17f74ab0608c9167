#!/usr/bin/env bash
# One-variable A/B of a node setting on fresh local clusters, in alternating pairs (A B A B ...).
# Each run: fresh cluster started with the run's environment, a warm-up of 16 writers on the
# leader (AB_WARMUP seconds, default 10: the JIT is still busy after it, so use 60 or more when the
# steady state matters), then 15 s of 16 writers and 15 s of 1 writer (wrk, 256-byte values).
# Every load loop is bounded. Needs: wrk (apt).
# Usage: bench/ab.sh PAIRS "A_ENV" "B_ENV"   e.g.  bench/ab.sh 3 "" "CONFMAN_RAFT_SNAPSHOT_INTERVAL=10000"
# To compare two builds instead, give each a checkout with its image built:
#   AB_TREE_A=/path/to/old AB_TREE_B=/path/to/new bench/ab.sh 3 "" ""
# AB_TARGET=follower loads a follower instead of the leader; AB_SECONDS sets the measured seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/confman-cluster.sh
PAIRS=${1:?pairs}; A=${2-}; B=${3-}
D=${AB_SECONDS:-15}
WARMUP=${AB_WARMUP:-10}
TARGET=${AB_TARGET:-leader}

one_run() { # LABEL ENV TREE
  local label=$1 envs=$2 tree=$3 lead port
  cd "$tree"
  (if [[ -n $envs ]]; then export $envs; fi; fresh_confman_cluster)
  lead=$(confman_leader_port)
  port=$lead; [[ $TARGET == follower ]] && port=$((lead == 6100 ? 6200 : 6100))
  timeout $((WARMUP + 30)) wrk -t2 -c16 -d${WARMUP}s -s bench/confman-put.lua "http://127.0.0.1:$lead" >/dev/null
  for c in 16 1; do
    local t=$((c < 2 ? 1 : 2))
    printf '%s c=%-2s %s ' "$label" "$c" "$TARGET"
    timeout $((D + 30)) wrk -t$t -c$c -d${D}s --latency -s bench/confman-put.lua "http://127.0.0.1:$port" \
      | awk '/Requests\/sec/{r=$2} /  50%/{p50=$2} /  99%/{p99=$2} /Non-2xx/{e=$NF} END{printf "rate=%s p50=%s p99=%s non2xx=%s\n", r, p50, p99, e+0}'
  done
  ./confman down >/dev/null
}

HERE=$PWD
for pair in $(seq 1 "$PAIRS"); do
  one_run "A[$A]" "$A" "${AB_TREE_A:-$HERE}"
  one_run "B[$B]" "$B" "${AB_TREE_B:-$HERE}"
done

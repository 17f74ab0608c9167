#!/usr/bin/env bash
# Snapshots under write load, two builds in alternating pairs: each run starts a fresh local
# cluster from its tree, writes unique 1 KB configs with wrk (64 connections on the leader) for
# SECONDS, then prints the write rate and latency and every snapshot the nodes logged (bytes, how
# long the write took, how long apply paused). Bounded by SECONDS per run. Needs: wrk (apt).
# Usage: bench/snapshot-ab.sh PAIRS SECONDS TREE_A TREE_B   (each tree with its image built)
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:?pairs}; SECONDS_PER_RUN=${2:?seconds}; A=${3:?tree A}; B=${4:?tree B}

one_run() { # LABEL TREE
  local label=$1 tree=$2 lead
  (cd "$tree"
   . bench/confman-cluster.sh
   fresh_confman_cluster
   lead=$(confman_leader_port)
   VSIZE=1012 timeout $((SECONDS_PER_RUN + 60)) wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency \
       -s bench/confman-put.lua "http://127.0.0.1:$lead" \
     | awk -v l="$label" '/Requests\/sec/{r=$2} /  50%/{p50=$2} /  99%/{p99=$2} END{printf "%s writes/s=%s p50=%s p99=%s\n", l, r, p50, p99}'
   grep -h "snapshot at index" data/node*.log | sort \
     | sed -E 's/^([0-9-]+ [0-9:.]+).*\[.*\] snapshot at index ([0-9]+) taken \(written in ([0-9]+) ms[^:]*: (.*)$/  \1 index \2 written in \3 ms; \4/' \
     | sed -E "s/^/$label /"
   ./confman down >/dev/null)
}

for pair in $(seq 1 "$PAIRS"); do
  one_run "A" "$A"
  one_run "B" "$B"
done

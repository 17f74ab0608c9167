#!/usr/bin/env bash
# Writes through a follower against writes on the leader, on a fresh local cluster: a 10 s warm-up
# on the leader, then 15 s rounds of 16 writers on a follower, the leader and the follower again.
# Used for A/B checks of the forwarding path (run once per build). Every load loop is bounded.
# Needs: wrk (apt). Usage: bench/write-roles.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/confman-cluster.sh
fresh_confman_cluster
lead=$(confman_leader_port); follower=$((lead == 6100 ? 6200 : 6100))
timeout 40 wrk -t2 -c16 -d10s -s bench/confman-put.lua "http://127.0.0.1:$lead" >/dev/null
for target in "follower $follower" "leader $lead" "follower $follower"; do
  set -- $target
  echo "== 16 connections put (256 B), $1 (port $2)"
  timeout 45 wrk -t2 -c16 -d15s --latency -s bench/confman-put.lua "http://127.0.0.1:$2" \
    | grep -E "Requests/sec|  50%|  99%|Non-2xx" | tr '\n' ' '; echo
done
./confman down >/dev/null

#!/usr/bin/env bash
# Small-value PUT/GET benchmark: Confman's local 3-node cluster beside a 3-member etcd, same
# machine, same load generator (wrk), one system after the other. Both systems are loaded on their
# leader and on a follower (which member leads differs from run to run, and a follower adds a hop
# to every write and every linearizable read), then with back-to-back rounds of writes on the
# leader to show warm-up. Every load loop is bounded.
# Needs: etcd-server etcd-client wrk (apt). Usage: bench/small-ops.sh [SECONDS [ROUNDS]]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/confman-cluster.sh
D=${1:-15}
ROUNDS=${2:-6}
ETCD=/work/shared/bench/etcd
[[ -d $ETCD ]] || ETCD=../shared/bench/etcd
OUT=bench/results; mkdir -p "$OUT"
RESULTS="$PWD/$OUT/small-ops.txt"
log() { echo "== $*" | tee -a "$RESULTS"; }
: > "$RESULTS"
log "machine: $(nproc) cores, $(uname -r), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"

# load SCRIPT URL [ENV=VALUE...]: one bounded wrk run with 16 connections, summary lines only.
load() {
  local script=$1 url=$2; shift 2
  env "$@" timeout $((D + 30)) wrk -t2 -c16 -d${D}s --latency -s "$script" "$url" \
    | grep -E "Requests/sec|  50%|  99%|Non-2xx" | tee -a "$RESULTS"
}

run_etcd() {
  (cd "$ETCD" && ./start.sh) ; sleep 4
  ETCDCTL_API=3 etcdctl --endpoints=127.0.0.1:23791 put 00000001 x >/dev/null
  local lead; lead=$(etcd_leader_port); local follower=$((lead == 23791 ? 23792 : 23791))
  local L=http://127.0.0.1:$lead F=http://127.0.0.1:$follower
  # Warm-up, not recorded (the same for both systems; the JVM needs it more than Go does).
  (cd "$ETCD" && timeout 40 wrk -t2 -c16 -d10s -s put.lua "$L" >/dev/null)
  log "etcd leader: port $lead; follower used: port $follower"
  log "etcd sequential put (256 B), leader"; python3 "$ETCD/lat.py" "$lead" 2000 256 $D | tee -a "$RESULTS"
  log "etcd 16 connections put (256 B), leader"; (cd "$ETCD" && load put.lua "$L")
  log "etcd 16 connections put (256 B), follower"; (cd "$ETCD" && load put.lua "$F")
  log "etcd 16 connections linearizable get, leader"; (cd "$ETCD" && load range.lua "$L" SERIALIZABLE=0)
  log "etcd 16 connections linearizable get, follower"; (cd "$ETCD" && load range.lua "$F" SERIALIZABLE=0)
  log "etcd 16 connections serializable get, follower"; (cd "$ETCD" && load range.lua "$F" SERIALIZABLE=1)
  log "etcd sequential put (256 B) again, leader, after the loads above"; python3 "$ETCD/lat.py" "$lead" 2000 256 $D | tee -a "$RESULTS"
  for round in $(seq 1 "$ROUNDS"); do
    log "etcd 16 connections put (256 B), leader, sustained round $round of $ROUNDS"; (cd "$ETCD" && load put.lua "$L")
  done
  (cd "$ETCD" && ./stop.sh)
  rm -rf /tmp/etcdbench
}

run_confman() {
  fresh_confman_cluster
  local lead; lead=$(confman_leader_port); local follower=$((lead == 6100 ? 6200 : 6100))
  local L=http://127.0.0.1:$lead F=http://127.0.0.1:$follower
  # Warm-up, not recorded (the same for both systems; the JVM needs it more than Go does).
  timeout 40 wrk -t2 -c16 -d10s -s bench/confman-put.lua "$L" >/dev/null
  log "confman leader: port $lead; follower used: port $follower"
  log "confman sequential put (256 B), leader"; python3 bench/confman-lat.py "$lead" 2000 256 $D | tee -a "$RESULTS"
  log "confman 16 connections put (256 B), leader"; load bench/confman-put.lua "$L"
  log "confman 16 connections put (256 B), follower"; load bench/confman-put.lua "$F"
  log "confman 16 connections linearizable get, leader"; load bench/confman-get.lua "$L"
  log "confman 16 connections linearizable get, follower"; load bench/confman-get.lua "$F"
  log "confman 16 connections stale get, follower"; load bench/confman-get.lua "$F" STALE=1
  log "confman sequential put (256 B) again, leader, after the loads above"; python3 bench/confman-lat.py "$lead" 2000 256 $D | tee -a "$RESULTS"
  # Back-to-back rounds of the same 16-writer load: how far the JIT still has to go after the
  # first minute, and where a warm node settles.
  for round in $(seq 1 "$ROUNDS"); do
    log "confman 16 connections put (256 B), leader, sustained round $round of $ROUNDS"; load bench/confman-put.lua "$L"
  done
  ./confman down >/dev/null
}

run_etcd
run_confman
echo "results in $RESULTS"

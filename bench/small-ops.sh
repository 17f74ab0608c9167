#!/usr/bin/env bash
# Small-value PUT/GET benchmark: Confman's local 3-node cluster beside a 3-member etcd, same
# machine, same load generator (wrk), alternating the two systems. Every load loop is bounded.
# Needs: etcd-server etcd-client wrk (apt). Usage: bench/small-ops.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
D=${1:-15}
ETCD=/work/shared/bench/etcd
[[ -d $ETCD ]] || ETCD=../shared/bench/etcd
OUT=bench/results; mkdir -p "$OUT"
log() { echo "== $*" | tee -a "$OUT/small-ops.txt"; }
: > "$OUT/small-ops.txt"
log "machine: $(nproc) cores, $(uname -r), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"

run_etcd() {
  (cd "$ETCD" && ./start.sh) ; sleep 4
  ETCDCTL_API=3 etcdctl --endpoints=127.0.0.1:23791 put 00000001 x >/dev/null
  # Warm-up, not recorded (the same for both systems; the JVM needs it more than Go does).
  (cd "$ETCD" && timeout 40 wrk -t2 -c16 -d10s -s put.lua http://127.0.0.1:23791 >/dev/null)
  log "etcd sequential put (256 B)"; python3 "$ETCD/lat.py" 23791 2000 256 $D | tee -a "$OUT/small-ops.txt"
  log "etcd 16 connections put (256 B)"
  (cd "$ETCD" && timeout $((D + 30)) wrk -t2 -c16 -d${D}s --latency -s put.lua http://127.0.0.1:23791) | grep -E "Requests/sec|  50%|  99%" | tee -a "$OUT/small-ops.txt"
  log "etcd 16 connections linearizable get"
  (cd "$ETCD" && SERIALIZABLE=0 timeout $((D + 30)) wrk -t2 -c16 -d${D}s --latency -s range.lua http://127.0.0.1:23791) | grep -E "Requests/sec|  50%|  99%" | tee -a "$OUT/small-ops.txt"
  log "etcd sequential put (256 B) again, after the loads above"; python3 "$ETCD/lat.py" 23791 2000 256 $D | tee -a "$OUT/small-ops.txt"
  (cd "$ETCD" && ./stop.sh)
  rm -rf /tmp/etcdbench
}

leader() { ./confman status | grep -o '^node.*"role":"leader"' | cut -d' ' -f1; }

run_confman() {
  ./confman down >/dev/null 2>&1 || true
  rm -rf data
  ./confman prepare >/dev/null
  ./confman up --detach >/dev/null
  curl -s -o /dev/null -X PUT -H 'X-Api-Key: confman_dev_abc123' -H 'Content-Type: application/json' \
       -d '{"value":"x"}' http://127.0.0.1:6100/api/v1/namespaces/bench/config/seed
  # Warm-up, not recorded (the same for both systems; the JVM needs it more than Go does).
  timeout 40 wrk -t2 -c16 -d10s -s bench/confman-put.lua http://127.0.0.1:6100 >/dev/null
  log "confman sequential put (256 B), to node1 (port 6100; leader: $(leader))"
  python3 bench/confman-lat.py 6100 2000 256 $D | tee -a "$OUT/small-ops.txt"
  log "confman 16 connections put (256 B)"
  timeout $((D + 30)) wrk -t2 -c16 -d${D}s --latency -s bench/confman-put.lua http://127.0.0.1:6100 | grep -E "Requests/sec|  50%|  99%|Non-2xx" | tee -a "$OUT/small-ops.txt"
  log "confman 16 connections linearizable get"
  timeout $((D + 30)) wrk -t2 -c16 -d${D}s --latency -s bench/confman-get.lua http://127.0.0.1:6100 | grep -E "Requests/sec|  50%|  99%|Non-2xx" | tee -a "$OUT/small-ops.txt"
  log "confman 16 connections stale get"
  STALE=1 timeout $((D + 30)) wrk -t2 -c16 -d${D}s --latency -s bench/confman-get.lua http://127.0.0.1:6100 | grep -E "Requests/sec|  50%|  99%|Non-2xx" | tee -a "$OUT/small-ops.txt"
  # The same sequential writes once the JIT has seen the loads above: to node1, then to the leader.
  log "confman sequential put (256 B) again, after the loads above, to node1"
  python3 bench/confman-lat.py 6100 2000 256 $D | tee -a "$OUT/small-ops.txt"
  local lead; lead=$(leader); local port=$((6000 + ${lead#node} * 100))
  log "confman sequential put (256 B) again, to the leader ($lead, port $port)"
  python3 bench/confman-lat.py "$port" 2000 256 $D | tee -a "$OUT/small-ops.txt"
  ./confman down >/dev/null
}

run_etcd
run_confman
echo "results in $OUT/small-ops.txt"

#!/usr/bin/env bash
# Large-value benchmark: Confman's raw value path beside etcd on the same machine.
#  - 1 MiB PUT latency (sequential), 100 MiB PUT throughput with the node's peak heap,
#  - small-PUT latency while 10 MiB values are being written,
#  - etcd: 1 MiB put, 2 MiB put (refused), small-put latency while 1 MiB values are written.
# Every loop is bounded in count and time. Needs: etcd-server etcd-client wrk curl (apt).
# Usage: bench/blob-ops.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
D=${1:-15}
ETCD=/work/shared/bench/etcd
[[ -d $ETCD ]] || ETCD=../shared/bench/etcd
OUT=bench/results; mkdir -p "$OUT"; R="$OUT/blob-ops.txt"; : > "$R"
W=$(mktemp -d)
log() { echo "== $*" | tee -a "$R"; }
log "machine: $(nproc) cores, $(uname -r), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
head -c $((1024 * 1024)) /dev/urandom > "$W/1m"
head -c $((10 * 1024 * 1024)) /dev/urandom > "$W/10m"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$W/100m"

percentiles() { sort -n | awk '{a[NR]=$1} END {i=int(NR*0.99); if (i<1) i=1; printf "n=%d p50=%.1fms p99=%.1fms max=%.1fms\n", NR, a[int(NR*0.5)+1]*1000, a[i]*1000, a[NR]*1000}'; }

# --- Confman ---
./confman down >/dev/null 2>&1 || true
rm -rf data
export CONFMAN_JAVA_OPTS="-Xmx256m -Xlog:gc:file=/tmp/confman-gc-%p.log"
./confman prepare >/dev/null
./confman up --detach >/dev/null
KEY='X-Api-Key: confman_dev_abc123'
URL=http://127.0.0.1:6100/api/v1/namespaces/bench/config

# Warm-up, not recorded: small writes and a few 1 MiB values.
timeout 40 wrk -t2 -c16 -d10s -s bench/confman-put.lua http://127.0.0.1:6100 >/dev/null
for i in $(seq 1 5); do curl -s -o /dev/null --max-time 60 -X PUT -H "$KEY" --data-binary @"$W/1m" "$URL/warm-$i/value"; done
log "confman 1 MiB raw PUT, 20 sequential"
for i in $(seq 1 20); do
  curl -s -o /dev/null -w '%{time_total}\n' --max-time 60 -X PUT -H "$KEY" -H 'Content-Type: application/octet-stream' \
       --data-binary @"$W/1m" "$URL/one-mib-$i/value"
done | percentiles | tee -a "$R"

log "confman 100 MiB raw PUT, 3 sequential (MB/s)"
for i in 1 2 3; do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 120 -X PUT -H "$KEY" \
       -H 'Content-Type: application/octet-stream' --data-binary @"$W/100m" "$URL/hundred-mib-$i/value"
done | awk '{printf "http=%s %.2fs %.1f MB/s\n", $1, $2, 104.8576/$2}' | tee -a "$R"
log "confman node1 peak heap (GC log, -Xmx256m): $(grep -ho '[0-9]*M->[0-9]*M' /tmp/confman-gc-$(cat data/node1.pid).log | sed 's/M->.*//' | sort -n | tail -1) MB"

log "confman small PUT (256 B, 16 connections) while 10 MiB values are written"
( for i in $(seq 1 20); do curl -s -o /dev/null --max-time 60 -X PUT -H "$KEY" -H 'Content-Type: application/octet-stream' \
    --data-binary @"$W/10m" "$URL/ten-mib-$i/value"; done ) &
BG=$!
timeout $((D + 30)) wrk -t2 -c16 -d${D}s --latency -s bench/confman-put.lua http://127.0.0.1:6100 | grep -E "Requests/sec|  50%|  99%|Non-2xx" | tee -a "$R"
wait $BG || true
log "confman small PUT (256 B, 16 connections), no large writes"
timeout $((D + 30)) wrk -t2 -c16 -d${D}s --latency -s bench/confman-put.lua http://127.0.0.1:6100 | grep -E "Requests/sec|  50%|  99%|Non-2xx" | tee -a "$R"
./confman down >/dev/null
unset CONFMAN_JAVA_OPTS

# --- etcd ---
(cd "$ETCD" && ./start.sh); sleep 4
log "etcd 1 MiB put and 2 MiB put (JSON gateway and etcdctl)"
(cd "$ETCD" && ./bigput.sh 1048576 1m && ./bigput.sh 2097152 2m) 2>&1 | grep -E "http=|real|Error|error|too large" | tee -a "$R"
log "etcd small put (256 B, 16 connections) while 1 MiB values are written (10 MiB is refused)"
B64=$(base64 -w0 "$W/1m")
printf '{"key":"YmlnX2xvYWQ=","value":"%s"}' "$B64" > "$W/etcd-1m.json"
( for i in $(seq 1 60); do curl -s -o /dev/null --max-time 60 -X POST -H 'Content-Type: application/json' \
    --data-binary @"$W/etcd-1m.json" http://127.0.0.1:23791/v3/kv/put; done ) &
BG=$!
(cd "$ETCD" && timeout $((D + 30)) wrk -t2 -c16 -d${D}s --latency -s put.lua http://127.0.0.1:23791) | grep -E "Requests/sec|  50%|  99%" | tee -a "$R"
wait $BG || true
log "etcd small put (256 B, 16 connections), no large writes"
(cd "$ETCD" && timeout $((D + 30)) wrk -t2 -c16 -d${D}s --latency -s put.lua http://127.0.0.1:23791) | grep -E "Requests/sec|  50%|  99%" | tee -a "$R"
(cd "$ETCD" && ./stop.sh); rm -rf /tmp/etcdbench "$W"
echo "results in $R"

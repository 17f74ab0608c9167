#!/usr/bin/env bash
# Large-value throughput on a fresh local cluster (every node at -Xmx256m, GC logged):
#  - raw PUT of 1 MiB (20 sequential), 100 MiB (3 sequential) and 1 GiB (1) through the leader
#    and through a follower; MB/s = size / curl's total time (the answer comes after two durable
#    copies and the pointer's commit);
#  - GET of 100 MiB: warm (a verified copy), cold (first read after the nodes restarted, so the
#    copy is hashed once before it is served) and missing (the node's file deleted: fetched from a
#    peer first);
#  - each node's peak heap (GC log) and resident set size at the end.
# Every loop is bounded in count and time. Usage: bench/blob-speed.sh [--no-gib]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/confman-cluster.sh
GIB=1; [[ ${1:-} == --no-gib ]] && GIB=0
OUT=bench/results; mkdir -p "$OUT"; R="$OUT/blob-speed.txt"; : > "$R"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
log() { echo "== $*" | tee -a "$R"; }
log "machine: $(nproc) cores, $(uname -r), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
head -c $((1024 * 1024)) /dev/urandom > "$W/1m"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$W/100m"
[[ $GIB == 1 ]] && head -c $((1024 * 1024 * 1024)) /dev/urandom > "$W/1g"
KEY='X-Api-Key: confman_dev_abc123'

export CONFMAN_JAVA_OPTS="-Xmx256m -Xlog:gc:file=/tmp/confman-gc-%p.log"
fresh_confman_cluster
lead=$(confman_leader_port); follower=$((lead == 6100 ? 6200 : 6100))
third=$((lead != 6300 && follower != 6300 ? 6300 : 6200))
url() { echo "http://127.0.0.1:$1/api/v1/namespaces/bench/config/$2/value"; }

# put PORT FILE KEY: prints "code seconds"
put() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 300 -X PUT -H "$KEY" \
       -H 'Content-Type: application/octet-stream' -T "$2" "$(url "$1" "$3")"
}
# get PORT KEY: prints "code seconds bytes"
get() {
  curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' --max-time 300 -H "$KEY" "$(url "$1" "$2")"
}
rate() { awk -v mb="$1" '{printf "http=%s %.3fs %.0f MB/s\n", $1, $2, mb/$2}'; }
summary() { sort -k2 -n | awk -v mb="$1" '{t[NR]=$2; s+=$2} END {printf "n=%d p50=%.1fms max=%.1fms mean %.0f MB/s\n", NR, t[int(NR/2)+1]*1000, t[NR]*1000, mb*NR/s}'; }

# Warm-up, not recorded.
for i in 1 2 3; do put "$lead" "$W/1m" "warm-$i" >/dev/null; put "$follower" "$W/1m" "warm-f$i" >/dev/null; done
put "$lead" "$W/100m" warm-big >/dev/null

for role in "leader $lead" "follower $follower"; do
  set -- $role
  log "PUT 1 MiB, 20 sequential, $1 (port $2)"
  for i in $(seq 1 20); do put "$2" "$W/1m" "one-$1-$i"; done | summary 1.048576 | tee -a "$R"
  log "PUT 100 MiB, 3 sequential, $1"
  for i in 1 2 3; do put "$2" "$W/100m" "hundred-$1-$i"; done | rate 104.8576 | tee -a "$R"
  if [[ $GIB == 1 ]]; then
    log "PUT 1 GiB, $1"
    put "$2" "$W/1g" "gib-$1" | rate 1073.741824 | tee -a "$R"
  fi
done

for role in "leader $lead" "follower $follower" "third $third"; do
  set -- $role
  log "GET 100 MiB warm, 3 sequential, $1"
  for i in 1 2 3; do get "$2" hundred-leader-1; done | rate 104.8576 | tee -a "$R"
done

log "peak heap (MB, GC log) and RSS (MB) per node"
for n in 1 2 3; do
  pid=$(cat data/node$n.pid)
  heap=$(grep -ho '[0-9]*M->[0-9]*M' /tmp/confman-gc-$pid.log | sed 's/M->.*//' | sort -n | tail -1)
  rss=$(( $(ps -o rss= -p "$pid") / 1024 ))
  echo "node$n heap=${heap}MB rss=${rss}MB" | tee -a "$R"
done

# Cold: restart every node, so no copy is known to be verified.
./confman down >/dev/null
./confman up --detach >/dev/null
sleep 2
lead=$(confman_leader_port)
log "GET 100 MiB cold (first read after restart: hashed once), then warm, $lead"
get "$lead" hundred-leader-2 | rate 104.8576 | tee -a "$R"
get "$lead" hundred-leader-2 | rate 104.8576 | tee -a "$R"
sha=$(sha256sum "$W/100m" | cut -d' ' -f1)
for n in 1 2 3; do
  if [[ $((6000 + n * 100)) != "$lead" ]]; then
    rm -f "data/node$n/blobs/${sha:0:2}/$sha"
    log "GET 100 MiB missing on node$n (fetched from a peer, then served)"
    get $((6000 + n * 100)) hundred-leader-3 | rate 104.8576 | tee -a "$R"
    break
  fi
done
./confman down >/dev/null
echo "results in $R"

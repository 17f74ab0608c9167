#!/usr/bin/env bash
# Confman against a 3-member etcd on this machine, in the same run, alternating: each round starts
# a fresh etcd, loads it, stops it, then does the same with a fresh local Confman cluster. Loads
# (wrk, 256-byte values): PUT with 16 connections on the leader in the first FIRST seconds after a
# fresh start; an unrecorded 20 s of the same on the follower (its own request path is still cold
# then: it has only replicated so far); then PUT with 1, 16 and 64 connections on the leader and
# via a follower; linearizable GET with 64
# connections on the leader and on a follower; stale (etcd: serializable) GET on a follower. Prints
# a ratio table (median over rounds, and every round's figures) and keeps the raw lines in
# bench/results/compare.tsv. Every load is bounded in time.
# Needs: etcd-server etcd-client wrk (apt). Usage: bench/compare.sh [SECONDS [ROUNDS [FIRST]]]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/confman-cluster.sh
D=${1:-15}
ROUNDS=${2:-2}
FIRST=${3:-60}
ETCD=/work/shared/bench/etcd
[[ -d $ETCD ]] || ETCD=$(cd ../shared/bench/etcd && pwd)
OUT=bench/results; mkdir -p "$OUT"
TSV="$PWD/$OUT/compare.tsv"
echo -e "# $(nproc) cores, $(uname -r), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), D=${D}s rounds=$ROUNDS first=${FIRST}s" > "$TSV"

# measure SYSTEM ROUND LOAD CONNECTIONS SECONDS SCRIPT URL [ENV=VALUE...]: one wrk run, one TSV line.
measure() {
  local system=$1 round=$2 load=$3 c=$4 secs=$5 script=$6 url=$7; shift 7
  local t=$((c < 2 ? 1 : 2)) line
  line=$(env "$@" timeout $((secs + 30)) wrk -t$t -c"$c" -d"${secs}s" --latency -s "$script" "$url" \
    | awk '/Requests\/sec/{r=$2} /  50%/{p50=$2} /  99%/{p99=$2} /Non-2xx/{e=$NF} /Socket errors/{s=$0}
           END{printf "%s\t%s\t%s\t%d", r, p50, p99, e+0}')
  printf '%s\t%s\t%s\t%s\n' "$system" "$round" "$load" "$line" | tee -a "$TSV"
}

# warm SCRIPT URL: 20 s of 16 writers, not recorded.
warm() { timeout 50 wrk -t2 -c16 -d20s -s "$1" "$2" >/dev/null; }

# loads SYSTEM ROUND LEADER_URL FOLLOWER_URL PUT_SCRIPT GET_SCRIPT STALE_ENV
loads() {
  local s=$1 r=$2 L=$3 F=$4 put=$5 get=$6 stale=$7
  measure "$s" "$r" "PUT c1 leader" 1 "$D" "$put" "$L"
  measure "$s" "$r" "PUT c16 leader" 16 "$D" "$put" "$L"
  measure "$s" "$r" "PUT c64 leader" 64 "$D" "$put" "$L"
  measure "$s" "$r" "PUT c1 follower" 1 "$D" "$put" "$F"
  measure "$s" "$r" "PUT c16 follower" 16 "$D" "$put" "$F"
  measure "$s" "$r" "PUT c64 follower" 64 "$D" "$put" "$F"
  measure "$s" "$r" "linearizable GET c64 leader" 64 "$D" "$get" "$L"
  measure "$s" "$r" "linearizable GET c64 follower" 64 "$D" "$get" "$F"
  measure "$s" "$r" "stale GET c64 follower" 64 "$D" "$get" "$F" "$stale"
}

run_etcd() {
  local r=$1
  (cd "$ETCD" && ./stop.sh) >/dev/null 2>&1 || true
  rm -rf /tmp/etcdbench
  (cd "$ETCD" && ./start.sh)
  local t; for t in $(seq 1 100); do etcd_leader_port >/dev/null 2>&1 && [[ -n $(etcd_leader_port) ]] && break; sleep 0.1; done
  ETCDCTL_API=3 etcdctl --endpoints=127.0.0.1:23791 put 00000001 x >/dev/null
  local lead; lead=$(etcd_leader_port); local follower=$((lead == 23791 ? 23792 : 23791))
  measure etcd "$r" "PUT c16 leader, first ${FIRST}s" 16 "$FIRST" "$ETCD/put.lua" "http://127.0.0.1:$lead"
  warm "$ETCD/put.lua" "http://127.0.0.1:$follower"
  loads etcd "$r" "http://127.0.0.1:$lead" "http://127.0.0.1:$follower" "$ETCD/put.lua" "$ETCD/range.lua" SERIALIZABLE=1
  (cd "$ETCD" && ./stop.sh)
  rm -rf /tmp/etcdbench
}

run_confman() {
  local r=$1
  fresh_confman_cluster
  local lead; lead=$(confman_leader_port); local follower=$((lead == 6100 ? 6200 : 6100))
  measure confman "$r" "PUT c16 leader, first ${FIRST}s" 16 "$FIRST" bench/confman-put.lua "http://127.0.0.1:$lead"
  warm bench/confman-put.lua "http://127.0.0.1:$follower"
  loads confman "$r" "http://127.0.0.1:$lead" "http://127.0.0.1:$follower" bench/confman-put.lua bench/confman-get.lua STALE=1
  ./confman down >/dev/null
}

for round in $(seq 1 "$ROUNDS"); do
  run_etcd "$round"
  run_confman "$round"
done
python3 bench/ratio-table.py "$TSV"

#!/usr/bin/env bash
# One-variable A/B of the large-value path: alternating fresh clusters of two built trees, each
# round 5 raw PUTs of 100 MiB through the leader, 5 through a follower and 3 GETs of a verified
# copy, with the CPU seconds all three nodes used per PUT. Every loop is bounded.
# Usage: bench/blob-put-ab.sh TREE_A TREE_B [PAIRS]   (trees built with ./confman prepare)
set -euo pipefail
A=$(cd "$1" && pwd); B=$(cd "$2" && pwd); PAIRS=${3:-2}
F=$(mktemp); trap 'rm -f "$F"' EXIT
head -c $((100 * 1024 * 1024)) /dev/urandom > "$F"
round() {
  cd "$1"; rm -rf data
  . bench/confman-cluster.sh
  CONFMAN_JAVA_OPTS="-Xmx256m" fresh_confman_cluster >/dev/null 2>&1
  local lead follower key='X-Api-Key: confman_dev_abc123' url
  lead=$(confman_leader_port); follower=$((lead == 6100 ? 6200 : 6100))
  url() { echo "http://127.0.0.1:$1/api/v1/namespaces/bench/config/$2/value"; }
  ticks() { local t=0 n; for n in 1 2 3; do t=$((t + $(awk '{print $14+$15}' /proc/$(cat data/node$n.pid)/stat))); done; echo $t; }
  curl -s -o /dev/null --max-time 120 -X PUT -H "$key" -T "$F" "$(url "$lead" warm)"
  for role in "leader $lead" "follower $follower"; do
    set -- $role; local before; before=$(ticks)
    for i in 1 2 3 4 5; do
      curl -s -o /dev/null --max-time 120 -w '%{http_code} %{time_total}\n' -X PUT -H "$key" -T "$F" "$(url "$2" "k$1$i")"
    done | awk -v r="$1" '{printf "%s %.0f MB/s  ", ($1 == 200 ? "" : "HTTP " $1), 104.8576 / $2} END {printf "(%s)", r}'
    echo "  CPU $(echo "scale=2; ($(ticks) - $before) / 500" | bc) s per PUT (3 nodes)"
  done
  for i in 1 2 3; do curl -s -o /dev/null --max-time 60 -w '%{time_total}\n' -H "$key" "$(url "$lead" kleader1)"; done \
    | awk '{printf "GET %.0f MB/s  ", 104.8576 / $1} END {print ""}'
  ./confman down >/dev/null
}
for pair in $(seq 1 "$PAIRS"); do
  for tree in "$A" "$B"; do echo "== $tree (load $(cut -d' ' -f1 /proc/loadavg))"; (round "$tree"); done
done

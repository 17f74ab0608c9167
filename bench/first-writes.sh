#!/usr/bin/env bash
# The first 1,000 sequential writes of a fresh local cluster started with a given start-up cache,
# to compare caches (run two caches alternately, several pairs). Bounded: 1,000 writes or 60 s.
# Usage: bench/first-writes.sh CACHE_FILE
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/confman-cluster.sh
./confman down >/dev/null 2>&1 || true
cp "$1" jlink/node/target/confman-node.aot
touch jlink/node/target/confman-node.aot
rm -rf data
./confman up --detach >/dev/null
python3 bench/confman-lat.py "$(confman_leader_port)" 1000 256 60
./confman down >/dev/null

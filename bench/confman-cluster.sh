# Sourced by the bench scripts (from the repository root): a fresh local Confman cluster.

# Starts ./confman up on empty data (image and AOT cache built first, never during a measurement)
# and writes the key the GET scripts read.
fresh_confman_cluster() {
  ./confman down >/dev/null 2>&1 || true
  rm -rf data
  ./confman prepare >/dev/null
  ./confman up --detach >/dev/null
  curl -s -o /dev/null -X PUT -H 'X-Api-Key: confman_dev_abc123' -H 'Content-Type: application/json' \
       -d '{"value":"x"}' http://127.0.0.1:6100/api/v1/namespaces/bench/config/seed
}

# The HTTP port of the current leader of the local cluster.
confman_leader_port() {
  local n; n=$(./confman status | grep -o '^node.*"role":"leader"' | cut -d' ' -f1)
  echo $((6000 + ${n#node} * 100))
}

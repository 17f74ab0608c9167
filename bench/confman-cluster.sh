# Sourced by the bench scripts (from the repository root): a fresh local Confman cluster, and
# where the leader of each system is.

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

# The HTTP port of the current leader of the local cluster, as its nodes' /health/ready names it.
confman_leader_port() {
  local p leader
  for p in 6100 6200 6300; do
    leader=$(curl -s --max-time 2 "http://127.0.0.1:$p/health/ready" | grep -o '"leader":"http://[^"]*')
    [[ -n $leader ]] && { leader=${leader%/}; echo "${leader##*:}"; return; }
  done
}

# The client port of the leader of the 3-member etcd from ../shared/bench/etcd.
etcd_leader_port() {
  ETCDCTL_API=3 etcdctl --endpoints=127.0.0.1:23791,127.0.0.1:23792,127.0.0.1:23793 endpoint status -w json \
    | python3 -c 'import json,sys
for s in json.load(sys.stdin):
    if s["Status"]["header"]["member_id"] == s["Status"]["leader"]:
        print(s["Endpoint"].rsplit(":", 1)[1])'
}

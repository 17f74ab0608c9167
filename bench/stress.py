# The config stress test: N configs of about 1 KB written through the API by C concurrent clients
# (Python requests, one keep-alive session each, one request in flight each), against the running
# local cluster (./confman up). Prints latency percentiles, the rate, the p50 of the first and last
# 10,000 writes, the snapshots the nodes took meanwhile (from their logs), the p99 of the writes that
# overlapped a snapshot being written against the others, and the number of elections (term
# changes, which must be 0). Bounded by --max-seconds.
# Usage: ./confman bench stress --configs N [--clients 8] [--size 1024] [--target leader|follower]
import argparse, json, os, re, statistics, sys, threading, time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NODES = {"node1": 6100, "node2": 6200, "node3": 6300}
KEY = {"X-Api-Key": "confman_dev_abc123", "Content-Type": "application/json"}
SNAPSHOT = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) .*snapshot at index (\d+) taken \(written in (\d+) ms off the apply thread\): (\d+) ms pause, (\d+) bytes")


def health(port):
    try:
        return requests.get(f"http://127.0.0.1:{port}/health/ready", timeout=2).json()
    except (requests.RequestException, ValueError):
        return {}


def terms():
    return {n: health(p).get("cluster", {}).get("term", -1) for n, p in NODES.items()}


def log_sizes():
    sizes = {}
    for n in NODES:
        path = os.path.join(ROOT, "data", n + ".log")
        sizes[n] = os.path.getsize(path) if os.path.exists(path) else 0
    return sizes


def snapshots_since(sizes):
    found = []
    for n, offset in sizes.items():
        path = os.path.join(ROOT, "data", n + ".log")
        if not os.path.exists(path):
            continue
        with open(path, errors="replace") as f:
            f.seek(offset)
            for line in f:
                m = SNAPSHOT.search(line)
                if m:
                    ended = time.mktime(time.strptime(m.group(1)[:19], "%Y-%m-%d %H:%M:%S")) + int(m.group(1)[20:]) / 1000
                    found.append((n, int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)), ended))
    return found


def pct(values, q):
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def main():
    ap = argparse.ArgumentParser(description="Confman config stress test")
    ap.add_argument("--configs", type=int, required=True)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--target", choices=["leader", "follower"], default="leader")
    ap.add_argument("--namespace", default="stress")
    ap.add_argument("--max-seconds", type=float, default=3600)
    args = ap.parse_args()

    roles = {n: health(p).get("cluster", {}).get("role") for n, p in NODES.items()}
    leader = next((n for n, r in roles.items() if r == "leader"), None)
    if leader is None:
        sys.exit("stress: no leader among the local nodes (is ./confman up running?)")
    target = leader if args.target == "leader" else next(n for n in NODES if n != leader)
    url = f"http://127.0.0.1:{NODES[target]}/api/v1/namespaces/{args.namespace}/config/"
    body = json.dumps({"value": "x" * max(1, args.size - 12)})

    terms_before, sizes = terms(), log_sizes()
    latencies = [None] * args.configs          # per config index, in ms
    starts = [None] * args.configs             # per config index, wall-clock seconds
    errors = []
    deadline = time.monotonic() + args.max_seconds

    def client(c):
        session = requests.Session()
        for i in range(c, args.configs, args.clients):
            if time.monotonic() > deadline:
                return
            t0 = time.perf_counter()
            starts[i] = time.time()
            try:
                r = session.put(url + f"c{i:07d}", data=body, headers=KEY, timeout=30)
                ok = r.status_code == 200
            except requests.RequestException as e:
                ok, r = False, e
            latencies[i] = (time.perf_counter() - t0) * 1000
            if not ok:
                errors.append((i, getattr(r, "status_code", r)))

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(c,)) for c in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    done = [l for l in latencies if l is not None]
    ordered = sorted(done)
    terms_after = terms()
    elections = max(0, max(terms_after.values()) - max(terms_before.values()))
    window = min(10_000, len(done) // 2) or 1
    first = sorted(l for l in latencies[:window] if l is not None)
    last = sorted(l for l in latencies[len(done) - window:len(done)] if l is not None)
    print(f"stress: {len(done):,} of {args.configs:,} configs of {args.size} B, {args.clients} clients on {target}"
          f" ({args.target}), {elapsed:.1f} s, {len(done) / elapsed:,.0f} writes/s, {len(errors)} errors")
    print(f"latency ms: p50 {pct(ordered, .5):.1f}  p99 {pct(ordered, .99):.1f}  max {ordered[-1]:.1f}"
          f"  (first {window:,}: p50 {pct(first, .5):.1f}; last {window:,}: p50 {pct(last, .5):.1f})")
    snaps = snapshots_since(sizes)
    if snaps:
        writes = [s[2] for s in snaps]
        print(f"snapshots: {len(snaps)} taken on the nodes; written in {min(writes)}-{max(writes)} ms"
              f" (median {statistics.median(writes):.0f}), apply paused {max(s[3] for s in snaps)} ms at most,"
              f" largest {max(s[4] for s in snaps):,} bytes")
        windows = [(s[5] - s[2] / 1000, s[5]) for s in snaps]
        during, outside = [], []
        for i, l in enumerate(latencies):
            if l is None:
                continue
            t0, t1 = starts[i], starts[i] + l / 1000
            (during if any(a < t1 and t0 < b for a, b in windows) else outside).append(l)
        during.sort()
        outside.sort()
        print(f"writes while a snapshot was written: {len(during):,}, p99 {pct(during, .99):.1f} ms;"
              f" other writes: p99 {pct(outside, .99):.1f} ms")
    else:
        print("snapshots: none taken during the run")
    print(f"elections: {elections} (terms before {terms_before}, after {terms_after})")
    if errors:
        print(f"first errors: {errors[:5]}")
    sys.exit(1 if errors or elections else 0)


if __name__ == "__main__":
    main()

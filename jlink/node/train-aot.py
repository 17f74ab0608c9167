#!/usr/bin/env python3
"""Trains the node image's start-up cache (JDK AOT cache: classes and method profiles).

Usage: train-aot.py NODE_IMAGE OUTPUT WORK_DIR

A throw-away three-node cluster on free loopback ports; one member, "t", runs with
-XX:AOTCacheOutput. Clients write and read through all three members (concurrently, so that
writes share entries as under load) while "t" leads and again while it follows, so that the cache
carries the profiles of both roles: the leader's request and replication paths, and a
follower's appends and forwarding. Then "t" stops with SIGTERM and the JVM writes the cache.
Every phase is bounded in time; the whole run takes about 80 s.
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

IMAGE, OUTPUT, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
IDS = ["t", "a", "b"]
KEY = "training-key"
LOAD_SECONDS = 25


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


HTTP = {n: free_port() for n in IDS}
RAFT = {n: free_port() for n in IDS}


def config(node):
    members = "".join('    - id: "%s"\n      url: "http://127.0.0.1:%d/"\n      raftAddress: "127.0.0.1:%d"\n'
                      % (n, HTTP[n], RAFT[n]) for n in IDS)
    return ('cluster:\n  token: "training"\n  members:\n%snode:\n  id: "%s"\n  dataDir: "%s/%s"\n'
            'auth:\n  apiKeys:\n    - name: "trainer"\n      key: "%s"\n      roles: ["admin"]\n'
            % (members, node, WORK, node, KEY))


def start(node):
    path = os.path.join(WORK, node + ".yaml")
    with open(path, "w") as f:
        f.write(config(node))
    env = dict(os.environ)
    env["CONFMAN_JAVA_OPTS"] = "-XX:AOTCacheOutput=" + OUTPUT if node == "t" else ""
    log = open(os.path.join(WORK, node + ".log"), "w")
    return subprocess.Popen([os.path.join(IMAGE, "bin", "confman-node"), "--config", path,
                             "--initial-cluster-state", "new"], stdout=log, stderr=subprocess.STDOUT, env=env)


def health(node):
    try:
        c = http.client.HTTPConnection("127.0.0.1", HTTP[node], timeout=2)
        c.request("GET", "/health/ready")
        r = c.getresponse()
        return json.loads(r.read()) if r.status == 200 else None
    except (OSError, ValueError):
        return None


def leader():
    for n in IDS:
        h = health(n)
        if h and h.get("cluster", {}).get("role") == "leader":
            return n
    return None


def wait_for(what, probe, seconds=60):
    end = time.time() + seconds
    while time.time() < end:
        value = probe()
        if value:
            return value
        time.sleep(0.2)
    raise SystemExit("training: no " + what + " within %d s" % seconds)


def load(seconds):
    """8 keep-alive clients, spread over the three members, each bounded by time and count."""
    end = time.time() + seconds

    def client(n):
        node = IDS[n % 3]
        c = http.client.HTTPConnection("127.0.0.1", HTTP[node], timeout=5)
        headers = {"X-Api-Key": KEY, "Content-Type": "application/json"}
        for i in range(20000):
            if time.time() > end:
                return
            path = "/api/v1/namespaces/train/config/k%d-%d" % (n, i % 100)
            try:
                c.request("PUT", path, '{"value":"%s"}' % ("v" * 256), headers)
                c.getresponse().read()
                c.request("GET", path, headers={"X-Api-Key": KEY})
                c.getresponse().read()
            except OSError:
                c.close()
                time.sleep(0.1)
                c = http.client.HTTPConnection("127.0.0.1", HTTP[node], timeout=5)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def pause(proc, seconds):
    proc.send_signal(signal.SIGSTOP)
    time.sleep(seconds)
    proc.send_signal(signal.SIGCONT)


def main():
    os.makedirs(WORK, exist_ok=True)
    procs = {n: start(n) for n in IDS}
    try:
        wait_for("leader", leader)
        # "t" leads first: pause each other leader until an election picks "t" (bounded).
        for _ in range(6):
            current = wait_for("leader", leader)
            if current == "t":
                break
            pause(procs[current], 4)
        load(LOAD_SECONDS)
        # Then "t" follows: paused, it loses the lead to one of the others.
        if wait_for("leader", leader) == "t":
            pause(procs["t"], 4)
        wait_for("leader other than t", lambda: leader() not in (None, "t") and leader())
        load(LOAD_SECONDS)
    finally:
        procs["t"].send_signal(signal.SIGTERM)
        for n in ("a", "b"):
            procs[n].kill()
        try:
            procs["t"].wait(60)
        except subprocess.TimeoutExpired:
            procs["t"].kill()


if __name__ == "__main__":
    main()

# Sequential single-client PUT latency against a Confman node (keep-alive HTTP/1.1).
# Bounded: N requests or MAXSECONDS. Usage: confman-lat.py PORT N VSIZE MAXSECONDS
import http.client, json, time, sys
port, N, vsize = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
TMAX = float(sys.argv[4]) if len(sys.argv) > 4 else 120
c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
body = json.dumps({"value": "v" * vsize})
headers = {"Content-Type": "application/json", "X-Api-Key": "confman_dev_abc123"}
lat = []; t_end = time.time() + TMAX
for i in range(N):
    if time.time() > t_end: break
    t0 = time.perf_counter(); c.request("PUT", "/api/v1/namespaces/bench/config/L%07d" % i, body, headers)
    r = c.getresponse(); data = r.read(); t1 = time.perf_counter()
    if r.status != 200: print("ERR", r.status, data[:300]); break
    lat.append((t1 - t0) * 1000)
lat.sort(); n = len(lat)
p = lambda q: lat[min(n - 1, int(q * n))]
print(f"n={n} vsize={vsize} mean={sum(lat)/n:.3f}ms p50={p(0.50):.3f}ms p90={p(0.90):.3f}ms p99={p(0.99):.3f}ms max={lat[-1]:.3f}ms")

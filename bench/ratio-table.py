# Prints the Confman/etcd ratio table of a bench/compare.sh TSV: per load, the median rate of each
# system over the rounds, the ratio of the medians, and every round's rate and p99.
import statistics, sys
from collections import defaultdict

rows = defaultdict(lambda: defaultdict(list))
order = []
header = ""
for line in open(sys.argv[1]):
    if line.startswith("#"):
        header = line[1:].strip(); continue
    system, rnd, load, rate, p50, p99, non2xx = line.rstrip("\n").split("\t")
    if load not in order: order.append(load)
    rows[load][system].append((float(rate or 0), p50, p99, int(non2xx)))

print(f"Confman / etcd ({header})\n")
print("| load | etcd /s (median) | Confman /s (median) | ratio | etcd rounds: rate (p99) | Confman rounds: rate (p99) |")
print("|---|---|---|---|---|---|")
for load in order:
    e, c = rows[load]["etcd"], rows[load]["confman"]
    me = statistics.median(r[0] for r in e) if e else 0
    mc = statistics.median(r[0] for r in c) if c else 0
    fmt = lambda rs: ", ".join(f"{r[0]:,.0f} ({r[2]}{', ' + str(r[3]) + ' non-2xx' if r[3] else ''})" for r in rs)
    ratio = f"{mc / me:.2f}x" if me else "-"
    print(f"| {load} | {me:,.0f} | {mc:,.0f} | **{ratio}** | {fmt(e)} | {fmt(c)} |")

#!/usr/bin/env bash
# Benchmark of `pkilab run --clients all` over the whole catalogue: wall time of the run
# (warm lab: CAs and scenario certificates already made) and, per real client, the median
# wall time of one client run (start the program, handshake, one request).
# Usage: bench/run.sh [REPEATS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repeats="${1:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/pkilab" --lab "$work/lab" run >/dev/null            # build, make the lab, warm
for i in $(seq "$repeats"); do
  start=$(date +%s.%N)
  "$here/pkilab" --lab "$work/lab" run --clients all --format json --out "$work/run-$i.json" --force >/dev/null || true
  end=$(date +%s.%N)
  printf 'run %d: pkilab run --clients all: %.1f s wall\n' "$i" "$(echo "$end - $start" | bc -l)"
done
python3 - "$work"/run-*.json <<'PY'
import json, statistics, sys
per = {}
for f in sys.argv[1:]:
    d = json.load(open(f))
    for s in d["scenarios"]:
        for c in s.get("clients", []):
            if c.get("millis") is not None:
                per.setdefault(c["name"], []).append(c["millis"])
    print("summary:", d["summary"])
print("%-9s %8s %8s %8s %6s" % ("client", "median", "min", "max", "runs"))
for name, ms in per.items():
    print("%-9s %6d ms %5d ms %5d ms %6d" % (name, statistics.median(ms), min(ms), max(ms), len(ms)))
PY

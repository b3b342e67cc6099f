#!/usr/bin/env bash
# Median wall time per client run (client start + TLS handshake + one request) against one
# local HTTPS server on 127.0.0.1, then what each client prints for more failure kinds.
#   bench/clients.sh [RUNS]      (default 10 runs per client)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
mvn -B -q test -Dtest=ClientBench -Dsurefire.failIfNoSpecifiedTests=false -Dpkilab.bench.runs="$runs" \
  -Dsurefire.useFile=false -DtrimStackTrace=true
sed -n '/^client /,$p' target/surefire-reports/pkilab.clients.ClientBench-output.txt

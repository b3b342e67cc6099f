#!/usr/bin/env bash
# Issuance benchmark (issue: mini-CA).
#  1. wall time of one `./pkilab cert issue` (EC P-256 and RSA-2048) next to mkcert and
#     `openssl req -x509 -CA` doing the same, in the same run (hyperfine);
#  2. in-process issuance throughput (certs/s) vs a loop of `openssl req` processes.
# Needs: hyperfine, mkcert, openssl (apt-get install -y hyperfine mkcert openssl).
# Usage: bench/issue.sh [RUNS] [COUNT]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-15}"
count="${2:-400}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for tool in hyperfine mkcert openssl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done
"$here/pkilab" --version >/dev/null          # builds the jar if needed
lab="$work/lab"; out="$work/out"; mkdir -p "$out"
"$here/pkilab" --lab "$lab" ca init >/dev/null
export CAROOT="$work/mkcert-ca"
mkcert >/dev/null 2>&1 || true              # makes mkcert's CA once
inter="$lab/ca/public/cert.pem"; interkey="$lab/ca/public/key.pem"

echo "== one leaf, wall time (hyperfine, $runs runs) =="
hyperfine -N --warmup 2 --runs "$runs" --export-markdown "$work/one.md" \
  -n "pkilab ec-p256"   "$here/pkilab --lab $lab cert issue --ca public --dns bench.contoso.test --key ec-p256 --out $out/p --force" \
  -n "mkcert ecdsa"     "mkcert -ecdsa -cert-file $out/m.pem -key-file $out/m.key bench.contoso.test" \
  -n "openssl ec-p256"  "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=bench.contoso.test -addext subjectAltName=DNS:bench.contoso.test -CA $inter -CAkey $interkey -days 90 -keyout $out/o.key -out $out/o.crt" \
  -n "pkilab rsa-2048"  "$here/pkilab --lab $lab cert issue --ca public --dns bench.contoso.test --key rsa-2048 --out $out/p --force" \
  -n "mkcert rsa-2048"  "mkcert -cert-file $out/m.pem -key-file $out/m.key bench.contoso.test" \
  -n "openssl rsa-2048" "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=bench.contoso.test -addext subjectAltName=DNS:bench.contoso.test -CA $inter -CAkey $interkey -days 90 -keyout $out/o.key -out $out/o.crt" \
  >/dev/null
cat "$work/one.md"

echo
echo "== throughput: in-process =="
java -cp "$here/target/pkilab.jar" "$here/bench/IssueThroughput.java" "$here/ca" "$lab" "$count"
echo "== throughput: a loop of openssl req processes =="
for kind in ec rsa; do
  n=$([ "$kind" = ec ] && echo 100 || echo 25)
  start=$(date +%s.%N)
  for i in $(seq "$n"); do
    if [ "$kind" = ec ]; then key=(-newkey ec -pkeyopt ec_paramgen_curve:P-256); else key=(-newkey rsa:2048); fi
    openssl req -x509 "${key[@]}" -nodes -subj "/CN=b$i.contoso.test" -addext "subjectAltName=DNS:b$i.contoso.test" \
      -CA "$inter" -CAkey "$interkey" -days 90 -keyout "$out/l.key" -out "$out/l.crt" 2>/dev/null
  done
  end=$(date +%s.%N)
  echo "openssl $kind: $(echo "$n / ($end - $start)" | bc -l | xargs printf '%.1f') certs/s ($n processes)"
done

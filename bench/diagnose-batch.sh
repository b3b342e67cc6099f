#!/usr/bin/env bash
# Chains judged per second: `pkilab diagnose --batch` (one JVM, JSON lines in and out) against a
# shell loop of `openssl verify` over the same cases, as a script would otherwise do it.
#
#   LEAVES=100 REPEAT=5 bash bench/diagnose-batch.sh
#
# Cases: LEAVES leaf certificates (EC P-256) below a made-up RSA root and intermediate, each
# judged four ways (right host now, wrong host, a year later = expired, a time before it was
# valid), so half pass and half fail. openssl runs each case once; pkilab runs the whole list
# REPEAT times in one batch (its rate includes the JVM's start). Both use the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
LEAVES=${LEAVES:-100}
REPEAT=${REPEAT:-5}
out=bench/out/diagnose-batch
rm -rf "$out"; mkdir -p "$out"
[ -f target/pkilab.jar ] || ./pkilab --version >/dev/null
cd "$out"
cat > ext.cnf <<'CNF'
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:${ENV::HOSTNAME_SAN}
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
CNF
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -subj "/CN=Bench Root" -days 3650 \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout int.key -out int.csr -subj "/CN=Bench Issuing CA" 2>/dev/null
HOSTNAME_SAN=x openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -set_serial 2 -days 1825 \
  -extfile ext.cnf -extensions ca -out int.pem 2>/dev/null
for i in $(seq 1 "$LEAVES"); do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout l$i.key -out l$i.csr -subj "/CN=h$i.bench.test" 2>/dev/null
  HOSTNAME_SAN=h$i.bench.test openssl x509 -req -in l$i.csr -CA int.pem -CAkey int.key -set_serial $((100 + i)) -days 90 \
    -extfile ext.cnf -extensions leaf -out l$i.pem 2>/dev/null
  cat l$i.pem int.pem > chain$i.pem
done
now=$(( $(date -u +%s) + 60 ))  # after the last leaf's notBefore
: > cases.tsv
for i in $(seq 1 "$LEAVES"); do
  printf '%s\t%s\t%s\n' "$i" "h$i.bench.test" "$now" >> cases.tsv
  printf '%s\t%s\t%s\n' "$i" "wrong$i.bench.test" "$now" >> cases.tsv
  printf '%s\t%s\t%s\n' "$i" "h$i.bench.test" "$((now + 365 * 86400))" >> cases.tsv
  printf '%s\t%s\t%s\n' "$i" "h$i.bench.test" "$((now - 86400))" >> cases.tsv
done
n=$(wc -l < cases.tsv)

start=$(date +%s.%N); ok=0
while IFS=$'\t' read -r i host t; do
  if openssl verify -CAfile root.pem -untrusted int.pem -purpose sslserver -verify_hostname "$host" -attime "$t" l$i.pem >/dev/null 2>&1; then
    ok=$((ok + 1))
  fi
done < cases.tsv
end=$(date +%s.%N)
ossl_rate=$(echo "$n / ($end - $start)" | bc -l)
echo "openssl verify loop: $n cases, $ok pass, $(printf '%.2f' "$(echo "$end - $start" | bc -l)") s, $(printf '%.0f' "$ossl_rate") cases/s"

: > cases.jsonl
for r in $(seq 1 "$REPEAT"); do
  while IFS=$'\t' read -r i host t; do
    at=$(date -u -d "@$t" +%Y-%m-%dT%H:%M:%SZ)
    printf '{"id":"%s-%s","chain":"chain%s.pem","trust":"root.pem","host":"%s","at":"%s","profile":"openssl"}\n' "$r" "$i" "$i" "$host" "$at" >> cases.jsonl
  done < cases.tsv
done
m=$(wc -l < cases.jsonl)
start=$(date +%s.%N)
java -jar ../../../target/pkilab.jar diagnose --batch cases.jsonl > results.jsonl 2> batch.err || true
end=$(date +%s.%N)
pass=$(grep -c '"verdict":"pass"' results.jsonl || true)
pk_rate=$(echo "$m / ($end - $start)" | bc -l)
echo "pkilab diagnose --batch: $m cases, $pass pass, $(printf '%.2f' "$(echo "$end - $start" | bc -l)") s (JVM start included), $(printf '%.0f' "$pk_rate") cases/s"
# the same cases must get the same verdicts from both
first=$(head -n "$n" results.jsonl | grep -c '"verdict":"pass"' || true)
[ "$first" = "$ok" ] || echo "WARNING: pkilab passed $first of the first $n cases, openssl $ok"
echo "ratio: $(printf '%.1f' "$(echo "$pk_rate / $ossl_rate" | bc -l)")x (target >= 5x)"

#!/usr/bin/env python3
"""Hostile-traffic soak of `pkilab serve`, on loopback only, bounded in count and time.

    python3 bench/soak.py [--rounds 10] [--per-round 1000] [--jar target/pkilab.jar]

Starts its own `pkilab serve` (ports chosen by the system, a throw-away lab home), then runs
rounds of hostile connections against it: garbage bytes and half ClientHellos on the HTTPS
ports, slow and oversized headers and odd paths on HTTP, garbage OCSP POSTs, and a few
hundred connections left idle at once. After each round every scenario must still answer a
normal handshake and the API must answer; no response may hold private-key material. It
prints the server's RSS before and after, and how long the idle connections stayed open
(the server's timeouts, README "serve"). Exit 0 when every round held, 1 otherwise.
"""
import argparse
import json
import os
import random
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

LOOPBACK = "127.0.0.1"
KEY_MARKERS = (b"PRIVATE KEY", b"BEGIN RSA", b"BEGIN EC PRIVATE")


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_server(jar, lab):
    proc = subprocess.Popen(["java", "-jar", jar, "--lab", lab, "serve", "--https-port", "0", "--http-port", "0",
                             "--stop-after", "30m"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    deadline = time.time() + 180
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("Ready"):
            break
    text = "\n".join(lines)
    https = re.search(r"HTTPS (\d+)", text)
    http = re.search(r"http://[^ /]+:(\d+)/", text) or re.search(r"HTTP (\d+)", text)
    if not https or not http:
        proc.kill()
        sys.exit("soak: could not read the ports from pkilab serve's output:\n" + text)
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    return proc, int(https.group(1)), int(http.group(1)), text


def scenarios(http_port):
    with urllib.request.urlopen(f"http://{LOOPBACK}:{http_port}/api/scenarios", timeout=10) as r:
        body = r.read()
    data = json.loads(body)
    items = data["scenarios"] if isinstance(data, dict) else data
    return [(s["id"], s["host"], s["address"], int(s["port"]), bool(s["sni"])) for s in items], body


def handshake(scenario):
    """A normal TLS handshake as a client of the scenario (SNI when it uses it); the certificate is not checked: liveness is the point."""
    _, host, address, port, sni = scenario
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with socket.create_connection((address.strip("[]"), port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=host if sni else None) as tls:
            return tls.version()


def hostile(kind, https_port, http_port, hold):
    """One hostile connection; returns the bytes the server sent back."""
    got = b""
    port = https_port if kind in ("garbage-tls", "half-hello", "idle-tls") else http_port
    s = socket.create_connection((LOOPBACK, port), timeout=5)
    try:
        if kind == "garbage-tls":
            s.sendall(os.urandom(random.randint(1, 600)))
        elif kind == "half-hello":
            # a TLS 1.2 ClientHello record header promising 512 bytes, then only a few of them
            s.sendall(bytes([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]) + os.urandom(20))
        elif kind == "slow-header":
            s.sendall(b"GET / HTTP/1.1\r\nHost: pki.lab.test\r\nX-Slow: ")
        elif kind == "big-header":
            s.sendall(b"GET / HTTP/1.1\r\nHost: pki.lab.test\r\nX-Big: " + b"a" * random.choice([9000, 70000, 300000]) + b"\r\n\r\n")
        elif kind == "odd-path":
            path = random.choice(["/pki/../../etc/passwd", "/pki/%2e%2e/%2e%2e/etc/shadow", "/api/scenarios/" + "x" * 5000,
                                  "/api/scenarios/nope/trust.pem", "/ocsp/nope", "/pki/public-root.key", "/" + "%" * 50,
                                  "/api/scenarios/../../ca/public/key.pem", "//////", "/pki/public-root.crt?" + "a=b&" * 500])
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: pki.lab.test\r\nConnection: close\r\n\r\n".encode())
        elif kind == "ocsp-garbage":
            body = os.urandom(random.randint(0, 4000))
            s.sendall(b"POST /ocsp/public HTTP/1.1\r\nHost: pki.lab.test\r\nContent-Type: application/ocsp-request\r\n"
                      + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
        elif kind in ("idle-tls", "idle-http"):
            pass
        if hold:
            return s
        s.settimeout(3)
        try:
            while len(got) < 1_000_000:
                chunk = s.recv(65536)
                if not chunk:
                    break
                got += chunk
        except (socket.timeout, OSError):
            pass
        return got
    finally:
        if not hold:
            s.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--per-round", type=int, default=1000)
    ap.add_argument("--idle", type=int, default=300, help="connections left idle at once, each round")
    ap.add_argument("--jar", default="target/pkilab.jar")
    ap.add_argument("--seed", type=int, default=20261203)
    a = ap.parse_args()
    random.seed(a.seed)
    lab = tempfile.mkdtemp(prefix="pkilab-soak-")
    proc, https_port, http_port, banner = start_server(a.jar, lab)
    ok = True
    try:
        sc, api_body = scenarios(http_port)
        rss_before = rss_kb(proc.pid)
        print(f"soak: pkilab serve pid {proc.pid}, HTTPS {https_port}, HTTP {http_port}, {len(sc)} scenarios, RSS {rss_before // 1024} MB")
        for scenario in sc:
            handshake(scenario)
        kinds = ["garbage-tls", "half-hello", "slow-header", "big-header", "odd-path", "ocsp-garbage"]
        total = 0
        leaks = 0
        start = time.time()
        for rnd in range(a.rounds):
            idle = [hostile(random.choice(["idle-tls", "idle-http", "half-hello", "slow-header"]), https_port, http_port, True)
                    for _ in range(a.idle)]
            opened = time.time()
            for _ in range(a.per_round):
                got = hostile(random.choice(kinds), https_port, http_port, False)
                if any(m in got for m in KEY_MARKERS):
                    leaks += 1
            total += a.per_round + a.idle
            # the idle ones: how long until the server closed them
            closed_after = []
            for s in idle:
                s.settimeout(max(0.1, 90 - (time.time() - opened)))
                try:
                    while s.recv(4096):
                        pass
                    closed_after.append(time.time() - opened)
                except (socket.timeout, OSError):
                    closed_after.append(time.time() - opened)
                finally:
                    s.close()
            failures = []
            for scenario in sc:
                try:
                    handshake(scenario)
                except Exception as e:  # noqa: BLE001 - any failure of a normal client is the finding
                    failures.append(f"{scenario[0]}: {e}")
            _, body = scenarios(http_port)
            if failures or proc.poll() is not None:
                ok = False
            print(f"round {rnd + 1}: {a.per_round} hostile + {a.idle} idle connections; idle ones closed by the server after "
                  f"{min(closed_after):.1f}-{max(closed_after):.1f} s; {len(sc) - len(failures)}/{len(sc)} scenarios answered; "
                  f"API {len(body)} bytes; RSS {rss_kb(proc.pid) // 1024} MB" + ("; FAILED: " + "; ".join(failures[:3]) if failures else ""))
        print(f"soak: {total} hostile connections in {time.time() - start:.0f} s; responses with key material: {leaks}; "
              f"RSS before {rss_before // 1024} MB, after {rss_kb(proc.pid) // 1024} MB")
        ok = ok and leaks == 0
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(lab, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

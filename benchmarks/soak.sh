#!/usr/bin/env bash
# The soak: the server jar with the README's JVM flags under mixed traffic (valid sends to an outbox and to SES,
# oversized and malformed bodies, stalled bodies, trickled headers) for SOAK_MINUTES (default 30), sampling the
# server's RSS and its heap after a full GC every minute. Writes the "Soak" section of benchmarks/results.md.
# Everything listens on 127.0.0.1 and stops at the end. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."

SERVER_FLAGS=(-XX:+UseSerialGC -Xms64m -Xmx160m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -Xss512k)
MINUTES=${SOAK_MINUTES:-30}

[ -n "${SOAK_SKIP_BUILD:-}" ] || ./mvnw -B -q -pl server,benchmarks -am package -DskipTests
work=$(mktemp -d)
# Copies: a build during the soak must not replace the jars under the running JVMs.
cp benchmarks/target/benchmarks.jar server/target/ses-binding-server.jar "$work/"
BENCH=$work/benchmarks.jar
SERVER=$work/ses-binding-server.jar
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

stub_port=$(free_port)
java -Xmx64m -XX:+UseSerialGC -cp "$BENCH" dev.sesbinding.benchmarks.FastSesStub "$stub_port" > "$work/stub.log" 2>&1 &
pids+=($!)
until grep -q listening "$work/stub.log"; do sleep 0.1; done
cat > "$work/components.yaml" <<YAML
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: ses
spec:
  type: bindings.aws.ses
  version: v1
  metadata:
  - {name: region, value: eu-west-1}
  - {name: endpoint, value: "http://127.0.0.1:$stub_port"}
  - {name: accessKey, value: AKIAIOSFODNN7EXAMPLE}
  - {name: secretKey, value: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}
  - {name: emailFrom, value: "Shop <noreply@example.com>"}
---
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: outbox
spec:
  type: bindings.aws.ses
  version: v1
  metadata:
  - {name: transport, value: outbox}
  - {name: emailFrom, value: "Shop <noreply@example.com>"}
YAML

port=$(free_port)
java "${SERVER_FLAGS[@]}" -jar "$SERVER" --resources-path "$work" --dapr-http-port "$port" > "$work/server.log" 2>&1 &
server=$!
pids+=($server)
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1.0/healthz")" = 204 ]; do sleep 0.1; done

# RSS in MiB, and the heap in use after a full GC in MiB (jcmd GC.run, then GC.heap_info's "used").
sample() {
  local rss heap
  rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$server/status")
  jcmd "$server" GC.run > /dev/null
  heap=$(jcmd "$server" GC.heap_info | grep -oE 'used [0-9]+K' | awk '{gsub("K","",$2); s += $2} END {printf "%.1f", s / 1024}')
  echo "$1 $rss $heap"
}
# The client keeps idle connections 30 s, below the server's --idle-timeout (60 s), as a client should: Java's
# default (20 minutes) reuses connections the server already closed, and a POST on one fails (seen twice in a run
# of 3.7 million).
java -Xmx512m -Djdk.httpclient.keepalive.timeout=30 -cp "$BENCH" dev.sesbinding.benchmarks.Soak "$port" "$MINUTES" > "$work/soak.log" 2>&1 &
soak=$!
pids+=($soak)
echo "minute rss_mib heap_after_gc_mib" > "$work/samples.txt"
sample 0 >> "$work/samples.txt"
for minute in $(seq 1 "$MINUTES"); do
  sleep 60
  sample "$minute" >> "$work/samples.txt"
done
wait "$soak"
ooms=$(grep -c OutOfMemoryError "$work/server.log" || true)
fives=$(grep -cE ' 5[0-9][0-9]: ' "$work/soak.log" || true)

section="$work/soak.md"
{
  echo "## Soak: ${MINUTES} minutes of mixed traffic, README flags (\`${SERVER_FLAGS[*]}\`), $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/soak.sh\`: 8 closed loops of valid sends (4 to an outbox, 4 to SES through the fast"
  echo "stub), one of 5 MiB bodies (over \`--max-body-size\`), one of malformed JSON, stalled bodies (a new one every"
  echo "200 ms, up to 64 open) and trickled headers (a byte every 500 ms, up to 16 open); the outbox emptied every minute."
  echo
  echo '```'
  cat "$work/soak.log"
  echo "OutOfMemoryError lines in the server log: $ooms; answers with a 5xx status: $fives"
  echo '```'
  echo
  echo "| minute | server RSS MiB | heap after full GC MiB |"
  echo "|---|---|---|"
  tail -n +2 "$work/samples.txt" | awk '{print "| " $1 " | " $2 " | " $3 " |"}'
} > "$section"
python3 - "$section" <<'PY'
import sys, re
section = open(sys.argv[1]).read()
path = "benchmarks/results.md"
text = open(path).read()
start, end = "<!-- soak -->", "<!-- /soak -->"
block = start + "\n" + section + end + "\n"
if start in text:
    text = re.sub(re.escape(start) + ".*?" + re.escape(end) + "\n?", lambda m: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + block
open(path, "w").write(text)
PY
cat "$section"

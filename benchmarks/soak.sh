#!/usr/bin/env bash
# The soak: the server jar with the README's JVM flags under mixed traffic (valid sends to an outbox and to SES,
# oversized and malformed bodies, stalled bodies, trickled headers; on the gRPC port, stream and rapid-reset floods
# beside valid gRPC sends) for SOAK_MINUTES (default 30), sampling the
# server's RSS and its heap after a full GC every minute. Writes the "Soak" section of benchmarks/results.md.
# Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${SOAK_MINUTES:-30}
[ -n "${SOAK_SKIP_BUILD:-}" ] || ./mvnw -B -q -pl server,benchmarks -am package -DskipTests
source benchmarks/lib.sh
start_stub
write_components outbox
start_server

# RSS in MiB, and the heap in use after a full GC in MiB (jcmd GC.run, then GC.heap_info's "used").
sample() {
  local rss heap
  rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$server/status")
  jcmd "$server" GC.run > /dev/null
  heap=$(jcmd "$server" GC.heap_info | grep -oE 'used [0-9]+K' | awk '{gsub("K","",$2); s += $2} END {printf "%.1f", s / 1024}')
  echo "$1 $rss $heap"
}
# The client keeps idle connections 30 s, below the server's --idle-timeout (60 s), as a client should.
java -Xmx512m -Djdk.httpclient.keepalive.timeout=30 -cp "$BENCH" dev.sesbinding.benchmarks.Soak "$port" "$MINUTES" \
  > "$work/soak.log" 2>&1 &
soak=$!
pids+=($soak)
java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.GrpcFloods "$grpc_port" outbox "$MINUTES" \
  > "$work/grpc-floods.log" 2>&1 &
floods=$!
pids+=($floods)
echo "minute rss_mib heap_after_gc_mib" > "$work/samples.txt"
sample 0 >> "$work/samples.txt"
for minute in $(seq 1 "$MINUTES"); do
  sleep 60
  sample "$minute" >> "$work/samples.txt"
done
wait "$soak"
wait "$floods"
ooms=$(grep -c OutOfMemoryError "$work/server.log" || true)
fives=$(grep -cE ' 5[0-9][0-9]: ' "$work/soak.log" || true)

section="$work/soak.md"
{
  echo "## Soak: ${MINUTES} minutes of mixed traffic, README flags (\`${SERVER_FLAGS[*]}\`), $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/soak.sh\`: 8 closed loops of valid sends (4 to an outbox, 4 to SES through the fast"
  echo "stub), one of 5 MiB bodies (over \`--max-body-size\`), one of malformed JSON, stalled bodies (a new one every"
  echo "200 ms, up to 64 open) and trickled headers (a byte every 500 ms, up to 16 open); the outbox emptied every minute;"
  echo "and on Dapr's gRPC port, every 5 s, 50,000 header-only streams and 50,000 rapid resets from a hostile HTTP/2"
  echo "client, beside 4 closed loops of valid gRPC sends to the outbox (\`GrpcFloods\`)."
  echo
  echo '```'
  cat "$work/soak.log"
  cat "$work/grpc-floods.log"
  echo "server log: $(wc -l < "$work/server.log") lines, $(wc -c < "$work/server.log") bytes"
  echo "OutOfMemoryError lines in the server log: $ooms; answers with a 5xx status: $fives"
  echo '```'
  echo
  echo "| minute | server RSS MiB | heap after full GC MiB |"
  echo "|---|---|---|"
  tail -n +2 "$work/samples.txt" | awk '{print "| " $1 " | " $2 " | " $3 " |"}'
} > "$section"
write_section soak "$section"
cat "$section"

#!/usr/bin/env bash
# Runs the performance set on this machine and writes benchmarks/results.md:
#   1. start time: server process start to GET /v1.0/healthz 204;
#   2. the server jar under load (1, 16, 64, 256 connections) against the fast SES stub;
#   3. the raw-SDK reference program's CPU per 10,000 emails, for the CPU ratio;
#   4. JMH: core invoke vs raw SesAsyncClient at 64 in flight, and the pure-CPU steps.
# Everything listens on 127.0.0.1 and stops at the end. Takes about 13 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

LOAD=("1 10000" "16 50000" "64 100000" "256 50000")
JMH_ARGS=${JMH_ARGS:-}

./mvnw -B -q -pl server,benchmarks -am package -DskipTests
source benchmarks/lib.sh
start_stub
write_components
start_server --max-in-flight 4096

{
  echo "# Performance on $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/run.sh\`. Server flags: \`${SERVER_FLAGS[*]}\`."
  echo
  echo "Server start to \`GET /v1.0/healthz\` 204: **${ready_ms} ms**."
  echo
  echo "## The server under load (fast SES stub; load generator, stub and server share the machine)"
  echo
  echo "| connections | requests | requests/s | p50 ms | p99 ms | p99.9 ms | errors | server CPU s per 10,000 | server peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$work/results.md"
for run in "${LOAD[@]}"; do
  set -- $run
  java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$port" ses "$1" "$2" \
    "$server" | tee -a "$work/results.md"
done
server_cpu=$(grep '^| 64 ' "$work/results.md" | awk -F'|' '{gsub(/ /,"",$9); print $9}')

# The server was warmed by the rows above (about 80,000 requests); the raw program gets 50,000 warm-up sends.
raw=$(java "${SERVER_FLAGS[@]}" -cp "$BENCH" dev.sesbinding.benchmarks.RawSdkSender "http://127.0.0.1:$stub_port" 64 \
  100000 50000 | tail -n 1)
raw_cpu=$(echo "$raw" | sed -E 's/.* ([0-9.]+) CPU s per 10,000/\1/')
# JMH on one core, the stub in its own process on the other, so that the stub's threads and garbage stay out of the
# measured JVM (without taskset both share the machine, and the ratio moves more from run to run).
pin_stub=(); pin_jmh=()
if command -v taskset > /dev/null && [ "$(nproc)" -ge 2 ]; then pin_stub=(taskset -c 1); pin_jmh=(taskset -c 0); fi
{
  echo
  echo "## CPU cost against the raw SDK (same stub, same 64 in flight, same flags, both warmed up)"
  echo
  echo "- $raw"
  echo "- server: $server_cpu CPU s per 10,000 emails at 64 connections"
  echo "- ratio server / raw SDK: **$(python3 -c "print(round($server_cpu / $raw_cpu, 2))")**"
  echo
  echo "## JMH (one run; emails/s for the first three, ns per call for the pure-CPU steps; ${pin_jmh[*]:-unpinned})"
  echo
  echo '```'
} >> "$work/results.md"
jmh_stub_port=$(free_port)
"${pin_stub[@]}" java -Xmx64m -XX:+UseSerialGC -cp "$BENCH" dev.sesbinding.benchmarks.FastSesStub "$jmh_stub_port" \
  > "$work/jmh-stub.log" 2>&1 &
pids+=($!)
until grep -q listening "$work/jmh-stub.log"; do sleep 0.1; done
"${pin_jmh[@]}" java -jar "$BENCH" "InvokeBenchmark|CpuBenchmark" -rf text -rff "$work/jmh.txt" \
  -jvmArgsAppend "-Dses.stub=http://127.0.0.1:$jmh_stub_port" $JMH_ARGS > "$work/jmh.log" 2>&1
cat "$work/jmh.txt" >> "$work/results.md"
core=$(awk '/InvokeBenchmark.coreInvoke/ {print $(NF-3)}' "$work/jmh.txt")
floor=$(awk '/InvokeBenchmark.rawSdkSendEmail/ {print $(NF-3)}' "$work/jmh.txt")
{
  echo '```'
  echo
  echo "core invoke / raw SDK throughput at 64 in flight: **$(python3 -c "print(round($core / $floor, 2))")**"
} >> "$work/results.md"
# Keep the sections other scripts write (soak.sh, grpc-vs-http.sh) when the rest is measured again.
for name in grpc soak; do
  if grep -q "<!-- $name -->" benchmarks/results.md 2>/dev/null; then
    { echo; sed -n "/<!-- $name -->/,/<!-- \/$name -->/p" benchmarks/results.md; } >> "$work/results.md"
  fi
done
cp "$work/results.md" benchmarks/results.md
cat benchmarks/results.md

#!/usr/bin/env bash
# What metrics cost: the same email at the same concurrency (64 by default) through two servers at once and the
# fast SES stub, one as the README runs it (metrics on: every call counted, each SES attempt told by the SDK's
# interceptor hooks) and one with --enable-metrics=false; rounds alternate, and which goes first alternates (9 rounds
# by default; the first warms the JIT and is left out of the summary); /metrics is scraped once a round, as
# Prometheus would. Writes the "Metrics" section of benchmarks/results.md. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${CONCURRENCY:-64}
COUNT=${COUNT:-60000}
ROUNDS=${ROUNDS:-9}
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -pl server,benchmarks -am package -DskipTests
source benchmarks/lib.sh
start_stub
write_components
metrics_port=$(free_port)
start_server --max-in-flight 4096 --metrics-port "$metrics_port"
on_port=$port
on_server=$server
start_server --max-in-flight 4096 --enable-metrics=false
off_port=$port
off_server=$server
rows="$work/rows.md"
run_on() {
  echo -n "| metrics on, round $1 " >> "$rows"
  java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$on_port" ses "$CONCURRENCY" \
    "$COUNT" "$on_server" >> "$rows"
  curl -sf "http://127.0.0.1:$metrics_port/metrics" > "$work/scrape.txt"
}
run_off() {
  echo -n "| metrics off, round $1 " >> "$rows"
  java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$off_port" ses "$CONCURRENCY" \
    "$COUNT" "$off_server" >> "$rows"
}
# Which goes first alternates too: a round's second run finds the machine warmer.
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then run_on "$round"; run_off "$round"; else run_off "$round"; run_on "$round"; fi
done
section="$work/section.md"
{
  echo "## Metrics, $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/observability.sh\`: two servers at once (\`${SERVER_FLAGS[*]}\`), one with metrics on"
  echo "(the default) and one with \`--enable-metrics=false\`, the fast SES stub, the same email over HTTP at"
  echo "$CONCURRENCY connections. Rounds alternate, and which server goes first alternates; /metrics is scraped after"
  echo "each run with metrics on. Server CPU from its own counters."
  echo
  echo "| metrics | concurrency | requests | requests/s | p50 ms | p99 ms | p99.9 ms | errors | server CPU s per 10,000 | server peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  sed 's/^| \(metrics on\|metrics off\), round \([0-9]*\) |/| \1 (round \2) |/' "$rows"
  echo
  awk -F'|' '$2 !~ /round 1 / {gsub(/[ ,]/, "", $5); kind = ($2 ~ /on/) ? "on" : "off";
    rate[kind] += $5; cpu[kind] += $10; n[kind]++}
    END {printf "Warm rounds (all but the first), mean: metrics on %.0f requests/s at %.2f CPU s per 10,000; off %.0f at %.2f (CPU per email %.2fx, throughput %.2fx with metrics on).\n",
      rate["on"]/n["on"], cpu["on"]/n["on"], rate["off"]/n["off"], cpu["off"]/n["off"],
      (cpu["on"]/n["on"])/(cpu["off"]/n["off"]), (rate["on"]/n["on"])/(rate["off"]/n["off"])}' "$rows"
  echo
  echo "The last scrape held $(grep -c '^[a-z]' "$work/scrape.txt") samples ($(wc -c < "$work/scrape.txt") bytes)."
} > "$section"
write_section metrics "$section"
cat "$section"

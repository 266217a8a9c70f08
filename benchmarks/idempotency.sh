#!/usr/bin/env bash
# What idempotencyKey costs: the same email at the same concurrency (64 by default) through one server and the fast
# SES stub, without a key, with a key of its own per request kept in memory, and kept in a real Redis
# (redis-server on a free loopback port, started here); rounds alternate (4 by default; the first warms the JIT and
# is left out of the summary). Writes the "Idempotency keys" section of benchmarks/results.md. Not part of the test
# command.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${CONCURRENCY:-64}
COUNT=${COUNT:-60000}
ROUNDS=${ROUNDS:-4}
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -pl server,benchmarks -am package -DskipTests
source benchmarks/lib.sh
start_stub
write_components
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no > "$work/redis.log" 2>&1 &
pids+=($!)
until grep -q "Ready to accept" "$work/redis.log"; do sleep 0.1; done
# The keys of a run: a short window, and room for all of them inside it.
for store in memory redis; do
  sed -e "s/name: ses$/name: ses-$store/" \
    -e "/emailFrom/a\\  - {name: idempotencyWindow, value: 2s}\\n  - {name: idempotencyMaxKeys, value: \"24000\"}" \
    "$work/ses.yaml" > "$work/ses-$store.yaml"
done
cat >> "$work/ses-redis.yaml" <<YAML
  - {name: idempotencyStore, value: redis}
  - {name: redisHost, value: "127.0.0.1:$redis_port"}
YAML
start_server --max-in-flight 4096
rows="$work/rows.md"
for round in $(seq 1 "$ROUNDS"); do
  echo -n "| no key, round $round " >> "$rows"
  java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$port" ses "$CONCURRENCY" \
    "$COUNT" "$server" >> "$rows"
  for store in memory redis; do
    echo -n "| key in $store, round $round " >> "$rows"
    java -Xmx256m -DidempotencyKeys="r$round-$store" -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator \
      "http://127.0.0.1:$port" "ses-$store" "$CONCURRENCY" "$COUNT" "$server" >> "$rows"
  done
done
section="$work/section.md"
{
  echo "## Idempotency keys, $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/idempotency.sh\`: one server (\`${SERVER_FLAGS[*]}\`), the fast SES stub, the same email over"
  echo "HTTP at $CONCURRENCY connections; without a key, and with a key of its own per request, kept in memory or in a"
  echo "real Redis (\`redis-server\` on loopback; its own CPU is not counted). Rounds alternate. Server CPU from its"
  echo "own counters."
  echo
  echo "| keys | concurrency | requests | requests/s | p50 ms | p99 ms | p99.9 ms | errors | server CPU s per 10,000 | server peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  sed 's/^| \(no key\|key in memory\|key in redis\), round \([0-9]*\) |/| \1 (round \2) |/' "$rows"
  echo
  awk -F'|' '$2 !~ /round 1 / {gsub(/[ ,]/, "", $5); kind = ($2 ~ /no key/) ? "none" : ($2 ~ /memory/) ? "memory" : "redis";
    rate[kind] += $5; cpu[kind] += $10; n[kind]++}
    END {printf "Warm rounds (all but the first), mean: no key %.0f requests/s at %.2f CPU s per 10,000; keys in memory %.0f at %.2f (CPU per email %.2fx, throughput %.2fx); keys in Redis %.0f at %.2f (CPU per email %.2fx, throughput %.2fx).\n",
      rate["none"]/n["none"], cpu["none"]/n["none"], rate["memory"]/n["memory"], cpu["memory"]/n["memory"],
      (cpu["memory"]/n["memory"])/(cpu["none"]/n["none"]), (rate["memory"]/n["memory"])/(rate["none"]/n["none"]),
      rate["redis"]/n["redis"], cpu["redis"]/n["redis"],
      (cpu["redis"]/n["redis"])/(cpu["none"]/n["none"]), (rate["redis"]/n["redis"])/(rate["none"]/n["none"])}' "$rows"
} > "$section"
write_section idempotency "$section"
cat "$section"

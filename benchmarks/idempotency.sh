#!/usr/bin/env bash
# What idempotencyKey costs: the same email at the same concurrency (64 by default) through the server and the
# fast SES stub, with a key of its own per request kept in memory, and kept in a real Redis (redis-server on a free
# loopback port, started here). Each store on a server of its own, its rounds alternating with rounds without a
# key (6 by default; the first warms the JIT and is left out of the summary). Writes the "Idempotency keys" section
# of benchmarks/results.md. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${CONCURRENCY:-64}
COUNT=${COUNT:-60000}
ROUNDS=${ROUNDS:-6}
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
rows="$work/rows.md"
# Each store on a server of its own, beside the same server without keys: code that one store's path
# has made the JIT compile otherwise (Redis's answers arrive on another thread) would be counted
# against the other's.
for store in memory redis; do
  start_server --max-in-flight 4096
  for round in $(seq 1 "$ROUNDS"); do
    echo -n "| no key, $store's server, round $round " >> "$rows"
    java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$port" ses "$CONCURRENCY" \
      "$COUNT" "$server" >> "$rows"
    echo -n "| key in $store, round $round " >> "$rows"
    java -Xmx256m -DidempotencyKeys="r$round-$store" -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator \
      "http://127.0.0.1:$port" "ses-$store" "$CONCURRENCY" "$COUNT" "$server" >> "$rows"
  done
  kill "$server"
  wait "$server" 2>/dev/null || true
done
section="$work/section.md"
{
  echo "## Idempotency keys, $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/idempotency.sh\`: the server (\`${SERVER_FLAGS[*]}\`), the fast SES stub, the same email over"
  echo "HTTP at $CONCURRENCY connections; without a key, and with a key of its own per request, kept in memory or in a"
  echo "real Redis (\`redis-server\` on loopback; its own CPU is not counted). Each store runs on a server of its own,"
  echo "its rounds alternating with rounds without a key on that server. Server CPU from its own counters."
  echo
  echo "| keys | concurrency | requests | requests/s | p50 ms | p99 ms | p99.9 ms | errors | server CPU s per 10,000 | server peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  sed 's/^| \(no key, [a-z]*.s server\|key in memory\|key in redis\), round \([0-9]*\) |/| \1 (round \2) |/' "$rows"
  echo
  awk -F'|' '$2 !~ /round 1 / {gsub(/[ ,]/, "", $5);
    kind = ($2 ~ /memory.s server/) ? "none-m" : ($2 ~ /redis.s server/) ? "none-r" : ($2 ~ /memory/) ? "memory" : "redis";
    rate[kind] += $5; cpu[kind] += $10; n[kind]++}
    function mean(a, k) { return a[k] / n[k] }
    END {printf "Warm rounds (all but the first), mean: keys in memory %.0f requests/s at %.2f CPU s per 10,000 against %.0f at %.2f without a key on the same server (CPU per email %.2fx, throughput %.2fx); keys in Redis %.0f at %.2f against %.0f at %.2f (CPU per email %.2fx, throughput %.2fx).\n",
      mean(rate, "memory"), mean(cpu, "memory"), mean(rate, "none-m"), mean(cpu, "none-m"),
      mean(cpu, "memory") / mean(cpu, "none-m"), mean(rate, "memory") / mean(rate, "none-m"),
      mean(rate, "redis"), mean(cpu, "redis"), mean(rate, "none-r"), mean(cpu, "none-r"),
      mean(cpu, "redis") / mean(cpu, "none-r"), mean(rate, "redis") / mean(rate, "none-r")}' "$rows"
} > "$section"
write_section idempotency "$section"
cat "$section"

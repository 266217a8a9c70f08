#!/usr/bin/env bash
# Dapr's gRPC API beside the HTTP API, same server, same email, same fast SES stub, same concurrency (64 by
# default): throughput, latency percentiles and the server's CPU per 10,000 emails, rounds alternating (4 by default;
# the first warms the JIT and is left out of the summary).
# Writes the "gRPC and HTTP" section of benchmarks/results.md. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${CONCURRENCY:-64}
COUNT=${COUNT:-100000}
ROUNDS=${ROUNDS:-4}
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -pl server,benchmarks -am package -DskipTests
source benchmarks/lib.sh
start_stub
write_components
start_server --max-in-flight 4096
rows="$work/rows.md"
for round in $(seq 1 "$ROUNDS"); do
  echo -n "| HTTP, round $round " >> "$rows"
  java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$port" ses "$CONCURRENCY" \
    "$COUNT" "$server" >> "$rows"
  echo -n "| gRPC, round $round " >> "$rows"
  java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.GrpcLoadGenerator 127.0.0.1 "$grpc_port" ses \
    "$CONCURRENCY" "$COUNT" "$server" >> "$rows"
done
section="$work/section.md"
{
  echo "## gRPC and HTTP, $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/grpc-vs-http.sh\`: one server (\`${SERVER_FLAGS[*]}\`), the fast SES stub, the same email;"
  echo "HTTP from the Vert.x load generator ($CONCURRENCY connections), gRPC from grpc-java ($CONCURRENCY calls in"
  echo "flight on one HTTP/2 connection, as Dapr's SDKs use); rounds alternate. Server CPU from its own counters."
  echo
  echo "| API | concurrency | requests | requests/s | p50 ms | p99 ms | p99.9 ms | errors | server CPU s per 10,000 | server peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  sed 's/^| \(HTTP\|gRPC\), round \([0-9]*\) |/| \1 (round \2) |/' "$rows"
  echo
  awk -F'|' '$2 !~ /round 1 / {gsub(/[ ,]/, "", $5); api = ($2 ~ /HTTP/) ? "HTTP" : "gRPC"; rate[api] += $5;
    cpu[api] += $10; n[api]++}
    END {printf "Warm rounds (all but the first), mean: HTTP %.0f requests/s at %.2f CPU s per 10,000; gRPC %.0f requests/s at %.2f (gRPC/HTTP: throughput %.2f, CPU per email %.2f).\n",
      rate["HTTP"]/n["HTTP"], cpu["HTTP"]/n["HTTP"], rate["gRPC"]/n["gRPC"], cpu["gRPC"]/n["gRPC"],
      (rate["gRPC"]/n["gRPC"])/(rate["HTTP"]/n["HTTP"]), (cpu["gRPC"]/n["gRPC"])/(cpu["HTTP"]/n["HTTP"])}' "$rows"
} > "$section"
write_section grpc "$section"
cat "$section"

#!/usr/bin/env bash
# The pluggable component's socket hop: the same email at the same concurrency (64 by default) through core in
# process and as Invoke on the socket of the server jar started with --pluggable (README flags), each measured in
# the process that does the work, rounds alternating, against the fast SES stub. Writes the "Pluggable component"
# section of benchmarks/results.md. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${CONCURRENCY:-64}
COUNT=${COUNT:-100000}
ROUNDS=${ROUNDS:-4}
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -pl server,benchmarks -am package -DskipTests
source benchmarks/lib.sh
start_stub
mkdir "$work/sockets"
java "${SERVER_FLAGS[@]}" -jar "$SERVER" --pluggable ses-binding --components-socket-folder "$work/sockets" \
  > "$work/component.log" 2>&1 &
component=$!
pids+=($component)
until grep -q "ready as Dapr pluggable component" "$work/component.log"; do sleep 0.1; done
rows="$work/rows.md"
java "${SERVER_FLAGS[@]}" -cp "$BENCH" dev.sesbinding.benchmarks.SocketHop "http://127.0.0.1:$stub_port" \
  "$work/sockets/ses-binding.sock" "$component" "$CONCURRENCY" "$COUNT" "$ROUNDS" | tee "$rows"
# The first round of each warms the JIT further and is left out.
hop=$(awk -F'|' '$2 ~ /round 1 / {next} /core in process/ {c += $9; n++} /on the socket/ {s += $9; m++}
  END {printf "%.1f", s/m - c/n}' "$rows")
section="$work/section.md"
{
  echo "## Pluggable component: the socket hop, $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/socket-hop.sh\`: the same email at the same concurrency through \`core\` in one JVM, and"
  echo "as \`Invoke\` on the Unix socket of the server jar run with \`--pluggable\`, both with the README's flags"
  echo "(\`${SERVER_FLAGS[*]}\`) and the fast SES stub, rounds alternating after 50,000 warm-up sends each. CPU is"
  echo "the working process's own (the in-process JVM; the component process, not the caller playing daprd)."
  echo
  echo "| route | concurrency | requests | requests/s | p50 ms | p99 ms | errors | CPU µs per email |"
  echo "|---|---|---|---|---|---|---|---|"
  cat "$rows"
  echo
  echo "The socket hop adds **${hop} µs** of CPU per email (mean of the socket rounds less the mean of the core rounds,"
  echo "leaving out round 1 of each, which still warms the JIT)."
} > "$section"
write_section pluggable "$section"
cat "$section"

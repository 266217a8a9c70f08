#!/usr/bin/env bash
# The server's footprint under the README's flags and under candidates that keep every bound of the README (the
# same -Xmx, so the same memory budget): C1 only; C2 with less inlining, with smaller graphs, with both, with both
# and hot methods inlined less, and with both and glibc held to two malloc arenas. Each variant is a server of its own;
# rounds alternate (3 by default; the first warms the JITs and is left out of the summary). Peak RSS is the
# process's high-water mark (JIT compilation included); end RSS is read after each round. Then a run with Native
# Memory Tracking says where the README flags' memory goes. The same email at 64 connections over HTTP, SES answered
# by the fast stub. Writes the "footprint" section of benchmarks/results.md. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${CONCURRENCY:-64}
COUNT=${COUNT:-30000}
ROUNDS=${ROUNDS:-3}
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -pl server,benchmarks -am package -DskipTests
source benchmarks/lib.sh
start_stub
write_components

TIERED=(-XX:+TieredCompilation -XX:CICompilerCount=2)
variants=(readme c1 inline nodes lean leaner malloc2)
declare -A env_of flags_of args_of
for variant in "${variants[@]}"; do env_of[$variant]=""; flags_of[$variant]=""; args_of[$variant]=""; done
INLINE=(-XX:MaxInlineLevel=9 -XX:InlineSmallCode=1000)
NODES=(-XX:MaxNodeLimit=24000 -XX:NodeLimitFudgeFactor=800)
flags_of[c1]="${TIERED[*]} -XX:TieredStopAtLevel=1"
flags_of[inline]="${INLINE[*]}"
flags_of[nodes]="${NODES[*]}"
flags_of[lean]="${INLINE[*]} ${NODES[*]}"
flags_of[leaner]="${INLINE[*]} ${NODES[*]} -XX:FreqInlineSize=150"
env_of[malloc2]="MALLOC_ARENA_MAX=2"; flags_of[malloc2]="${INLINE[*]} ${NODES[*]}"

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# Starts variant $1 (the README's flags, then its own, which win; $2 more flags); sets port, server, idle.
start_variant() {
  port=$(free_port)
  # shellcheck disable=SC2086
  env ${env_of[$1]} java "${SERVER_FLAGS[@]}" ${flags_of[$1]} ${2:-} -jar "$SERVER" --resources-path "$work" \
    --dapr-http-port "$port" --dapr-grpc-port "$(free_port)" --metrics-port "$(free_port)" \
    --max-in-flight 4096 ${args_of[$1]} > "$work/server-$1.log" 2>&1 &
  server=$!
  pids+=($server)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1.0/healthz")" = 204 ]; do sleep 0.01; done
  sleep 1
  idle=$(rss_mib "$server")
}

declare -A port_of pid_of idle_of
for variant in "${variants[@]}"; do
  start_variant "$variant"
  port_of[$variant]=$port; pid_of[$variant]=$server; idle_of[$variant]=$idle
done
rows="$work/rows.md"
for round in $(seq 1 "$ROUNDS"); do
  for variant in "${variants[@]}"; do
    row=$(java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:${port_of[$variant]}" \
      ses "$CONCURRENCY" "$COUNT" "${pid_of[$variant]}")
    sleep 2
    echo "| $variant, round $round $row $(rss_mib "${pid_of[$variant]}") |" >> "$rows"
  done
done
for variant in "${variants[@]}"; do kill "${pid_of[$variant]}"; done

# Where the README flags' memory goes, at the end of a loaded round.
start_variant readme "-XX:NativeMemoryTracking=summary"
java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$port" ses \
  "$CONCURRENCY" "$COUNT" "$server" > /dev/null
nmt_rss=$(rss_mib "$server")
nmt_peak=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")
jcmd "$server" VM.native_memory summary > "$work/nmt.txt"
threads=$(ls "/proc/$server/task" | wc -l)
kill "$server"

section="$work/section.md"
{
  echo "## footprint, $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/footprint.sh\`: the same email over HTTP at $CONCURRENCY connections, SES answered by the fast"
  echo "stub, one server per variant, rounds alternating. Every variant has the README's flags"
  echo "(\`${SERVER_FLAGS[*]}\`), so the same memory budget, and adds one change:"
  for variant in "${variants[@]:1}"; do
    echo "\`$variant\` \`${env_of[$variant]}${env_of[$variant]:+ }${flags_of[$variant]}${args_of[$variant]}\`;"
  done
  echo "Peak RSS is the high-water mark since start; end RSS is read 2 s after the round."
  echo
  echo "| variant | concurrency | requests | requests/s | p50 ms | p99 ms | p99.9 ms | errors | CPU s per 10,000 | peak RSS MiB | end RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  sed 's/^| \([^,]*\), round \([0-9]*\) |/| \1 (round \2) |/' "$rows"
  echo
  echo -n "Idle RSS, MiB:"
  for variant in "${variants[@]}"; do echo -n " $variant ${idle_of[$variant]};"; done
  echo
  echo
  awk -F'|' '$2 !~ /round 1 / {v = $2; sub(/,.*/, "", v); sub(/^ +/, "", v); gsub(/[ ,]/, "", $5);
    rate[v] += $5; cpu[v] += $10; p99[v] += $7; rss[v] = ($11 > rss[v]) ? $11 : rss[v]; end[v] += $12; n[v]++;
    if (!(v in seen)) {seen[v] = 1; order[++k] = v}}
    END {printf "Warm rounds, mean:"; for (i = 1; i <= k; i++) {v = order[i];
      printf " %s %.0f requests/s, %.2f CPU s per 10,000 (%.2fx readme), p99 %.1f ms, peak %d MiB (%.2fx), end %.0f MiB;",
        v, rate[v]/n[v], cpu[v]/n[v], (cpu[v]/n[v])/(cpu["readme"]/n["readme"]), p99[v]/n[v], rss[v],
        rss[v]/rss["readme"], end[v]/n[v]}
      print ""}' "$rows"
  echo
  echo "Native Memory Tracking of the README's flags after one loaded round (RSS $nmt_rss MiB, peak $nmt_peak MiB,"
  echo "$threads threads; what the JVM has committed, by category):"
  echo
  echo '```'
  grep -E "^(Total|-)" "$work/nmt.txt" | sed -E 's/reserved=[0-9]+KB, //; s/^- +/  /' \
    | grep -E "Total|Java Heap|Class|Thread|Code|GC|Compiler|Internal|Other|Symbol|Native Memory|Arena|Metaspace|Shared"
  echo '```'
} > "$section"
write_section footprint "$section"
cat "$section"

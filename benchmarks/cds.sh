#!/usr/bin/env bash
# Class-data sharing for the server: a dynamic CDS archive (JDK 17's -XX:ArchiveClassesAtExit) made by one run that
# starts and sends a few emails, then starts with and without it, alternating (5 each by default): the time to
# healthy, the idle RSS, and one loaded round each (64 connections over HTTP, SES answered by the fast stub). Writes
# the "cds" section of benchmarks/results.md. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
STARTS=${STARTS:-5}
COUNT=${COUNT:-30000}
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -pl server,benchmarks -am package -DskipTests
source benchmarks/lib.sh
start_stub
write_components
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
stop() { kill "$1"; while kill -0 "$1" 2>/dev/null; do sleep 0.05; done; }

# The archive: one run that starts, sends, and stops (the JVM writes the archive as it exits).
base=("${SERVER_FLAGS[@]}")
SERVER_FLAGS=("${base[@]}" "-XX:ArchiveClassesAtExit=$work/server.jsa")
start_server --max-in-flight 4096
java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$port" ses 16 2000 "$server" 200 > /dev/null
stop "$server"
archive_mib=$(( $(stat -c %s "$work/server.jsa") / 1048576 ))

rows="$work/rows.md"
for i in $(seq 1 "$STARTS"); do
  for variant in without with; do
    if [ "$variant" = with ]; then SERVER_FLAGS=("${base[@]}" "-XX:SharedArchiveFile=$work/server.jsa"); else SERVER_FLAGS=("${base[@]}"); fi
    start_server --max-in-flight 4096
    sleep 1
    idle=$(rss_mib "$server")
    if [ "$i" = "$STARTS" ]; then
      load=$(java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$port" ses 64 "$COUNT" "$server")
    else
      load=""
    fi
    echo "$variant $ready_ms $idle $load" >> "$rows"
    stop "$server"
  done
done
section="$work/section.md"
{
  echo "## cds, $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/cds.sh\`: a dynamic CDS archive of the server ($archive_mib MiB, from one run that started and"
  echo "sent 2,000 emails), then $STARTS starts with \`-XX:SharedArchiveFile\` and $STARTS without, alternating, under the README's"
  echo "flags."
  echo
  awk '{n[$1]++; ready[$1] += $2; idle[$1] += $3} END {
    printf "Mean time to healthy: without the archive %.0f ms, with it %.0f ms (%.2fx). Mean idle RSS: without %.0f MiB, with %.0f MiB.\n",
      ready["without"]/n["without"], ready["with"]/n["with"], (ready["with"]/n["with"])/(ready["without"]/n["without"]),
      idle["without"]/n["without"], idle["with"]/n["with"]}' "$rows"
  echo
  echo "One loaded round each, after the last start (the JIT cold in both):"
  echo
  echo "| variant | concurrency | requests | requests/s | p50 ms | p99 ms | p99.9 ms | errors | CPU s per 10,000 | peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  awk 'NF > 3 {v = $1; $1 = $2 = $3 = ""; sub(/^ +/, ""); print "| " v " archive " $0}' "$rows"
} > "$section"
write_section cds "$section"
cat "$section"

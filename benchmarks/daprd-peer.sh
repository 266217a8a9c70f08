#!/usr/bin/env bash
# The daprd peer: the same email at the same concurrency (64 by default) over Dapr's HTTP and gRPC APIs through this
# server (with its default SES client, and with --ses-client sdk), through daprd with its built-in bindings.aws.ses, and
# through daprd calling this binding as a pluggable component, with SES answered by the fast stub. CPU per email and peak RSS count every process on the path (daprd and the
# component together for the third); idle RSS and the time to healthy are read before any load. Rounds alternate
# (4 by default; the first warms the JITs and is left out of the summary). daprd comes from DAPRD, else
# ../shared/daprd/path; without one the script says so and stops. The load comes from h2load (LOAD=native, the
# default when nghttp2-client is installed), else from the Java generators (LOAD=java): on 2 cores the Java ones take
# from the measured processes several times the CPU the server itself spends per email. Writes the "daprd peer"
# section of benchmarks/results.md. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${CONCURRENCY:-64}
COUNT=${COUNT:-30000}
ROUNDS=${ROUNDS:-4}
LOAD=${LOAD:-native}
if [ -z "${DAPRD:-}" ] && [ -f ../shared/daprd/path ]; then
  DAPRD=$(sh ../shared/daprd/path)
fi
if [ -z "${DAPRD:-}" ] || [ ! -x "$DAPRD" ]; then
  echo "skipped: no daprd (set DAPRD, or provide ../shared/daprd/path)"
  exit 0
fi
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -pl server,benchmarks -am package -DskipTests
source benchmarks/lib.sh
source benchmarks/native-load.sh
if [ "$LOAD" = native ] && ! native_load_available; then
  echo "no h2load (apt-get install nghttp2-client): the load comes from the Java generators"
  LOAD=java
fi
start_stub
write_components
[ "$LOAD" = java ] || native_load_setup

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
healthy() { until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/v1.0/healthz")" = 204 ]; do sleep 0.01; done; }

# Starts daprd with the components of folder $1 (and the sockets folder $2, or none); sets daprd, daprd_port,
# daprd_grpc, ready_ms.
start_daprd() {
  daprd_port=$(free_port)
  daprd_grpc=$(free_port)
  local started
  started=$(date +%s%N)
  DAPR_COMPONENTS_SOCKETS_FOLDER="${2:-}" AWS_ENDPOINT_URL_SES="http://127.0.0.1:$stub_port" "$DAPRD" \
    --app-id peer --resources-path "$1" --log-level warn \
    --dapr-listen-addresses 127.0.0.1 --dapr-http-port "$daprd_port" --dapr-grpc-port "$daprd_grpc" \
    --dapr-internal-grpc-listen-address 127.0.0.1 --dapr-internal-grpc-port "$(free_port)" \
    --dapr-public-listen-address 127.0.0.1 --dapr-public-port "$(free_port)" \
    --metrics-listen-address 127.0.0.1 --metrics-port "$(free_port)" --profile-port "$(free_port)" \
    > "$work/daprd-$daprd_port.log" 2>&1 &
  daprd=$!
  pids+=($daprd)
  healthy "$daprd_port"
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

# 1. this server (the default --ses-client vertx), and beside it the same server with the AWS SDK's client
start_server --max-in-flight 4096
server_port=$port
server_grpc=$grpc_port
server_pid=$server
server_ready=$ready_ms
server_idle=$(rss_mib "$server_pid")
start_server --max-in-flight 4096 --ses-client sdk
sdk_port=$port
sdk_grpc=$grpc_port
sdk_pid=$server
sdk_idle=$(rss_mib "$sdk_pid")

# 2. daprd's own binding (it has no endpoint key: AWS_ENDPOINT_URL_SES sends it to the stub)
mkdir -p "$work/builtin"
sed -e '/name: endpoint/d' "$work/ses.yaml" > "$work/builtin/ses.yaml"
start_daprd "$work/builtin"
builtin_port=$daprd_port
builtin_grpc=$daprd_grpc
builtin_pid=$daprd
builtin_ready=$ready_ms
builtin_idle=$(rss_mib "$builtin_pid")

# 3. daprd and this binding as its pluggable component
mkdir -p "$work/sockets" "$work/plug"
started=$(date +%s%N)
java "${SERVER_FLAGS[@]}" -jar "$SERVER" --pluggable ses-binding --components-socket-folder "$work/sockets" \
  --metrics-port "$(free_port)" > "$work/component.log" 2>&1 &
component_pid=$!
pids+=($component_pid)
until [ -S "$work/sockets/ses-binding.sock" ]; do sleep 0.01; done
sed -e 's/type: bindings.aws.ses/type: bindings.ses-binding/' "$work/ses.yaml" > "$work/plug/ses.yaml"
start_daprd "$work/plug" "$work/sockets"
plug_port=$daprd_port
plug_grpc=$daprd_grpc
plug_pids="$daprd,$component_pid"
plug_ready=$(( ($(date +%s%N) - started) / 1000000 ))
plug_idle=$(( $(rss_mib "$daprd") + $(rss_mib "$component_pid") ))

threads() { local total=0 pid; for pid in ${1//,/ }; do total=$(( total + $(ls "/proc/$pid/task" | wc -l) )); done; echo "$total"; }
rss_sum() { local total=0 pid; for pid in ${1//,/ }; do total=$(( total + $(rss_mib "$pid") )); done; echo "$total"; }
server_threads=$(threads "$server_pid"); builtin_threads=$(threads "$builtin_pid"); plug_threads=$(threads "$plug_pids")

# load_row API PORT PIDS: one row of the table; the generator's own CPU seconds go to $work/generator-API.txt.
load_row() {
  local TIMEFORMAT='%U %S'
  { time {
    if [ "$LOAD" = native ]; then
      h2load_row "$1" "$2" "$CONCURRENCY" "$COUNT" "$3"
    elif [ "$1" = http ]; then
      java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$2" ses \
        "$CONCURRENCY" "$COUNT" "$3"
    else
      java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.GrpcLoadGenerator 127.0.0.1 "$2" ses \
        "$CONCURRENCY" "$COUNT" "$3"
    fi
  } 2>&3; } 2>> "$work/generator-$1.txt"
}
exec 3>&2
# generator_cpu API: the generator's mean CPU seconds per 10,000 calls (its warm-up counted), rounds after the first.
generator_cpu() {
  awk -v skip=4 -v calls=$(( COUNT + 5000 )) '/^[0-9.]+ [0-9.]+$/ && ++n > skip {sum += $1 + $2; k++}
    END {printf "%.2f", k ? sum / k * 10000 / calls : 0}' "$work/generator-$1.txt"
}

rows="$work/rows.md"
for round in $(seq 1 "$ROUNDS"); do
  for path in server sdk builtin plug; do
    case $path in
      server) url_port=$server_port; rpc_port=$server_grpc; measured=$server_pid; label="this server" ;;
      sdk) url_port=$sdk_port; rpc_port=$sdk_grpc; measured=$sdk_pid; label="this server with the SDK client" ;;
      builtin) url_port=$builtin_port; rpc_port=$builtin_grpc; measured=$builtin_pid; label="daprd built-in" ;;
      plug) url_port=$plug_port; rpc_port=$plug_grpc; measured=$plug_pids; label="daprd + this component" ;;
    esac
    echo -n "| $label HTTP, round $round " >> "$rows"
    load_row http "$url_port" "$measured" >> "$rows"
    echo -n "| $label gRPC, round $round " >> "$rows"
    load_row grpc "$rpc_port" "$measured" >> "$rows"
  done
  # The high-water marks start again after the first round (start-up, the JITs' compilations), so that the warm
  # rounds' own peak can be told apart; the summary's peak since start is the larger of the two.
  if [ "$round" = 1 ]; then
    for pid in $server_pid $sdk_pid $builtin_pid ${plug_pids//,/ }; do echo 5 > "/proc/$pid/clear_refs"; done
  fi
done
# A 10 MiB burst: 16 emails of 640 KiB of HTML each, all at once over HTTP, to each path; RSS read 2 s after.
python3 - "$work/burst.json" <<'PY'
import json, sys
html = "<p>" + "x" * (640 * 1024 - 7) + "</p>"
json.dump({"operation": "create", "data": html, "metadata": {"emailTo": "a@example.com", "subject": "burst"}},
          open(sys.argv[1], "w"))
PY
burst() {
  local i codes sending=()
  for i in $(seq 1 16); do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://127.0.0.1:$1/v1.0/bindings/ses" \
      -H 'Content-Type: application/json' --data-binary "@$work/burst.json" >> "$work/burst-$1.txt" &
    sending+=($!)
  done
  wait "${sending[@]}"
  sleep 2
  codes=$(sort "$work/burst-$1.txt" | uniq -c | awk '{printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1}')
  echo "$(rss_sum "$2") MiB after ($codes)"
}
server_burst=$(burst "$server_port" "$server_pid")
builtin_burst=$(burst "$builtin_port" "$builtin_pid")
plug_burst=$(burst "$plug_port" "$plug_pids")
section="$work/section.md"
{
  echo "## daprd peer, $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/daprd-peer.sh\` with $("$DAPRD" --version 2>/dev/null | head -1 || echo daprd): the same email over Dapr's HTTP and gRPC APIs at"
  echo "$CONCURRENCY connections, SES answered by the fast stub, through this server (\`${SERVER_FLAGS[*]}\`), through"
  echo "daprd with its built-in \`bindings.aws.ses\`, and through daprd calling this binding as a pluggable component"
  echo "(CPU and RSS of both processes). Rounds alternate; CPU from each process's own counters. Peak RSS is each"
  echo "process's high-water mark: in round 1 since start, in later rounds since the end of round 1 (start-up and the"
  echo "JITs' first compilations left out). The summary's peak is the larger, since start; \"warm rounds alone\" the later."
  echo
  echo "| path | concurrency | requests | requests/s | p50 ms | p99 ms | p99.9 ms | errors | CPU s per 10,000 | peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  sed 's/^| \([^,]*\), round \([0-9]*\) |/| \1 (round \2) |/' "$rows"
  echo
  if [ "$LOAD" = native ]; then
    echo "The load came from h2load ($(h2load --version | head -1 | sed "s/^h2load //")): HTTP/1.1 with one call at a time on each"
    echo "of the $CONCURRENCY connections, gRPC as $CONCURRENCY streams on one connection (as Dapr's SDKs call)."
  else
    echo "The load came from the Java generators (\`LoadGenerator\`, \`GrpcLoadGenerator\`)."
  fi
  echo "Each round is a warm-up of 5,000 calls, then $(echo "$COUNT" | sed -E ':a;s/([0-9])([0-9]{3})($|,)/\1,\2\3/;ta') measured. The generator's own CPU,"
  echo "taken from the same $(nproc) cores, warm rounds, mean per 10,000 calls (its warm-up counted): $(generator_cpu http) s over"
  echo "HTTP, $(generator_cpu grpc) s over gRPC."
  echo
  echo "\"this server\" calls SES over its own event loops (the default \`--ses-client vertx\`), as does the component;"
  echo "\"this server with the SDK client\" is the same server with \`--ses-client sdk\` ($sdk_idle MiB idle)."
  echo
  echo "Before any load: this server ready in $server_ready ms at $server_idle MiB; daprd built-in in $builtin_ready ms at"
  echo "$builtin_idle MiB; daprd and the component in $plug_ready ms at $plug_idle MiB together. Threads before any load:"
  echo "this server $server_threads, daprd built-in $builtin_threads, daprd and the component $plug_threads together."
  echo
  echo "After the rounds, a 10 MiB burst (16 emails of 640 KiB of HTML at once over HTTP): this server $server_burst;"
  echo "daprd built-in $builtin_burst; daprd and the component $plug_burst."
  echo
  # peaks are per path, whichever API's round reached them: one process (or pair) serves both
  awk -F'|' '{label = $2; sub(/, round.*/, "", label); sub(/^ +/, "", label); path = label; sub(/ [^ ]+$/, "", path);
    peak[path] = ($11 > peak[path]) ? $11 : peak[path]}
    $2 !~ /round 1 / {gsub(/[ ,]/, "", $5); warm[path] = ($11 > warm[path]) ? $11 : warm[path];
    rate[label] += $5; cpu[label] += $10; p99[label] += $7; n[label]++}
    END {split("HTTP gRPC", protos, " ");
      for (i = 1; i <= 2; i++) {p = protos[i]; b = "daprd built-in " p; printf "Warm rounds over %s, mean:", p;
        split("this server|this server with the SDK client|daprd built-in|daprd + this component", kinds, "|");
        d = "daprd built-in";
        for (j = 1; j <= 4; j++) {q = kinds[j]; k = q " " p;
          printf " %s %.0f requests/s, %.2f CPU s per 10,000 (%.2fx daprd built-in), p99 %.1f ms, peak %d MiB (%.2fx; warm rounds alone %d MiB, %.2fx);",
            q, rate[k]/n[k], cpu[k]/n[k], (cpu[k]/n[k])/(cpu[b]/n[b]), p99[k]/n[k], peak[q], peak[q]/peak[d],
            warm[q], warm[q]/warm[d]}
        print ""; print ""}}' "$rows"
} > "$section"
write_section daprd-peer "$section"
cat "$section"

# Load from a native tool (source it after lib.sh and start_stub): nghttp2's h2load, over Dapr's HTTP API (HTTP/1.1,
# one request at a time on each connection) and its gRPC API (one HTTP/2 connection, as Dapr's SDKs use). Each run
# prints the row LoadGenerator prints. On a 2-core machine the Java generators' own CPU is taken from the processes
# they measure; h2load's is a small fraction of it (benchmarks/results.md quotes both). The email is the Java
# generators' own (LoadBodies).

# True when h2load is installed (Debian: apt-get install nghttp2-client).
native_load_available() { command -v h2load > /dev/null; }

# Writes the request bodies into $work; call once, before the first row.
native_load_setup() { java -cp "$BENCH" dev.sesbinding.benchmarks.LoadBodies "$work" ses; }

# CPU ticks (1/100 s) of the comma-separated pids together.
cpu_ticks() {
  local total=0 pid
  for pid in ${1//,/ }; do total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done
  echo "$total"
}

# h2load_row API PORT CONCURRENCY COUNT PIDS: API (http or grpc) at CONCURRENCY calls at a time, a warm-up of 5,000
# calls, then COUNT, measured. h2load cannot read gRPC's status, so for both APIs a call counts as done when the stub
# got its email: the errors are the calls it did not get.
h2load_row() {
  local url args before after sent peak=0 pid
  if [ "$1" = grpc ]; then
    url="http://127.0.0.1:$2/dapr.proto.runtime.v1.Dapr/InvokeBinding"
    args=(-c 1 -m "$3" -d "$work/grpc.bin" -H 'content-type: application/grpc' -H 'te: trailers')
  else
    url="http://127.0.0.1:$2/v1.0/bindings/ses"
    args=(--h1 -c "$3" -m 1 -d "$work/http.json" -H 'content-type: application/json')
  fi
  h2load -t 1 -n 5000 "${args[@]}" "$url" > /dev/null
  rm -f "$work/h2load.log"
  sent=$(curl -s "http://127.0.0.1:$stub_port/sent")
  before=$(cpu_ticks "$5")
  h2load -t 1 -n "$4" "${args[@]}" --log-file="$work/h2load.log" "$url" > "$work/h2load.out"
  after=$(cpu_ticks "$5")
  sent=$(( $(curl -s "http://127.0.0.1:$stub_port/sent") - sent ))
  for pid in ${5//,/ }; do peak=$(( peak + $(awk '/VmHWM/ {print $2}' "/proc/$pid/status") )); done
  # the log: start (µs since the epoch), status, µs to the end of the answer; one line a call
  sort -n -k3 "$work/h2load.log" | awk -v sent="$sent" -v conc="$3" -v ticks=$(( after - before )) -v peak="$peak" '
    function at(q,  i) { i = int(q * NR + 0.999999); return us[i < 1 ? 1 : i] / 1000 }
    function thousands(n,  s, out) {
      for (s = sprintf("%d", n); length(s) > 3; s = substr(s, 1, length(s) - 3)) out = "," substr(s, length(s) - 2) out
      return s out }
    { us[NR] = $3; if (NR == 1 || $1 < first) first = $1; if ($1 + $3 > last) last = $1 + $3 }
    END { printf "| %d | %s | %s | %.2f | %.2f | %.2f | %d | %.2f | %.0f |\n", conc, thousands(NR),
      thousands(NR / ((last - first) / 1e6) + 0.5), at(0.50), at(0.99), at(0.999), NR - sent,
      ticks / 100 * 10000 / NR, peak / 1024 }'
}

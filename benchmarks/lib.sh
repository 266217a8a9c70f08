# Shared by the benchmark scripts (source it): the README's server flags, free ports, the fast SES stub, the SES and
# outbox components, the server jar, and a section of benchmarks/results.md between markers. Everything listens on
# 127.0.0.1; what is started is stopped on exit.
SERVER_FLAGS=(-XX:+UseSerialGC -Xms24m -Xmn8m -Xmx160m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30
  -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -XX:-TieredCompilation -XX:CICompilerCount=1 -Xss512k
  -XX:+UnlockExperimentalVMOptions -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=1000
  -XX:+ExitOnOutOfMemoryError)
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
# Copies: a build during a long run must not replace the jars under the running JVMs.
cp benchmarks/target/benchmarks.jar server/target/ses-binding-server.jar "$work/"
BENCH=$work/benchmarks.jar
SERVER=$work/ses-binding-server.jar

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts the fast SES stub; sets stub_port.
start_stub() {
  stub_port=$(free_port)
  java -Xmx64m -XX:+UseSerialGC -cp "$BENCH" dev.sesbinding.benchmarks.FastSesStub "$stub_port" > "$work/stub.log" 2>&1 &
  pids+=($!)
  until grep -q listening "$work/stub.log"; do sleep 0.1; done
}

# Writes component "ses" (SES through the stub) and, with "outbox", component "outbox", into $work.
write_components() {
  cat > "$work/ses.yaml" <<YAML
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: ses
spec:
  type: bindings.aws.ses
  version: v1
  metadata:
  - {name: region, value: eu-west-1}
  - {name: endpoint, value: "http://127.0.0.1:$stub_port"}
  - {name: accessKey, value: AKIAIOSFODNN7EXAMPLE}
  - {name: secretKey, value: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}
  - {name: emailFrom, value: "Shop <noreply@example.com>"}
YAML
  if [ "${1:-}" = outbox ]; then
    cat > "$work/outbox.yaml" <<YAML
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: outbox
spec:
  type: bindings.aws.ses
  version: v1
  metadata:
  - {name: transport, value: outbox}
  - {name: emailFrom, value: "Shop <noreply@example.com>"}
YAML
  fi
}

# Starts the server jar with the README's flags and the given extra flags, waits for healthz 204; sets port,
# grpc_port, server (its pid) and ready_ms.
start_server() {
  port=$(free_port)
  grpc_port=$(free_port)
  local started
  started=$(date +%s%N)
  java "${SERVER_FLAGS[@]}" -jar "$SERVER" --resources-path "$work" --dapr-http-port "$port" \
    --dapr-grpc-port "$grpc_port" --metrics-port "$(free_port)" "$@" > "$work/server.log" 2>&1 &
  server=$!
  pids+=($server)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1.0/healthz")" = 204 ]; do sleep 0.01; done
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

# Replaces (or appends) the section of benchmarks/results.md marked NAME with the contents of FILE.
write_section() {
  python3 - "$1" "$2" <<'PY'
import re, sys
name, section = sys.argv[1], open(sys.argv[2]).read()
path = "benchmarks/results.md"
try:
    text = open(path).read()
except FileNotFoundError:
    text = ""
start, end = "<!-- %s -->" % name, "<!-- /%s -->" % name
block = start + "\n" + section + end + "\n"
if start in text:
    text = re.sub(re.escape(start) + ".*?" + re.escape(end) + "\n?", lambda m: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + block
open(path, "w").write(text)
PY
}

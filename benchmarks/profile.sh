#!/usr/bin/env bash
# Where the server's CPU goes: the server (README flags) under the same email at 64 connections over HTTP, SES
# answered by the fast stub, recorded by Java Flight Recorder after a warm-up; each execution sample is charged to
# the library of its top frame (self) and to every library on its stack (inclusive). Writes the "profile" section
# of benchmarks/results.md. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${CONCURRENCY:-64}
COUNT=${COUNT:-60000}
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -pl server,benchmarks -am package -DskipTests
source benchmarks/lib.sh
start_stub
write_components
start_server --max-in-flight 4096
java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$port" ses \
  "$CONCURRENCY" "$COUNT" "$server" > /dev/null
jcmd "$server" JFR.start name=profile settings=default filename="$work/profile.jfr" > /dev/null
row=$(java -Xmx256m -cp "$BENCH" dev.sesbinding.benchmarks.LoadGenerator "http://127.0.0.1:$port" ses \
  "$CONCURRENCY" "$COUNT" "$server")
jcmd "$server" JFR.stop name=profile > /dev/null
jfr print --events jdk.ExecutionSample --stack-depth 200 "$work/profile.jfr" > "$work/samples.txt"
section="$work/section.md"
{
  echo "## profile, $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "Made by \`benchmarks/profile.sh\`: JFR (\`settings=default\`, execution samples every 20 ms) on the server with the README's flags during"
  echo "$COUNT emails at $CONCURRENCY connections over HTTP after as many to warm up; the recorded round:"
  echo
  echo "| concurrency | requests | requests/s | p50 ms | p99 ms | p99.9 ms | errors | CPU s per 10,000 | peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  echo "$row"
  echo
  python3 - "$work/samples.txt" <<'PY'
import re, sys
LIBS = [("dev.sesbinding.", "ses-binding"), ("software.amazon.awssdk.", "AWS SDK"), ("io.netty.", "Netty"),
        ("io.grpc.netty.shaded.", "gRPC's Netty"), ("io.grpc.", "gRPC"), ("io.vertx.", "Vert.x"),
        ("io.opentelemetry.", "OpenTelemetry"), ("com.fasterxml.jackson.", "Jackson"),
        ("org.slf4j.", "logging"), ("ch.qos.", "logging"), ("java.", "JDK"), ("javax.", "JDK"),
        ("jdk.", "JDK"), ("sun.", "JDK"), ("com.sun.", "JDK")]
def lib(frame):
    for prefix, name in LIBS:
        if frame.startswith(prefix):
            return name
    return "other"
samples, self_count, inclusive = 0, {}, {}
sdk_parts = {}
for event in open(sys.argv[1]).read().split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
    if not frames:
        continue
    samples += 1
    top = lib(frames[0])
    self_count[top] = self_count.get(top, 0) + 1
    for name in {lib(f) for f in frames}:
        inclusive[name] = inclusive.get(name, 0) + 1
    if top == "AWS SDK" or (top == "JDK" and any(lib(f) == "AWS SDK" for f in frames[:8])):
        sdk = next(f for f in frames if lib(f) == "AWS SDK")
        part = ".".join(sdk.split(".")[3:5])
        sdk_parts[part] = sdk_parts.get(part, 0) + 1
print(f"{samples} samples. Self: the library of the top frame; inclusive: on the stack at all.")
print()
print("| library | self | inclusive |")
print("|---|---|---|")
for name in sorted(inclusive, key=lambda n: -self_count.get(n, 0)):
    print(f"| {name} | {100 * self_count.get(name, 0) / samples:.1f}% | {100 * inclusive[name] / samples:.1f}% |")
print()
top = sorted(sdk_parts.items(), key=lambda kv: -kv[1])[:8]
print("Samples in the AWS SDK (or the JDK called from it), by SDK package: "
      + ", ".join(f"{k} {100 * v / samples:.1f}%" for k, v in top) + ".")
PY
} > "$section"
write_section profile "$section"
cat "$section"

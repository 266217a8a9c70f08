package dev.sesbinding.conformance;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code ses-binding-conformance.jar} as its own process, as a CI job runs it: its exit
 * code and every line it printed.
 */
record ConformanceJarRun(int exit, String output) {
  static final Path JAR =
      Path.of("target", "ses-binding-conformance.jar").toAbsolutePath().normalize();

  /** Runs the jar with {@code args} and {@code env} beside this JVM's, for at most 5 minutes. */
  static ConformanceJarRun of(Map<String, String> env, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "read failed: " + e;
              }
            });
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the conformance jar did not end in 5 minutes");
    }
    return new ConformanceJarRun(process.exitValue(), output.get(30, TimeUnit.SECONDS));
  }

  /** {@code target} with the flags that send to, and read back from, the moto at {@code moto}. */
  static String[] onMoto(URI moto, String... target) {
    List<String> args = new ArrayList<>(List.of(target));
    args.addAll(
        List.of(
            "--backend", "external", "--backend-endpoint", moto.toString(), "--readback", "moto"));
    return args.toArray(String[]::new);
  }
}

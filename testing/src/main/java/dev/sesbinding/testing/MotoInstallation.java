package dev.sesbinding.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a command that runs moto's server, installing moto into a venv under the user's cache
 * folder when none is found. Order: {@code MOTO_SERVER} (env) or {@code moto.server} (system
 * property), {@code moto_server} on the PATH, {@code python3 -m moto.server} where moto is
 * importable, then the cached venv ({@code pip install} if missing).
 */
final class MotoInstallation {
  static final String MOTO_VERSION = "5.2.1";

  private MotoInstallation() {}

  static List<String> command() {
    String configured =
        Optional.ofNullable(System.getProperty("moto.server")).orElse(System.getenv("MOTO_SERVER"));
    if (configured != null && !configured.isBlank()) {
      return List.of(configured.strip());
    }
    Optional<Path> onPath = onPath("moto_server");
    if (onPath.isPresent()) {
      return List.of(onPath.get().toString());
    }
    Optional<Path> python = onPath("python3");
    if (python.isPresent()
        && run(List.of(python.get().toString(), "-c", "import moto.server, flask"), 60)) {
      return List.of(python.get().toString(), "-m", "moto.server");
    }
    Path venv = cacheFolder().resolve("ses-binding").resolve("moto-" + MOTO_VERSION);
    Path server = venv.resolve("bin").resolve("moto_server");
    if (!Files.isExecutable(server)) {
      install(
          python.orElseThrow(
              () ->
                  new IllegalStateException(
                      "moto is not installed and there is no python3 on the PATH to install it with: install Python 3, or set"
                          + " MOTO_SERVER to a moto_server command")),
          venv);
    }
    return List.of(server.toString());
  }

  private static void install(Path python, Path venv) {
    try {
      Files.createDirectories(venv.getParent());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create " + venv.getParent() + ": " + e.getMessage(), e);
    }
    boolean installed =
        run(List.of(python.toString(), "-m", "venv", venv.toString()), 300)
            && run(
                List.of(
                    venv.resolve("bin").resolve("pip").toString(),
                    "install",
                    "--quiet",
                    "moto[server]==" + MOTO_VERSION),
                900);
    if (!installed) {
      throw new IllegalStateException(
          "could not install moto[server]=="
              + MOTO_VERSION
              + " into "
              + venv
              + " (pip needs access to PyPI); install it yourself or set MOTO_SERVER to a moto_server command");
    }
  }

  private static Path cacheFolder() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    return xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
  }

  static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String folder : path.split(File.pathSeparator, -1)) {
      Path candidate = Path.of(folder, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean run(List<String> command, long timeoutSeconds) {
    try {
      Process process = new ProcessBuilder(new ArrayList<>(command)).inheritIO().start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

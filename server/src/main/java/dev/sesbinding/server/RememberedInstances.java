package dev.sesbinding.server;

import dev.sesbinding.grpc.ComponentInstances;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata daprd gave each component instance's {@code Init}, kept in one file of the
 * operator's folder ({@code --remember-instances}), so that a component restarted while daprd runs
 * serves daprd's instances at once: daprd 1.18 calls {@code Init} only when it loads a component.
 * The metadata holds the secrets daprd resolved, so the file is the owner's alone ({@code 0600}),
 * written whole and moved into place; the folder should be memory-backed (a Kubernetes {@code
 * emptyDir} of {@code medium: Memory}) and nobody else's. A file that cannot be read is ignored and
 * never quoted; the next {@code Init} writes it again.
 */
final class RememberedInstances {
  private static final Logger LOG = LoggerFactory.getLogger(RememberedInstances.class);

  private final Path file;
  private final Map<String, Map<String, String>> instances;
  private boolean failedToWrite;

  private RememberedInstances(Path file, Map<String, Map<String, String>> instances) {
    this.file = file;
    this.instances = instances;
  }

  /**
   * What component {@code component} remembers in {@code folder} (made if missing).
   *
   * @throws IOException saying why when the folder cannot be made or written to
   */
  static RememberedInstances open(Path folder, String component) throws IOException {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new IOException("cannot remember instances in " + folder + ": " + reason(e), e);
    }
    if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
      throw new IOException(
          "cannot remember instances in "
              + folder
              + ": not a folder this user ("
              + System.getProperty("user.name")
              + ") may write to");
    }
    Path file = folder.resolve(component + ".instances.json");
    return new RememberedInstances(file, read(file));
  }

  private static String reason(IOException e) {
    return e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
  }

  private static Map<String, Map<String, String>> read(Path file) {
    Map<String, Map<String, String>> instances = new TreeMap<>();
    if (!Files.exists(file)) {
      return instances;
    }
    try {
      JsonObject all = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      for (String name : all.fieldNames()) {
        Map<String, String> properties = new LinkedHashMap<>();
        all.getJsonObject(name)
            .forEach(key -> properties.put(key.getKey(), (String) key.getValue()));
        instances.put(name, Map.copyOf(properties));
      }
      return instances;
    } catch (IOException | DecodeException | ClassCastException e) {
      // never quote it: it holds secrets
      LOG.warn(
          "ignoring {}: not the instances this component wrote ({}); daprd's next Init writes it"
              + " again",
          file,
          e.getClass().getSimpleName());
      return new TreeMap<>();
    }
  }

  /** The instances remembered when the component started, by name. */
  synchronized Map<String, Map<String, String>> all() {
    return Map.copyOf(instances);
  }

  /** Remembers instance {@code name}'s metadata, replacing what it had, and writes the file. */
  synchronized void remember(String name, Map<String, String> properties) {
    instances.put(name, Map.copyOf(properties));
    JsonObject all = new JsonObject();
    instances.forEach(
        (instance, metadata) -> all.put(instance, new JsonObject(Map.copyOf(metadata))));
    Path next = file.resolveSibling(file.getFileName() + ".next");
    try {
      Files.deleteIfExists(next);
      Files.createFile(
          next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(next, all.encode(), StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      failedToWrite = false;
    } catch (IOException e) {
      if (!failedToWrite) {
        LOG.warn(
            "cannot remember instance {} in {} ({}): a restarted component will not serve it until"
                + " daprd's next Init",
            name,
            file,
            reason(e));
      }
      failedToWrite = true;
    }
  }

  /**
   * {@code factory}, remembering each instance it initialises (on {@code writer}: writing may
   * block), and giving back at start what was remembered.
   */
  ComponentInstances around(ComponentInstances factory, Executor writer) {
    Map<String, Map<String, String>> atStart = all();
    return new ComponentInstances() {
      @Override
      public CompletionStage<? extends dev.sesbinding.core.OutputBinding> init(
          String name, Map<String, String> properties) {
        return factory
            .init(name, properties)
            .thenApplyAsync(
                binding -> {
                  remember(name, properties);
                  return binding;
                },
                writer);
      }

      @Override
      public Map<String, Map<String, String>> remembered() {
        return atStart;
      }
    };
  }
}

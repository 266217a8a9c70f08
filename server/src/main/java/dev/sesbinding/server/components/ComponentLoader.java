package dev.sesbinding.server.components;

import dev.sesbinding.components.ComponentDefinition;
import dev.sesbinding.components.ComponentFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;

/**
 * The server's components: {@link ComponentFiles}, the reader the conformance suite shares, run on
 * a worker thread (it reads files), never on an event loop.
 */
public final class ComponentLoader {
  private ComponentLoader() {}

  /** Every component of the resources paths {@code folders}. */
  public static Future<List<ComponentDefinition>> load(Vertx vertx, List<Path> folders) {
    return vertx.executeBlocking(() -> ComponentFiles.load(folders), false);
  }
}

package dev.sesbinding.server.components;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads every Dapr {@code Component} from the {@code .yaml}/{@code .yml} files of one or more
 * folders, in file-name order, through vertx-config (one file store per file: the {@code directory}
 * store would merge all files into one object, and same-named keys of different components would
 * overwrite each other).
 */
public final class ComponentLoader {
  private static final String API_VERSION = "dapr.io/v1alpha1";

  private ComponentLoader() {}

  public static Future<List<ComponentDefinition>> load(Vertx vertx, List<Path> folders) {
    Future<List<ComponentDefinition>> all = Future.succeededFuture(new ArrayList<>());
    for (Path folder : folders) {
      all =
          all.compose(
              loaded ->
                  loadFolder(vertx, folder)
                      .map(
                          more -> {
                            loaded.addAll(more);
                            return loaded;
                          }));
    }
    return all.map(ComponentLoader::checkUniqueNames);
  }

  private static Future<List<ComponentDefinition>> loadFolder(Vertx vertx, Path folder) {
    return vertx
        .executeBlocking(() -> componentFiles(folder.toAbsolutePath().normalize()), false)
        .compose(
            files -> {
              Future<List<ComponentDefinition>> loaded = Future.succeededFuture(new ArrayList<>());
              for (Path file : files) {
                loaded =
                    loaded.compose(
                        list ->
                            loadFile(vertx, file)
                                .map(
                                    more -> {
                                      list.addAll(more);
                                      return list;
                                    }));
              }
              return loaded;
            });
  }

  /**
   * The {@code .yaml} and {@code .yml} files of {@code folder}, sorted; what is wrong with the
   * folder or with one of them, named by its full path.
   */
  private static List<Path> componentFiles(Path folder) throws IOException {
    String where = "resources path " + folder;
    if (!Files.exists(folder)) {
      throw new ComponentException(where + " does not exist (set it with --resources-path)");
    }
    if (!Files.isDirectory(folder)) {
      throw new ComponentException(where + " is not a folder (set it with --resources-path)");
    }
    if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
      throw new ComponentException(where + " cannot be read: this user may not list it");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.{yaml,yml}")) {
      entries.forEach(files::add);
    }
    files.sort(null);
    for (Path file : files) {
      if (Files.isSymbolicLink(file) && !Files.exists(file)) {
        throw new ComponentException(
            file + " is a broken link (to " + Files.readSymbolicLink(file) + ")");
      }
      if (Files.isDirectory(file)) {
        throw new ComponentException(file + " is a folder, not a component file");
      }
      if (!Files.isReadable(file)) {
        throw new ComponentException(file + " cannot be read: this user may not read it");
      }
    }
    return files;
  }

  private static Future<List<ComponentDefinition>> loadFile(Vertx vertx, Path file) {
    ConfigRetriever retriever =
        ConfigRetriever.create(
            vertx,
            new ConfigRetrieverOptions()
                .setScanPeriod(0)
                .setIncludeDefaultStores(false)
                .addStore(
                    new ConfigStoreOptions()
                        .setType("file")
                        .setFormat(DaprComponentsProcessor.NAME)
                        .setConfig(new JsonObject().put("path", file.toString()))));
    String source = file.toString();
    return retriever
        .getConfig()
        .recover(error -> Future.failedFuture(fileError(source, error)))
        .map(config -> definitions(config.getJsonArray("documents", new JsonArray()), source))
        .eventually(retriever::close);
  }

  /** Our own description when the parser gave one (it never quotes the file), else the reader's. */
  private static ComponentException fileError(String source, Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ComponentException described) {
        return new ComponentException(source + ": " + described.getMessage());
      }
    }
    return new ComponentException(source + ": cannot be read: " + rootMessage(error));
  }

  /** The components of one YAML text (several documents allowed), parsed on the calling thread. */
  public static List<ComponentDefinition> parse(String yaml, String source) {
    JsonObject parsed;
    try {
      parsed = DaprComponentsProcessor.parse(yaml);
    } catch (ComponentException e) {
      throw new ComponentException(source + ": " + e.getMessage());
    }
    return definitions(parsed.getJsonArray("documents"), source);
  }

  private static List<ComponentDefinition> definitions(JsonArray documents, String source) {
    List<ComponentDefinition> definitions = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      Object document = documents.getValue(i);
      if (!(document instanceof JsonObject object)
          || !"Component".equals(object.getValue("kind"))) {
        continue; // Configuration, Resiliency, Subscription ... are not ours
      }
      definitions.add(definition(object, source + " (document " + (i + 1) + ")"));
    }
    return definitions;
  }

  static ComponentDefinition definition(JsonObject document, String source) {
    String apiVersion = text(document.getValue("apiVersion"));
    if (!API_VERSION.equals(apiVersion)) {
      throw new ComponentException(
          source + ": apiVersion must be " + API_VERSION + ", not \"" + apiVersion + "\"");
    }
    String name = text(object(document, "metadata", source).getValue("name"));
    if (name.isBlank()) {
      throw new ComponentException(source + ": metadata.name is missing");
    }
    JsonObject spec = object(document, "spec", source);
    String type = text(spec.getValue("type"));
    if (type.isBlank()) {
      throw new ComponentException("component " + name + " (" + source + "): spec.type is missing");
    }
    List<ComponentDefinition.MetadataItem> items = new ArrayList<>();
    Object metadata = spec.getValue("metadata");
    if ("".equals(metadata)) {
      metadata = null; // "metadata:" with nothing under it
    }
    if (metadata != null && !(metadata instanceof JsonArray)) {
      throw new ComponentException(
          "component "
              + name
              + " ("
              + source
              + "): spec.metadata must be a list of"
              + " {name, value} items");
    }
    if (metadata instanceof JsonArray list) {
      for (Object entry : list) {
        items.add(item(name, source, entry));
      }
    }
    JsonObject auth = document.getValue("auth") instanceof JsonObject a ? a : new JsonObject();
    return new ComponentDefinition(
        name,
        type,
        text(spec.getValue("version")),
        items,
        text(auth.getValue("secretStore")),
        source);
  }

  private static ComponentDefinition.MetadataItem item(
      String component, String source, Object entry) {
    if (!(entry instanceof JsonObject item) || text(item.getValue("name")).isBlank()) {
      throw new ComponentException(
          "component "
              + component
              + " ("
              + source
              + "): every spec.metadata item needs a"
              + " name");
    }
    String name = text(item.getValue("name"));
    String secretName = "";
    String secretKey = "";
    if (item.getValue("secretKeyRef") instanceof JsonObject ref) {
      secretName = text(ref.getValue("name"));
      secretKey = text(ref.getValue("key"));
      if (secretName.isBlank()) {
        throw new ComponentException(
            "component "
                + component
                + ": metadata key "
                + name
                + ": secretKeyRef needs a"
                + " name");
      }
    }
    return new ComponentDefinition.MetadataItem(
        name, text(item.getValue("value")), secretName, secretKey, text(item.getValue("envRef")));
  }

  private static JsonObject object(JsonObject document, String key, String source) {
    if (document.getValue(key) instanceof JsonObject object) {
      return object;
    }
    throw new ComponentException(source + ": " + key + " is missing or not a mapping");
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }

  private static List<ComponentDefinition> checkUniqueNames(List<ComponentDefinition> definitions) {
    Set<String> names = new HashSet<>();
    for (ComponentDefinition definition : definitions) {
      if (!names.add(definition.name())) {
        throw new ComponentException(
            "component "
                + definition.name()
                + " is declared twice (again in "
                + definition.source()
                + "); component names must be unique");
      }
    }
    return definitions;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}

package dev.sesbinding.server.components;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
    String path = folder.toString();
    return vertx
        .fileSystem()
        .exists(path)
        .compose(
            exists -> {
              if (!exists) {
                return Future.failedFuture(
                    new ComponentException(
                        "resources path "
                            + folder.toAbsolutePath()
                            + " does not exist (set it with --resources-path)"));
              }
              return vertx.fileSystem().readDir(path, ".*\\.ya?ml");
            })
        .compose(
            files -> {
              List<String> sorted = files.stream().sorted().toList();
              Future<List<ComponentDefinition>> loaded = Future.succeededFuture(new ArrayList<>());
              for (String file : sorted) {
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

  private static Future<List<ComponentDefinition>> loadFile(Vertx vertx, String file) {
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
                        .setConfig(new JsonObject().put("path", file))));
    String source = Path.of(file).getFileName().toString();
    return retriever
        .getConfig()
        .recover(
            error ->
                Future.failedFuture(
                    new ComponentException(
                        source + ": not valid YAML: " + rootMessage(error), error)))
        .map(config -> definitions(config.getJsonArray("documents", new JsonArray()), source))
        .eventually(retriever::close);
  }

  /** The components of one YAML text (several documents allowed), parsed on the calling thread. */
  public static List<ComponentDefinition> parse(String yaml, String source) {
    return definitions(DaprComponentsProcessor.parse(yaml).getJsonArray("documents"), source);
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

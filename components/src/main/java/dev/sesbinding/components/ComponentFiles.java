package dev.sesbinding.components;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every Dapr {@code Component} from the {@code .yaml}/{@code .yml} files of one or more
 * folders, in file-name order, several documents per file: the one reader of component files, for
 * the server and the conformance suite alike. Blocking: callers on an event loop run it on a
 * worker.
 */
public final class ComponentFiles {
  private static final String API_VERSION = "dapr.io/v1alpha1";

  private ComponentFiles() {}

  /** Every component of {@code folders}; names must be unique across them. */
  public static List<ComponentDefinition> load(List<Path> folders) {
    List<ComponentDefinition> definitions = new ArrayList<>();
    for (Path folder : folders) {
      for (Path file : componentFiles(folder.toAbsolutePath().normalize())) {
        definitions.addAll(parse(read(file), file.toString()));
      }
    }
    return checkUniqueNames(definitions);
  }

  /** The components of one YAML text from {@code source}; other kinds of document are skipped. */
  public static List<ComponentDefinition> parse(String yaml, String source) {
    List<Object> documents;
    try {
      documents = ComponentYaml.documents(yaml);
    } catch (ComponentException e) {
      throw new ComponentException(source + ": " + e.getMessage());
    }
    List<ComponentDefinition> definitions = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      if (documents.get(i) instanceof Map<?, ?> document
          && "Component".equals(document.get("kind"))) {
        definitions.add(definition(document, source + " (document " + (i + 1) + ")"));
      } // Configuration, Resiliency, Subscription ... are not ours
    }
    return definitions;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ComponentException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The {@code .yaml} and {@code .yml} files of {@code folder}, sorted; what is wrong with the
   * folder or with one of them, named by its full path.
   */
  private static List<Path> componentFiles(Path folder) {
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
    } catch (IOException e) {
      throw new ComponentException(where + " cannot be read: " + e.getMessage(), e);
    }
    return files;
  }

  private static ComponentDefinition definition(Map<?, ?> document, String source) {
    String apiVersion = text(document.get("apiVersion"));
    if (!API_VERSION.equals(apiVersion)) {
      throw new ComponentException(
          source + ": apiVersion must be " + API_VERSION + ", not \"" + apiVersion + "\"");
    }
    String name = text(mapping(document, "metadata", source).get("name"));
    if (name.isBlank()) {
      throw new ComponentException(source + ": metadata.name is missing");
    }
    Map<?, ?> spec = mapping(document, "spec", source);
    String type = text(spec.get("type"));
    if (type.isBlank()) {
      throw new ComponentException("component " + name + " (" + source + "): spec.type is missing");
    }
    Object metadata = spec.get("metadata");
    if ("".equals(metadata)) {
      metadata = null; // "metadata:" with nothing under it
    }
    if (metadata != null && !(metadata instanceof List<?>)) {
      throw new ComponentException(
          "component "
              + name
              + " ("
              + source
              + "): spec.metadata must be a list of {name, value} items");
    }
    List<ComponentDefinition.MetadataItem> items = new ArrayList<>();
    if (metadata instanceof List<?> list) {
      for (Object entry : list) {
        items.add(item(name, source, entry));
      }
    }
    Map<?, ?> auth = document.get("auth") instanceof Map<?, ?> a ? a : Map.of();
    return new ComponentDefinition(
        name, type, text(spec.get("version")), items, text(auth.get("secretStore")), source);
  }

  private static ComponentDefinition.MetadataItem item(
      String component, String source, Object entry) {
    if (!(entry instanceof Map<?, ?> item) || text(item.get("name")).isBlank()) {
      throw new ComponentException(
          "component " + component + " (" + source + "): every spec.metadata item needs a name");
    }
    String name = text(item.get("name"));
    String secretName = "";
    String secretKey = "";
    if (item.get("secretKeyRef") instanceof Map<?, ?> ref) {
      secretName = text(ref.get("name"));
      secretKey = text(ref.get("key"));
      if (secretName.isBlank()) {
        throw new ComponentException(
            "component " + component + ": metadata key " + name + ": secretKeyRef needs a name");
      }
    }
    return new ComponentDefinition.MetadataItem(
        name, text(item.get("value")), secretName, secretKey, text(item.get("envRef")));
  }

  private static Map<?, ?> mapping(Map<?, ?> document, String key, String source) {
    if (document.get(key) instanceof Map<?, ?> mapping) {
      return mapping;
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
}

package dev.sesbinding.conformance;

import dev.sesbinding.components.ComponentDefinition;
import dev.sesbinding.components.ComponentException;
import dev.sesbinding.components.ComponentFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The suite's configuration, Dapr's {@code tests.yml} shape: by default the one in this module;
 * system property {@code conformance.config} names another file, whose component files sit beside
 * it.
 */
public final class ConformanceConfig {
  public static final String CONFIG_PROPERTY = "conformance.config";

  /** The component type the suite tests. */
  static final String TYPE = "bindings.aws.ses";

  private static final String DEFAULT = "/dev/sesbinding/conformance/tests.yml";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\{([A-Za-z0-9_]+)}}");

  private final List<Map<String, Object>> entries;
  private final Path folder;

  private ConformanceConfig(List<Map<String, Object>> entries, Path folder) {
    this.entries = entries;
    this.folder = folder;
  }

  /** The configuration named by {@code conformance.config}, else the module's own. */
  public static ConformanceConfig load() {
    String file = System.getProperty(CONFIG_PROPERTY, "");
    try {
      if (!file.isBlank()) {
        Path path = Path.of(file).toAbsolutePath();
        return parse(Files.readString(path), path.getParent());
      }
      try (InputStream in = ConformanceConfig.class.getResourceAsStream(DEFAULT)) {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the conformance configuration " + file + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static ConformanceConfig parse(String text, Path folder) {
    Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    Object components = root == null ? null : root.get("components");
    if (!(components instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalStateException("the conformance configuration lists no components");
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    list.forEach(item -> entries.add((Map<String, Object>) item));
    return new ConformanceConfig(entries, folder);
  }

  /** Every component, variables substituted from {@code variables} first, then the environment. */
  public List<ConformanceComponent> components(Map<String, String> variables) {
    List<ConformanceComponent> components = new ArrayList<>();
    for (Map<String, Object> entry : entries) {
      components.add(component(entry, variables));
    }
    return components;
  }

  @SuppressWarnings("unchecked")
  private ConformanceComponent component(Map<String, Object> entry, Map<String, String> variables) {
    String uuid = UUID.randomUUID().toString();
    String file = String.valueOf(entry.getOrDefault("file", "aws-ses.yaml"));
    String yaml = substitute(read(file), uuid, variables);
    ComponentDefinition definition =
        ComponentFiles.parse(yaml, file).stream()
            .filter(component -> component.type().equals(TYPE))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(file + " has no " + TYPE + " component"));
    Map<String, Object> config = (Map<String, Object>) entry.getOrDefault("config", Map.of());
    Map<String, String> output = new LinkedHashMap<>();
    ((Map<String, Object>) config.getOrDefault("output", Map.of()))
        .forEach(
            (key, value) -> output.put(key, substitute(String.valueOf(value), uuid, variables)));
    List<String> operations = new ArrayList<>();
    ((List<Object>) entry.getOrDefault("operations", List.of("create", "operations")))
        .forEach(operation -> operations.add(String.valueOf(operation)));
    String outputData =
        substitute(String.valueOf(config.getOrDefault("outputData", "Hello")), uuid, variables);
    return new ConformanceComponent(
        definition.name(),
        definition.type(),
        definition.version(),
        yaml,
        definition.resolve(System.getenv(), ConformanceConfig::noSecretRefs),
        operations,
        output,
        outputData);
  }

  /** The suite's component files take {@code value} or {@code envRef}, as its own YAML says. */
  private static String noSecretRefs(
      ComponentDefinition component, ComponentDefinition.MetadataItem item, String where) {
    throw new ComponentException(
        where
            + "the suite's component files take value or envRef, not secretKeyRef (use ${{VAR}}"
            + " for secrets)");
  }

  private String read(String file) {
    try {
      if (folder != null) {
        return Files.readString(folder.resolve(file));
      }
      try (InputStream in =
          ConformanceConfig.class.getResourceAsStream("/dev/sesbinding/conformance/" + file)) {
        if (in == null) {
          throw new IllegalStateException(
              "no component file " + file + " beside the configuration");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read component file " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code $((uuid))} and {@code ${{VAR}}}, as Dapr's conformance framework substitutes them. */
  static String substitute(String text, String uuid, Map<String, String> variables) {
    Matcher matcher = VARIABLE.matcher(text.replace("$((uuid))", uuid));
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = variables.containsKey(name) ? variables.get(name) : System.getenv(name);
      if (value == null) {
        throw new IllegalStateException("required env var is not set " + name);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}

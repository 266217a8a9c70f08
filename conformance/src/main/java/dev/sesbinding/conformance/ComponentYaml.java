package dev.sesbinding.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The first Dapr {@code Component} of a given type in a YAML text, as the suite needs it: name,
 * type, version and metadata values ({@code value}, or {@code envRef} read from the environment).
 * Scalars stay the strings they were written as, as Dapr metadata values are strings.
 */
record ComponentYaml(String name, String type, String version, Map<String, String> metadata) {

  ComponentYaml {
    metadata = Map.copyOf(metadata);
  }

  static ComponentYaml parse(String yaml, String type, String source, Map<String, String> env) {
    LoaderOptions options = new LoaderOptions();
    Yaml parser =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            new StringScalars());
    for (Object document : parser.loadAll(yaml)) {
      if (document instanceof Map<?, ?> component
          && "Component".equals(component.get("kind"))
          && component.get("spec") instanceof Map<?, ?> spec
          && type.equals(spec.get("type"))) {
        String name =
            component.get("metadata") instanceof Map<?, ?> metadata
                ? text(metadata.get("name"))
                : "";
        return new ComponentYaml(
            name, type, text(spec.get("version")), values(spec.get("metadata"), source, env));
      }
    }
    throw new IllegalStateException(source + " has no " + type + " component");
  }

  private static Map<String, String> values(Object items, String source, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!(items instanceof List<?> list)) {
      return values;
    }
    for (Object entry : list) {
      if (!(entry instanceof Map<?, ?> item)) {
        continue;
      }
      String key = text(item.get("name"));
      if (item.get("secretKeyRef") != null) {
        throw new IllegalStateException(
            source
                + ": metadata key "
                + key
                + ": the suite's component files take"
                + " value or envRef, not secretKeyRef (use ${{VAR}} for secrets)");
      }
      String envRef = text(item.get("envRef"));
      values.put(key, envRef.isEmpty() ? text(item.get("value")) : env.getOrDefault(envRef, ""));
    }
    return values;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }

  /** A resolver without implicit types: every plain scalar is a string, as written. */
  private static final class StringScalars extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      // none: no ints, booleans, floats, nulls or timestamps
    }
  }
}

package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The example manifests as YAML documents, for the tests that check them against the code. */
final class Manifests {
  private Manifests() {}

  /** Every document of every YAML file under {@code folder}, in file order. */
  static List<Map<String, Object>> documents(Path folder) throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (Reader reader = Files.newBufferedReader(file)) {
          for (Object document :
              new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
            assertThat(document).as("a document of %s", file).isInstanceOf(Map.class);
            documents.add(map(document));
          }
        }
      }
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}

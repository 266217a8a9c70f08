package dev.sesbinding.server.components;

import io.vertx.config.spi.ConfigProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The vertx-config format {@value #NAME}: a YAML file of one or more documents separated by {@code
 * ---}, returned as {@code {"documents": [...]}}. vertx-config's own {@code yaml} format reads one
 * document only. Parsing runs on a worker thread with SnakeYAML's safe constructor, and every
 * scalar stays the string it was written as ({@code 50}, {@code yes}, {@code 2026-01-01}), as Dapr
 * metadata values are strings: this is the one place where that happens.
 */
public final class DaprComponentsProcessor implements ConfigProcessor {
  public static final String NAME = "dapr-components";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<JsonObject> process(Vertx vertx, JsonObject configuration, Buffer input) {
    return vertx.executeBlocking(() -> parse(input.toString(StandardCharsets.UTF_8)), false);
  }

  static JsonObject parse(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            new StringScalars());
    JsonArray documents = new JsonArray();
    try {
      for (Object document : yaml.loadAll(text)) {
        if (document != null) {
          documents.add(toJson(document));
        }
      }
    } catch (YAMLException e) {
      throw new ComponentException("not valid YAML: " + description(e));
    }
    return new JsonObject().put("documents", documents);
  }

  /**
   * What is wrong and where, never the text around it: SnakeYAML's own message quotes the line at
   * fault, and that line may hold a secret ({@code value: <key>: [oops}).
   */
  static String description(YAMLException error) {
    if (error instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark mark = marked.getProblemMark();
      String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
      return marked.getProblem()
          + context
          + " at line "
          + (mark.getLine() + 1)
          + ", column "
          + (mark.getColumn() + 1);
    }
    return "the YAML parser cannot read it (" + error.getClass().getSimpleName() + ")";
  }

  private static Object toJson(Object value) {
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((key, item) -> object.put(String.valueOf(key), toJson(item)));
      return object;
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(item -> array.add(toJson(item)));
      return array;
    }
    return value;
  }

  /** A resolver without implicit types: every plain scalar is a string, as written. */
  private static final class StringScalars extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      // none: no ints, booleans, floats, nulls or timestamps
    }
  }
}

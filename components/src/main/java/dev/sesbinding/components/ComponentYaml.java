package dev.sesbinding.components;

import java.util.ArrayList;
import java.util.List;
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
 * A component file's YAML: one or more documents separated by {@code ---}, read with SnakeYAML's
 * safe constructor, every scalar the string it was written as ({@code 50}, {@code yes}, {@code
 * 2026-01-01}), as Dapr metadata values are strings: this is the one place where that happens.
 */
final class ComponentYaml {
  private ComponentYaml() {}

  /** Its documents, as maps, lists and strings; a YAML error is described without its text. */
  static List<Object> documents(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            new StringScalars());
    List<Object> documents = new ArrayList<>();
    try {
      for (Object document : yaml.loadAll(text)) {
        if (document != null) {
          documents.add(document);
        }
      }
    } catch (YAMLException e) {
      throw new ComponentException("not valid YAML: " + description(e));
    }
    return documents;
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

  /** A resolver without implicit types: every plain scalar is a string, as written. */
  private static final class StringScalars extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      // none: no ints, booleans, floats, nulls or timestamps
    }
  }
}

package dev.sesbinding.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every library example in README.md compiles against core as it is. */
class ReadmeExampleTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readmeLibraryExamplesCompile(@TempDir Path output) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher block = JAVA_BLOCK.matcher(readme);
    int examples = 0;
    while (block.find()) {
      compiles(block.group(1), output);
      examples++;
    }
    assertThat(examples).as("README.md's ```java blocks").isEqualTo(2);
  }

  private static void compiles(String source, Path output) throws IOException {
    String className =
        Pattern.compile("public class (\\w+)")
            .matcher(source)
            .results()
            .findFirst()
            .orElseThrow(() -> new AssertionError("the README example declares no public class"))
            .group(1);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      JavaFileObject file =
          new SimpleJavaFileObject(
              URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          };
      String classpath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      boolean compiled =
          compiler
              .getTask(
                  diagnostics,
                  files,
                  null,
                  List.of("-classpath", classpath, "-d", output.toString(), "-Xlint:none"),
                  null,
                  List.of(file))
              .call();

      assertThat(compiled).as("README example compiles:%n%s", diagnostics).isTrue();
      assertThat(output.resolve(className + ".class")).exists();
    }
  }
}

package dev.sesbinding.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's shell commands, as tests run them. */
final class Readme {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern ANY_BLOCK = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);

  private Readme() {}

  /** Every line of the README's {@code sh} blocks. */
  static List<String> shellLines() throws IOException {
    List<String> lines = new ArrayList<>();
    Matcher block = SH_BLOCK.matcher(Files.readString(ROOT.resolve("README.md")));
    while (block.find()) {
      lines.addAll(List.of(block.group(1).split("\n", -1)));
    }
    return lines;
  }

  /**
   * The run command's {@code java ...} part, split into words, with this JVM's {@code java} in
   * place of whichever is on the PATH.
   */
  static List<String> javaCommand() throws IOException {
    String run =
        shellLines().stream().filter(line -> line.contains(" -jar ")).findFirst().orElseThrow();
    List<String> command =
        new ArrayList<>(List.of(run.substring(run.indexOf("java ")).split(" +")));
    command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return command;
  }

  /** The JVM flags of the run command: everything between {@code java} and {@code -jar}. */
  static List<String> jvmFlags() throws IOException {
    List<String> command = javaCommand();
    return command.subList(1, command.indexOf("-jar"));
  }

  /**
   * The first line of {@code markdown}'s code blocks (a path from the project's root) that contains
   * {@code part}, split into words, without the shell's indentation.
   */
  static List<String> command(String markdown, String part) throws IOException {
    Matcher block = ANY_BLOCK.matcher(Files.readString(ROOT.resolve(markdown)));
    while (block.find()) {
      for (String line : block.group(1).split("\n", -1)) {
        if (line.contains(part)) {
          return List.of(line.strip().split(" +"));
        }
      }
    }
    throw new AssertionError(markdown + " has no command with " + part);
  }
}

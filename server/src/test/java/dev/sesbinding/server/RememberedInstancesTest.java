package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RememberedInstancesTest {
  @TempDir Path folder;

  @Test
  void whatOneComponentRemembersTheNextOneStartsWith() throws Exception {
    RememberedInstances first = RememberedInstances.open(folder, "ses-binding");
    first.remember("orders", Map.of("region", "eu-west-1", "secretKey", "s3cret"));
    first.remember("alerts", Map.of("region", "us-east-1"));
    first.remember("orders", Map.of("region", "eu-central-1"));

    assertThat(RememberedInstances.open(folder, "ses-binding").all())
        .isEqualTo(
            Map.of(
                "orders", Map.of("region", "eu-central-1"),
                "alerts", Map.of("region", "us-east-1")));
    assertThat(RememberedInstances.open(folder, "other").all()).isEmpty();
  }

  @Test
  void theFileIsTheOwnersAloneAndNoHalfWrittenFileIsLeft() throws Exception {
    RememberedInstances.open(folder, "ses-binding").remember("orders", Map.of("secretKey", "x"));

    Path file = folder.resolve("ses-binding.instances.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aFileThatIsNotWhatItWroteIsIgnoredAndRewrittenByTheNextInit() throws Exception {
    Path file = folder.resolve("ses-binding.instances.json");
    Files.writeString(file, "{\"orders\": {\"secretKey\": 42}");

    RememberedInstances remembered = RememberedInstances.open(folder, "ses-binding");
    remembered.remember("alerts", Map.of("region", "eu-west-1"));

    assertThat(remembered.all()).containsOnlyKeys("alerts");
    assertThat(RememberedInstances.open(folder, "ses-binding").all()).containsOnlyKeys("alerts");
  }

  @Test
  void aPathThatIsAFileFailsAtStartNamingIt() throws Exception {
    Path notAFolder = Files.writeString(folder.resolve("file"), "x");

    IOException error =
        catchThrowableOfType(
            IOException.class, () -> RememberedInstances.open(notAFolder, "ses-binding"));

    assertThat(error).hasMessageStartingWith("cannot remember instances in " + notAFolder);
  }
}

package dev.sesbinding.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

  @Test
  void keysMatchCaseInsensitively() {
    Metadata metadata = Metadata.of(Map.of("emailTo", "a@example.com"));

    assertThat(metadata.get("EMAILTO")).contains("a@example.com");
    assertThat(metadata.get("emailto")).contains("a@example.com");
    assertThat(metadata.contains("EmailTo")).isTrue();
  }

  @Test
  void keysThatDifferOnlyInCaseAreAnErrorNamingBoth() {
    Map<String, String> map = new HashMap<>();
    map.put("region", "eu-west-1");
    map.put("Region", "us-east-1");

    BindingException error = catchThrowableOfType(BindingException.class, () -> Metadata.of(map));

    assertThat(error.kind()).isEqualTo(BindingException.Kind.CALLER);
    assertThat(error.getMessage())
        .contains("\"region\"")
        .contains("\"Region\"")
        .contains("differ only in case");
  }

  @Test
  void aliasIsUsedOnlyWhenTheKeyIsAbsent() {
    assertThat(Metadata.of(Map.of("awsRegion", "us-east-1")).get("region", "awsRegion"))
        .contains("us-east-1");
    assertThat(
            Metadata.of(Map.of("region", "eu-west-1", "awsRegion", "us-east-1"))
                .get("region", "awsRegion"))
        .contains("eu-west-1");
    assertThat(Metadata.of(Map.of()).get("region", "awsRegion")).isEmpty();
  }

  @Test
  void presentEmptyValueIsReturnedAsEmpty() {
    assertThat(Metadata.of(Map.of("emailCc", "")).get("emailCc")).contains("");
  }

  @Test
  void nullValueCountsAsEmpty() {
    Map<String, String> map = new HashMap<>();
    map.put("emailCc", null);

    assertThat(Metadata.of(map).get("emailCc")).contains("");
  }

  @Test
  void isImmutable() {
    Map<String, String> map = new HashMap<>(Map.of("a", "1"));
    Metadata metadata = Metadata.of(map);
    map.put("b", "2");

    assertThat(metadata.contains("b")).isFalse();
    assertThat(
            catchThrowableOfType(
                UnsupportedOperationException.class, () -> metadata.asMap().put("c", "3")))
        .isNotNull();
  }

  @Test
  void toStringShowsKeysOnly() {
    assertThat(Metadata.of(Map.of("secretKey", "TopSecretValue")).toString())
        .isEqualTo("Metadata[secretKey]");
  }
}

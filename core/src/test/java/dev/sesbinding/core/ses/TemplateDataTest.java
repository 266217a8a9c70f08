package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateDataTest {

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"tpl\r\n", "tpl\n", "\ttpl", "tp\u0000l", "no spaces/here"})
  void aNameWithALineBreakOrAControlCharacterIsRefusedNeverTrimmed(String name) {
    assertThatThrownBy(() -> dev.sesbinding.core.email.EmailRules.templateName(name))
        .hasMessageContaining("is not a valid SES template name");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"tpl", " tpl ", "tpl  "})
  void spacesAroundANameAreDropped(String name) {
    assertThat(dev.sesbinding.core.email.EmailRules.templateName(name)).isEqualTo("tpl");
  }
}

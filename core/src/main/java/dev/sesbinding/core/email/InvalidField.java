package dev.sesbinding.core.email;

import dev.sesbinding.core.BindingException;

/** A caller error that names the field and shows the value at fault, escaped and shortened. */
public final class InvalidField extends BindingException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN = 80;

  public InvalidField(String field, String value, String problem) {
    super(Kind.CALLER, "SES binding error: " + field + " \"" + shown(value) + "\" " + problem);
  }

  public InvalidField(String field, String problem) {
    super(Kind.CALLER, "SES binding error: " + field + " " + problem);
  }

  static String shown(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < MAX_SHOWN; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.length() < MAX_SHOWN || value.length() <= MAX_SHOWN ? out.toString() : out + "...";
  }
}

package dev.sesbinding.core.ses;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One validated email address with an optional display name, as SES takes it: the domain in punycode, a non-ASCII
 * display name as an RFC 2047 encoded word.
 */
public record Mailbox(String displayName, String address) {
  private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern ATOM_PHRASE = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*");

  public Mailbox {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(address, "address");
  }

  /**
   * Parses {@code a@b.c} or {@code Name <a@b.c>} (the name may be quoted).
   *
   * @param field the metadata key it came from, named in the error
   * @throws InvalidField naming the field and the value at fault
   */
  static Mailbox parse(String field, String text) {
    String value = text.strip();
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new InvalidField(field, text, "contains a line break (CR or LF), which could inject mail headers");
    }
    String name = "";
    String address = value;
    int open = value.lastIndexOf('<');
    if (open >= 0 || value.endsWith(">")) {
      if (open < 0 || !value.endsWith(">")) {
        throw new InvalidField(field, text, "is not a valid mailbox: '<' and '>' must enclose the address, as in Name <a@b.c>");
      }
      name = unquoteName(field, text, value.substring(0, open).strip());
      address = value.substring(open + 1, value.length() - 1).strip();
    }
    return new Mailbox(name, normalizeAddress(field, text, address));
  }

  private static String unquoteName(String field, String text, String name) {
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new InvalidField(field, text, "has a control character in its display name");
      }
    }
    return name;
  }

  private static String normalizeAddress(String field, String text, String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      throw new InvalidField(field, text, "is not a valid email address (expected a@b.c or Name <a@b.c>)");
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (!LOCAL_PART.matcher(local).matches() || local.length() > 64) {
      boolean nonAscii = local.chars().anyMatch(c -> c > 0x7f);
      throw new InvalidField(field, text, nonAscii
          ? "has a non-ASCII local part, which SES does not accept (only the domain may be internationalised)"
          : "is not a valid email address: the part before '@' is not a valid local part");
    }
    String asciiDomain = domain;
    if (!isAscii(domain)) {
      try {
        asciiDomain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        throw new InvalidField(field, text, "is not a valid email address: the domain is not a valid host name");
      }
    }
    String[] labels = asciiDomain.split("\\.", -1);
    boolean valid = labels.length >= 2 && asciiDomain.length() <= 253;
    for (String label : labels) {
      valid &= DOMAIN_LABEL.matcher(label).matches();
    }
    if (!valid) {
      throw new InvalidField(field, text,
          "is not a valid email address: the domain must be a host name with a dot, such as example.com");
    }
    return local + "@" + asciiDomain;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The mailbox as an SES address: {@code a@b.c}, or {@code Name <a@b.c>} with the name quoted or encoded as needed. */
  public String formatted() {
    if (displayName.isEmpty()) {
      return address;
    }
    return encodedDisplayName() + " <" + address + ">";
  }

  private String encodedDisplayName() {
    boolean ascii = displayName.chars().allMatch(c -> c < 0x80);
    if (!ascii) {
      return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(displayName.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
    if (ATOM_PHRASE.matcher(displayName).matches()) {
      return displayName;
    }
    return "\"" + displayName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public String toString() {
    return formatted();
  }
}

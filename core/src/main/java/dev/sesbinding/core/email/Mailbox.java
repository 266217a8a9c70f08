package dev.sesbinding.core.email;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * One validated email address with an optional display name, as SES takes it: the domain in
 * punycode, a non-ASCII display name as an RFC 2047 encoded word.
 */
public record Mailbox(String displayName, String address) {
  /**
   * RFC 5322 atext: the characters of a local part's dot-separated atoms, and of an unquoted
   * display name.
   */
  private static final boolean[] ATEXT = new boolean[128];

  static {
    for (char c : "!#$%&'*+/=?^_`{|}~-".toCharArray()) {
      ATEXT[c] = true;
    }
    for (char c = 0; c < 128; c++) {
      ATEXT[c] |= isAsciiLetterOrDigit(c);
    }
  }

  /**
   * @throws InvalidField when the address is not one SES takes, or the display name holds a control
   *     character (the checks of {@link #parse}; an internationalised domain becomes punycode)
   */
  public Mailbox {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(address, "address");
    String shown = displayName.isEmpty() ? address : displayName + " <" + address + ">";
    int unsafe = HeaderText.firstUnsafe(displayName);
    if (unsafe >= 0) {
      throw new InvalidField(
          "mailbox",
          shown,
          "has a control character ("
              + HeaderText.codePoint(displayName.charAt(unsafe))
              + ") in its display name");
    }
    address = normalizeAddress("mailbox", shown, address.strip());
  }

  /**
   * Parses {@code a@b.c} or {@code Name <a@b.c>} (the name may be quoted).
   *
   * @param field the metadata key it came from, named in the error
   * @throws InvalidField naming the field and the value at fault
   */
  public static Mailbox parse(String field, String text) {
    String value = text.strip();
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new InvalidField(
          field, text, "contains a line break (CR or LF), which could inject mail headers");
    }
    String name = "";
    String address = value;
    int open = value.lastIndexOf('<');
    if (open >= 0 || value.endsWith(">")) {
      if (open < 0 || !value.endsWith(">")) {
        throw new InvalidField(
            field,
            text,
            "is not a valid mailbox: '<' and '>' must enclose the address, as in Name <a@b.c>");
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
    int unsafe = HeaderText.firstUnsafe(name);
    if (unsafe >= 0) {
      throw new InvalidField(
          field,
          text,
          "has a control character ("
              + HeaderText.codePoint(name.charAt(unsafe))
              + ") in its display name");
    }
    return name;
  }

  /** Checks by hand, not by regex: this runs for every address of every email. */
  private static String normalizeAddress(String field, String text, String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      throw new InvalidField(
          field, text, "is not a valid email address (expected a@b.c or Name <a@b.c>)");
    }
    if (at > 64 || !isDotAtom(address, 0, at)) {
      boolean nonAscii = address.substring(0, at).chars().anyMatch(c -> c > 0x7f);
      throw new InvalidField(
          field,
          text,
          nonAscii
              ? "has a non-ASCII local part, which SES does not accept (only the domain may be internationalised)"
              : "is not a valid email address: the part before '@' is not a valid local part");
    }
    String domain = address.substring(at + 1);
    String asciiDomain = domain;
    if (!isAscii(domain)) {
      try {
        asciiDomain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        throw new InvalidField(
            field, text, "is not a valid email address: the domain is not a valid host name");
      }
    }
    if (!isHostName(asciiDomain)) {
      throw new InvalidField(
          field,
          text,
          "is not a valid email address: the domain must be a host name with a dot, such as example.com");
    }
    return asciiDomain.equals(domain) ? address : address.substring(0, at + 1) + asciiDomain;
  }

  /** Atoms of atext separated by single dots, none at either end (RFC 5322 dot-atom). */
  private static boolean isDotAtom(String text, int from, int to) {
    boolean afterDot = true;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (afterDot) {
          return false;
        }
        afterDot = true;
      } else if (c < 128 && ATEXT[c]) {
        afterDot = false;
      } else {
        return false;
      }
    }
    return !afterDot;
  }

  /**
   * At least two labels; each 1 to 63 letters, digits or '-', not starting or ending with '-'; 253
   * at most.
   */
  private static boolean isHostName(String domain) {
    if (domain.length() > 253) {
      return false;
    }
    int labels = 0;
    int start = 0;
    for (int i = 0; i <= domain.length(); i++) {
      if (i == domain.length() || domain.charAt(i) == '.') {
        if (!isLabel(domain, start, i)) {
          return false;
        }
        labels++;
        start = i + 1;
      }
    }
    return labels >= 2;
  }

  private static boolean isLabel(String domain, int from, int to) {
    if (to - from < 1
        || to - from > 63
        || domain.charAt(from) == '-'
        || domain.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = domain.charAt(i);
      if (c != '-' && !isAsciiLetterOrDigit(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * The mailbox as an SES address: {@code a@b.c}, or {@code Name <a@b.c>} with the name quoted or
   * encoded as needed.
   */
  public String formatted() {
    if (displayName.isEmpty()) {
      return address;
    }
    return encodedDisplayName() + " <" + address + ">";
  }

  private String encodedDisplayName() {
    if (!isAscii(displayName)) {
      return "=?UTF-8?B?"
          + Base64.getEncoder().encodeToString(displayName.getBytes(StandardCharsets.UTF_8))
          + "?=";
    }
    if (isAtomPhrase(displayName)) {
      return displayName;
    }
    return "\"" + displayName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** atext and spaces: a display name that needs no quotes. */
  private static boolean isAtomPhrase(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != ' ' && (c >= 128 || !ATEXT[c])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return formatted();
  }
}

package dev.sesbinding.core.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How SES sends an email, beside what it says: message tags, where bounces go ({@code returnPath},
 * {@code returnPathArn}), sending for another account ({@code sourceArn}, {@code fromArn}), and
 * {@code List-Unsubscribe} with RFC 8058's one-click unsubscribe. Each value is checked here, named
 * by its metadata key; {@link #NONE} has none of them.
 *
 * @param returnPath the address bounces and complaints go to, or {@code ""}
 * @param returnPathArn the identity that authorises {@code returnPath}, or {@code ""}
 * @param sourceArn the identity that authorises the sender, or {@code ""}
 * @param fromArn the identity that authorises the From header (raw sends only), or {@code ""}
 * @param listUnsubscribe {@code mailto:} and {@code https:} URIs for {@code List-Unsubscribe}
 * @param listUnsubscribeOneClick whether to add {@code List-Unsubscribe-Post:
 *     List-Unsubscribe=One-Click}; needs an {@code https:} URI
 */
public record SendOptions(
    List<MessageTag> tags,
    String returnPath,
    String returnPathArn,
    String sourceArn,
    String fromArn,
    List<String> listUnsubscribe,
    boolean listUnsubscribeOneClick) {
  /** No tags, no return path, no authorisation ARNs, no List-Unsubscribe. */
  public static final SendOptions NONE =
      new SendOptions(List.of(), "", "", "", "", List.of(), false);

  /** URIs in one List-Unsubscribe header, at most; and characters in each. */
  static final int MAX_UNSUBSCRIBE_URIS = 4;

  static final int MAX_URI_CHARS = 512;

  private static final Pattern SES_IDENTITY_ARN =
      Pattern.compile("arn:aws[a-z-]*:ses:[a-z0-9-]+:[0-9]{12}:identity/[\\x21-\\x7e]{1,320}");

  public SendOptions {
    tags = MessageTag.checked(Objects.requireNonNull(tags, "tags"));
    returnPath = returnPath(Objects.requireNonNull(returnPath, "returnPath"));
    returnPathArn = arn("returnPathArn", returnPathArn);
    sourceArn = arn("sourceArn", sourceArn);
    fromArn = arn("fromArn", fromArn);
    List<String> uris = new ArrayList<>();
    for (String uri : Objects.requireNonNull(listUnsubscribe, "listUnsubscribe")) {
      uris.add(unsubscribeUri(uri));
    }
    listUnsubscribe = List.copyOf(uris);
    if (listUnsubscribe.size() > MAX_UNSUBSCRIBE_URIS) {
      throw new InvalidField(
          "listUnsubscribe",
          "has " + listUnsubscribe.size() + " URIs; at most " + MAX_UNSUBSCRIBE_URIS);
    }
    if (listUnsubscribeOneClick
        && listUnsubscribe.stream().noneMatch(uri -> uri.regionMatches(true, 0, "https:", 0, 6))) {
      throw new InvalidField(
          "listUnsubscribeOneClick",
          "needs an https: URI in listUnsubscribe (RFC 8058: the one-click POST goes to it)");
    }
  }

  /**
   * The URIs of a {@code listUnsubscribe} value: separated by ',', each optionally in angle
   * brackets, as the header writes them ({@code <mailto:u@example.com>, <https://example.com/u>}).
   */
  public static List<String> parseUnsubscribeList(String text) {
    List<String> uris = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      String uri = entry.strip();
      if (uri.startsWith("<") && uri.endsWith(">")) {
        uri = uri.substring(1, uri.length() - 1).strip();
      }
      if (!uri.isEmpty()) {
        uris.add(uri);
      }
    }
    return uris;
  }

  /** Whether only SES {@code SendRawEmail} can carry these options (a header, or FromArn). */
  public boolean needsRawMessage() {
    return !listUnsubscribe.isEmpty() || !fromArn.isEmpty();
  }

  /** The {@code List-Unsubscribe} header's value, or {@code ""} when there is none. */
  public String listUnsubscribeHeader() {
    return listUnsubscribe.isEmpty() ? "" : "<" + String.join(">, <", listUnsubscribe) + ">";
  }

  /** An upper estimate of what the options add to a message's headers, in bytes. */
  long headerBytes() {
    long bytes = returnPath.length() + 16L;
    for (String uri : listUnsubscribe) {
      bytes += uri.length() + 4;
    }
    return bytes + (listUnsubscribeOneClick ? 64 : 0);
  }

  /**
   * Counts and flags only: the return path is an address, and an unsubscribe URI often names its
   * recipient.
   */
  @Override
  public String toString() {
    return "SendOptions[tags="
        + tags.size()
        + (returnPath.isEmpty() ? "" : ", returnPath")
        + (returnPathArn.isEmpty() ? "" : ", returnPathArn=" + returnPathArn)
        + (sourceArn.isEmpty() ? "" : ", sourceArn=" + sourceArn)
        + (fromArn.isEmpty() ? "" : ", fromArn=" + fromArn)
        + ", listUnsubscribe="
        + listUnsubscribe.size()
        + (listUnsubscribeOneClick ? " one-click" : "")
        + "]";
  }

  private static String returnPath(String value) {
    if (value.isBlank()) {
      return "";
    }
    Mailbox mailbox = Mailbox.parse("returnPath", value);
    if (!mailbox.displayName().isEmpty()) {
      throw new InvalidField("returnPath", value, "must be an address alone, with no display name");
    }
    return mailbox.address();
  }

  private static String arn(String field, String value) {
    String arn = Objects.requireNonNull(value, field).strip();
    if (!arn.isEmpty() && !SES_IDENTITY_ARN.matcher(arn).matches()) {
      throw new InvalidField(
          field,
          value,
          "is not an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<address or"
              + " domain>)");
    }
    return arn;
  }

  private static String unsubscribeUri(String value) {
    String uri = Objects.requireNonNull(value, "listUnsubscribe").strip();
    String scheme = uri.toLowerCase(Locale.ROOT);
    if (!scheme.startsWith("mailto:")
        && !scheme.startsWith("https://")
        && !scheme.startsWith("http://")) {
      throw new InvalidField("listUnsubscribe", value, "is not a mailto:, https: or http: URI");
    }
    if (uri.length() > MAX_URI_CHARS) {
      throw new InvalidField("listUnsubscribe", value, "is over " + MAX_URI_CHARS + " characters");
    }
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == ',') {
        throw new InvalidField(
            "listUnsubscribe",
            value,
            "has a space, a control character, a non-ASCII character or one of < > \" , (write"
                + " them percent-encoded)");
      }
    }
    return uri;
  }
}

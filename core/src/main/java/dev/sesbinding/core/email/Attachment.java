package dev.sesbinding.core.email;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file sent with an email: its name, MIME type and bytes, and for an inline part (an image the
 * HTML shows as {@code cid:...}) its content id ({@code ""} for an ordinary attachment). Immutable:
 * the bytes are copied in and out.
 */
public final class Attachment {
  /** The file types SES refuses to send (Amazon SES "Unsupported attachment types"). */
  private static final Set<String> REFUSED_EXTENSIONS =
      Set.of(
          "ade",
          "adp",
          "app",
          "asp",
          "bas",
          "bat",
          "cer",
          "chm",
          "cmd",
          "com",
          "cpl",
          "crt",
          "csh",
          "der",
          "exe",
          "fxp",
          "gadget",
          "hlp",
          "hta",
          "inf",
          "ins",
          "isp",
          "its",
          "js",
          "jse",
          "ksh",
          "lib",
          "lnk",
          "mad",
          "maf",
          "mag",
          "mam",
          "maq",
          "mar",
          "mas",
          "mat",
          "mau",
          "mav",
          "maw",
          "mda",
          "mdb",
          "mde",
          "mdt",
          "mdw",
          "mdz",
          "msc",
          "msh",
          "msh1",
          "msh2",
          "mshxml",
          "msh1xml",
          "msh2xml",
          "msi",
          "msp",
          "mst",
          "ops",
          "pcd",
          "pif",
          "plg",
          "prf",
          "prg",
          "reg",
          "scf",
          "scr",
          "sct",
          "shb",
          "shs",
          "sys",
          "ps1",
          "ps1xml",
          "ps2",
          "ps2xml",
          "psc1",
          "psc2",
          "tmp",
          "url",
          "vb",
          "vbe",
          "vbs",
          "vps",
          "vsmacros",
          "vss",
          "vst",
          "vsw",
          "vxd",
          "ws",
          "wsc",
          "wsf",
          "wsh",
          "xnk");

  private static final Pattern MIME_TYPE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*");

  /**
   * What SES would refuse of an attachment of this name and type, in the words of the error the
   * caller gets (a file type SES does not send, a type that is not a MIME type or is MIME
   * structure); empty when it may be sent.
   */
  public static Optional<String> problem(String filename, String contentType) {
    String extension =
        filename.contains(".")
            ? filename.substring(filename.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
            : "";
    if (REFUSED_EXTENSIONS.contains(extension)) {
      return Optional.of("SES does not send ." + extension + " files");
    }
    if (!MIME_TYPE.matcher(contentType).matches()) {
      return Optional.of(
          "contentType \""
              + InvalidField.shown(contentType)
              + "\" is not a MIME type such as application/pdf");
    }
    String family = contentType.toLowerCase(Locale.ROOT);
    if (family.startsWith("message/") || family.startsWith("multipart/")) {
      // MIME structure, not bytes: base64 is forbidden for message/*, and a part's own boundaries
      // would be the caller's to get right. Attached as bytes, an .eml arrives whole.
      return Optional.of(
          "contentType "
              + InvalidField.shown(contentType)
              + " is MIME structure, not an attachment's bytes; send it as"
              + " application/octet-stream");
    }
    return Optional.empty();
  }

  private final String filename;
  private final String contentType;
  private final byte[] content;
  private final String contentId;

  /**
   * @throws IllegalArgumentException when the filename, type or content id holds a line break or
   *     another control character (each becomes a MIME header value)
   * @throws InvalidField when SES would refuse it ({@link #problem})
   */
  public Attachment(String filename, String contentType, byte[] content, String contentId) {
    this.filename = headerSafe(filename, "filename");
    this.contentType = headerSafe(contentType, "contentType");
    Optional<String> problem = problem(filename, contentType);
    if (problem.isPresent()) {
      throw new InvalidField("attachment", filename, problem.get());
    }
    this.content = content.clone();
    this.contentId = headerSafe(contentId, "contentId");
  }

  private static String headerSafe(String value, String name) {
    Objects.requireNonNull(value, name);
    if (HeaderText.firstUnsafe(value) >= 0) {
      throw new IllegalArgumentException(name + " holds a line break or another control character");
    }
    return value;
  }

  public String filename() {
    return filename;
  }

  public String contentType() {
    return contentType;
  }

  /** A copy of the bytes. */
  public byte[] content() {
    return content.clone();
  }

  public String contentId() {
    return contentId;
  }

  /** The size of the content in bytes. */
  public int size() {
    return content.length;
  }

  public boolean isInline() {
    return !contentId.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Attachment that
        && filename.equals(that.filename)
        && contentType.equals(that.contentType)
        && Arrays.equals(content, that.content)
        && contentId.equals(that.contentId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(filename, contentType, Arrays.hashCode(content), contentId);
  }

  /** Name, type and size: never the content. */
  @Override
  public String toString() {
    return "Attachment["
        + filename
        + ", "
        + contentType
        + ", "
        + content.length
        + " bytes"
        + (contentId.isEmpty() ? "" : ", inline")
        + "]";
  }
}

package dev.sesbinding.core.email;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file sent with an email: its name, MIME type and bytes, and for an inline part (an image the
 * HTML shows as {@code cid:...}) its content id ({@code ""} for an ordinary attachment). Immutable:
 * the bytes are copied in and out.
 */
public final class Attachment {
  private final String filename;
  private final String contentType;
  private final byte[] content;
  private final String contentId;

  /**
   * @throws IllegalArgumentException when the filename, type or content id holds a line break or
   *     another control character (each becomes a MIME header value)
   */
  public Attachment(String filename, String contentType, byte[] content, String contentId) {
    this.filename = headerSafe(filename, "filename");
    this.contentType = headerSafe(contentType, "contentType");
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

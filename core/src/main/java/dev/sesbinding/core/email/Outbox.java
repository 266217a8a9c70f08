package dev.sesbinding.core.email;

import java.util.List;
import java.util.Optional;

/**
 * The emails a component with {@code transport: outbox} kept, oldest first; bounded, the newest are
 * kept.
 */
public interface Outbox {

  List<SentEmail> list();

  /** How many emails it keeps now, without copying them. */
  int count();

  /** The kept email with this message id, if it is still kept. */
  default Optional<SentEmail> find(String messageId) {
    return list().stream().filter(sent -> sent.messageId().equals(messageId)).findFirst();
  }

  /**
   * The email as a MIME message (RFC 5322, the bytes of an {@code .eml} file) as SES {@code
   * SendRawEmail} would carry it: Bcc is not in its headers. Empty for a templated email, which SES
   * renders itself. Builds the message on the calling thread.
   */
  Optional<byte[]> mime(SentEmail sent);

  /** How many emails it keeps at most. */
  int capacity();

  /** How many bytes of emails ({@link Email#heapBytes()}) it keeps at most. */
  long maxBytes();

  /** How many bytes of emails it keeps now. */
  long bytes();

  void clear();
}

package dev.sesbinding.core.email;

import java.util.List;

/**
 * The emails a component with {@code transport: outbox} kept, oldest first; bounded, the newest are
 * kept.
 */
public interface Outbox {

  List<SentEmail> list();

  /** How many emails it keeps at most. */
  int capacity();

  /** How many bytes of emails ({@link Email#heapBytes()}) it keeps at most. */
  long maxBytes();

  /** How many bytes of emails it keeps now. */
  long bytes();

  void clear();
}

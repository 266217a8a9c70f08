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

  void clear();
}

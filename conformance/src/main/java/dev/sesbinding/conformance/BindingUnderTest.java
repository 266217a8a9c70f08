package dev.sesbinding.conformance;

import java.util.Map;
import java.util.Set;

/**
 * The suite's one seam: a {@code bindings.aws.ses} binding reached through some adapter (the
 * library in process, a server over HTTP, a Dapr sidecar). One instance serves one component at a
 * time, from {@link #init} to {@link #close}.
 */
// close() may wait for a server to stop, and so may be interrupted: callers close on their own
// thread.
@SuppressWarnings("try")
public interface BindingUnderTest extends AutoCloseable {

  /**
   * Initialises the component, or checks that the remote endpoint serves it; throws when it cannot.
   */
  void init(ConformanceComponent component) throws Exception;

  /**
   * Checks health; returns normally, or throws with Dapr's text {@code ping is not implemented by
   * this output binding}.
   */
  void ping() throws Exception;

  Set<String> operations() throws Exception;

  /**
   * Invokes the binding. {@code data} is the JSON text of the request's {@code data} field as an
   * app sends it (for example {@code "\"<h1>Hi</h1>\""}), or {@code null} to leave the field out.
   */
  Outcome invoke(String operation, String data, Map<String, String> metadata) throws Exception;

  /**
   * Whether data that is not a JSON string is the email's body itself, as over Dapr's gRPC API here
   * (contract section 6), rather than an error, as over HTTP: the two cases about the data's shape
   * then do not apply. By default not.
   */
  default boolean takesAnyDataAsTheBody() {
    return false;
  }

  /**
   * What {@link #init} found at the target, for the report: the component's type and how the target
   * words errors; empty by default.
   */
  default String found() {
    return "";
  }

  @Override
  void close() throws Exception;
}

package dev.sesbinding.conformance;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import dev.sesbinding.conformance.backend.SesBackend;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance suite for {@code bindings.aws.ses}, written once: subclass it, return the binding
 * under test, and JUnit runs Dapr's binding cases ({@code init}, {@code ping}, {@code operations},
 * {@code create}, {@code close}) plus ours (delivery of every field, every error of the contract)
 * for each component of the configuration:
 *
 * <pre>{@code
 * class MyDeploymentConformanceIT extends SesBindingConformance {
 *   @Override
 *   protected BindingUnderTest bindingUnderTest(SesBackend backend) {
 *     return new RemoteHttpBinding(URI.create("http://127.0.0.1:3500"), System.getenv("DAPR_API_TOKEN"));
 *   }
 * }
 * }</pre>
 *
 * <p>The backend is chosen by system properties (moto by default, started by the suite). With
 * {@code CI=true} (or {@code -Dconformance.failIfBackendMissing=true}), a backend that cannot start
 * fails the run instead of skipping it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SesBindingConformance {
  public static final String FAIL_IF_BACKEND_MISSING = "conformance.failIfBackendMissing";
  private SesBackend backend;
  private BindingUnderTest binding;

  /** The binding under test, sending to {@code backend} (already started). */
  protected abstract BindingUnderTest bindingUnderTest(SesBackend backend) throws Exception;

  /**
   * Where the binding sends and the suite reads back; by default what system properties choose
   * (moto).
   */
  protected SesBackend backend() {
    return SesBackend.fromSystemProperties();
  }

  /** The components to test; by default {@link ConformanceConfig#load()}. */
  protected ConformanceConfig config() {
    return ConformanceConfig.load();
  }

  @TestFactory
  Stream<DynamicContainer> conformance() throws Exception {
    backend = backend();
    try {
      backend.start();
    } catch (Exception e) {
      backend.close();
      String reason = "backend " + backend.name() + " cannot start here: " + e.getMessage();
      if (Boolean.parseBoolean(System.getProperty(FAIL_IF_BACKEND_MISSING, System.getenv("CI")))) {
        throw new IllegalStateException(reason, e);
      }
      Assumptions.abort(reason);
    }
    binding = bindingUnderTest(backend);
    return config().components(backend.variables()).stream()
        .map(
            component ->
                dynamicContainer(
                    component.name() + " (" + component.type() + ") through " + binding,
                    DaprCases.of(component, binding, backend)));
  }

  @AfterAll
  void stopBackend() throws Exception {
    try {
      if (binding != null) {
        binding.close();
      }
    } finally {
      if (backend != null) {
        backend.close();
      }
    }
  }
}

package dev.sesbinding.conformance.cli;

import dev.sesbinding.conformance.BindingUnderTest;
import dev.sesbinding.conformance.ConformanceComponent;
import dev.sesbinding.conformance.Outcome;
import java.util.Map;
import java.util.Set;

/** A binding under test known at its target by another name than its component's. */
@SuppressWarnings("try") // close() may be interrupted: callers close on their own thread
final class RenamedBinding implements BindingUnderTest {
  private final BindingUnderTest binding;
  private final String name;

  RenamedBinding(BindingUnderTest binding, String name) {
    this.binding = binding;
    this.name = name;
  }

  @Override
  public void init(ConformanceComponent component) throws Exception {
    binding.init(
        new ConformanceComponent(
            name,
            component.type(),
            component.version(),
            component.yaml(),
            component.metadata(),
            component.operations(),
            component.output(),
            component.outputData()));
  }

  @Override
  public void ping() throws Exception {
    binding.ping();
  }

  @Override
  public Set<String> operations() throws Exception {
    return binding.operations();
  }

  @Override
  public Outcome invoke(String operation, String data, Map<String, String> metadata)
      throws Exception {
    return binding.invoke(operation, data, metadata);
  }

  @Override
  public boolean takesAnyDataAsTheBody() {
    return binding.takesAnyDataAsTheBody();
  }

  @Override
  public void close() throws Exception {
    binding.close();
  }

  @Override
  public String toString() {
    return binding + " as " + name;
  }
}

package dev.sesbinding.serving;

import dev.sesbinding.core.OutputBinding;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component instances daprd initialised on a socket, by instance name: {@code Init} puts one,
 * calls lease it here. An instance that {@code Init} replaces, or that stops, is closed once the
 * calls that hold it have ended, never under them. A name never initialised is {@link
 * ErrorCase#NOT_INITIALISED}. Thread-safe; it owns its instances.
 */
public final class InstanceRegistry implements BindingSource {
  /** What daprd's app reads when daprd calls an instance this process never initialised. */
  public static final String NOT_INITIALISED =
      "the component instance is not initialised: daprd calls Init only when it loads the"
          + " component, so if the component restarted since, restart daprd";

  private static final Logger LOG = LoggerFactory.getLogger(InstanceRegistry.class);

  /** Names logged once each, up to this many: a client naming endless instances logs no more. */
  private static final int MAX_WARNED = 64;

  private final Map<String, Instance> instances = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final Executor closer;

  /** Closes the instances it retires on {@code closer} (closing may block), or inline once shut. */
  public InstanceRegistry(Executor closer) {
    this.closer = Objects.requireNonNull(closer, "closer");
  }

  @Override
  public Optional<Lease> acquire(String name) {
    while (true) {
      Instance instance = instances.get(name);
      if (instance == null) {
        return Optional.empty();
      }
      if (instance.tryAcquire()) {
        return Optional.of(instance);
      }
      if (instances.get(name) == instance) {
        return Optional.empty(); // closed and not yet removed: as good as gone
      }
      // replaced between the look-up and the lease: lease the new one
    }
  }

  @Override
  public Refusal notFound(String name) {
    if (warned.size() < MAX_WARNED && warned.add(name)) {
      LOG.warn(
          "daprd called component instance {}, which it has not initialised here: daprd calls Init"
              + " only when it loads a component, so after this component restarts, restart daprd"
              + " (or let the component remember its instances)",
          shown(name));
    }
    return Refusal.invoking(ErrorCase.NOT_INITIALISED, shown(name), NOT_INITIALISED);
  }

  /**
   * Makes {@code binding} instance {@code name}; the instance it replaces is closed once its calls
   * end. Whether it replaced one.
   */
  public boolean put(String name, OutputBinding binding) {
    Instance old = instances.put(name, new Instance(binding));
    if (old != null) {
      old.retire();
    }
    return old != null;
  }

  /**
   * Makes {@code replacement} instance {@code name} if it is still {@code expected}, which is then
   * retired (closed once its calls end) as by {@link #put}; whether it was.
   */
  public boolean replace(String name, OutputBinding expected, OutputBinding replacement) {
    Instance current = instances.get(name);
    if (current == null
        || current.binding != expected
        || !instances.replace(name, current, new Instance(replacement))) {
      return false;
    }
    current.retire();
    return true;
  }

  /** Removes instance {@code name} if it is still {@code binding}, closing it once idle. */
  public boolean remove(String name, OutputBinding binding) {
    Instance instance = instances.get(name);
    if (instance != null && instance.binding == binding && instances.remove(name, instance)) {
      instance.retire();
      return true;
    }
    return false;
  }

  /** Removes every instance, each closed once its calls have ended. */
  public void closeAll() {
    for (String name : List.copyOf(instances.keySet())) {
      Instance instance = instances.remove(name);
      if (instance != null) {
        instance.retire();
      }
    }
  }

  /** How many instances are initialised now. */
  public int size() {
    return instances.size();
  }

  /** An instance's name as messages show it: daprd may name none. */
  public static String shown(String name) {
    return name.isEmpty() ? "(unnamed)" : name;
  }

  /** One instance and the calls that hold it; -1 holders once closed. */
  private final class Instance implements Lease {
    private final OutputBinding binding;
    private final AtomicInteger holders = new AtomicInteger();
    private volatile boolean retired;

    Instance(OutputBinding binding) {
      this.binding = Objects.requireNonNull(binding, "binding");
    }

    boolean tryAcquire() {
      while (true) {
        int now = holders.get();
        if (now < 0) {
          return false;
        }
        if (holders.compareAndSet(now, now + 1)) {
          return true;
        }
      }
    }

    @Override
    public OutputBinding binding() {
      return binding;
    }

    @Override
    public void release() {
      if (holders.decrementAndGet() == 0 && retired) {
        closeIfIdle();
      }
    }

    void retire() {
      retired = true;
      closeIfIdle();
    }

    private void closeIfIdle() {
      if (holders.compareAndSet(0, -1)) {
        try {
          closer.execute(binding::close);
        } catch (RejectedExecutionException stopping) {
          binding.close();
        }
      }
    }
  }
}

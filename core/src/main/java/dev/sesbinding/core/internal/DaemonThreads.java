package dev.sesbinding.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way this project makes its own threads: daemons (they never keep the JVM alive on their
 * own), named {@code <prefix>-<n>} so that a thread dump says whose they are.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
  public static ThreadFactory factory(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** An executor that runs each task on a new daemon thread of its own (for rare blocking work). */
  public static Executor perTask(String prefix) {
    ThreadFactory threads = factory(prefix);
    return task -> threads.newThread(task).start();
  }

  /** One daemon timer thread; a cancelled task leaves its queue at once. */
  public static ScheduledThreadPoolExecutor timer(String prefix) {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, factory(prefix));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}

package dev.trailhouse.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixed thread pools of daemon threads, so that a task still running never keeps the JVM alive. */
public final class DaemonPool {
  private DaemonPool() {}

  /** A pool of {@code threads} daemon threads named {@code name-1}, {@code name-2}, ... */
  public static ExecutorService fixed(int threads, String name) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** One daemon thread named {@code name} for scheduled work. */
  public static java.util.concurrent.ScheduledExecutorService scheduled(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }
}

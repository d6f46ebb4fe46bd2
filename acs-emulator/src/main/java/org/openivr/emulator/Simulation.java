package org.openivr.emulator;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's single simulation thread and its clock. Every change to call state (requests,
 * timers, the scripted caller) runs here, one at a time, so call state needs no locks. Nothing on
 * this thread blocks: network I/O happens elsewhere.
 */
final class Simulation implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Simulation.class);

  private final ScheduledExecutorService thread;
  private final double timeScale;

  Simulation(double timeScale) {
    this.timeScale = timeScale;
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "acs-emulator-sim");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs a task on the simulation thread and waits for its result. */
  <T> T call(Callable<T> task) {
    try {
      return thread.submit(task).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the emulator", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("The emulator's simulation thread did not answer within 30 s", e);
    }
  }

  /** Runs a task on the simulation thread, later. */
  void execute(Runnable task) {
    if (!thread.isShutdown()) {
      thread.execute(guarded(task));
    }
  }

  /** Runs a task on the simulation thread after a simulated duration (multiplied by the time scale). */
  ScheduledFuture<?> after(Duration simulated, Runnable task) {
    return afterRealTime(scaled(simulated), task);
  }

  /** Runs a task on the simulation thread after a wall-clock duration. */
  ScheduledFuture<?> afterRealTime(Duration real, Runnable task) {
    return thread.schedule(guarded(task), Math.max(0, real.toNanos()), TimeUnit.NANOSECONDS);
  }

  /** Runs a task on the simulation thread every {@code real} (wall clock) until the emulator closes. */
  ScheduledFuture<?> every(Duration real, Runnable task) {
    long nanos = Math.max(1, real.toNanos());
    return thread.scheduleWithFixedDelay(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
  }

  Duration scaled(Duration simulated) {
    return Duration.ofNanos(Math.round(simulated.toNanos() * timeScale));
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("Emulator simulation task failed", e);
      }
    };
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}

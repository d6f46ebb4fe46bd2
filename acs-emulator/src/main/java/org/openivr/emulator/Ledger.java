package org.openivr.emulator;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every operation the emulator executed, in order. This is how tests prove nothing ran twice.
 *
 * <p>A long load run would grow the kept list without end (and copy it on every add), so it can
 * {@link #stopKeeping() stop keeping} entries and {@link #subscribe follow} them as they happen instead.
 */
public final class Ledger {

  private static final Logger log = LoggerFactory.getLogger(Ledger.class);
  private final List<LedgerEntry> entries = new CopyOnWriteArrayList<>();
  private final List<Consumer<LedgerEntry>> subscribers = new CopyOnWriteArrayList<>();
  private volatile boolean keeping = true;

  Ledger() {}

  void add(LedgerEntry entry) {
    if (keeping) {
      entries.add(entry);
    }
    for (Consumer<LedgerEntry> subscriber : subscribers) {
      try {
        subscriber.accept(entry);
      } catch (RuntimeException e) {
        // A subscriber's bug must not fail the operation it is told about.
        log.warn("{} {}: a ledger subscriber failed: {}", entry.callConnectionId(), entry.operation(), e.toString());
      }
    }
  }

  /**
   * Calls {@code subscriber} with every entry from now on, on the emulator's simulation thread, right after the
   * operation executed: it must be quick and must not call back into the emulator.
   */
  public void subscribe(Consumer<LedgerEntry> subscriber) {
    subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
  }

  /** From now on entries only go to subscribers; {@link #entries()} keeps what it had. */
  public void stopKeeping() {
    keeping = false;
  }

  /** All entries, oldest first. */
  public List<LedgerEntry> entries() {
    return List.copyOf(entries);
  }

  /** The entries of one call, oldest first. */
  public List<LedgerEntry> entries(String callConnectionId) {
    return entries.stream().filter(e -> Objects.equals(e.callConnectionId(), callConnectionId)).toList();
  }

  /** How many times an operation was executed on a call, whatever its status. */
  public long count(String callConnectionId, String operation) {
    return entries.stream()
        .filter(e -> Objects.equals(e.callConnectionId(), callConnectionId) && e.operation().equals(operation))
        .count();
  }
}

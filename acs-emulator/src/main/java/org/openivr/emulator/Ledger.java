package org.openivr.emulator;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

  /** Operations a call has at most once, whatever their body: it is answered (or dialled) once and ended once. */
  private static final Set<String> ONCE_PER_CALL = Set.of("answer", "createCall", "hangUp", "terminate");

  /**
   * Every step the app had executed more than once, oldest first, each as its executions (steps as {@link #stepOf}).
   */
  public List<List<LedgerEntry>> repeatedSteps() {
    Map<String, List<LedgerEntry>> steps = new LinkedHashMap<>();
    for (LedgerEntry entry : entries) {
      String step = stepOf(entry);
      if (step != null) {
        steps.computeIfAbsent(step, k -> new java.util.ArrayList<>()).add(entry);
      }
    }
    return steps.values().stream().filter(executions -> executions.size() > 1).map(List::copyOf).toList();
  }

  /**
   * The step an entry executed, or null when it names none. A step is one
   * operation on one call named by what the app sent to tell it apart from its other steps:
   * <ul>
   *   <li>{@code answer} and {@code createCall}, and ending the call ({@code hangUp}, {@code terminate}): once per
   *       call, whatever the body;</li>
   *   <li>an operation whose body carries an {@code operationContext} (play, recognize, send DTMF, transfer, hold,
   *       continuous DTMF, media streaming, start recording): that operation with that operationContext;</li>
   *   <li>any other operation sent with a {@code Repeatability-Request-ID}: that operation with that id (replays are
   *       not executed, so they are not in the ledger at all).</li>
   * </ul>
   * Other operations (get call, recording pause/resume/stop, downloads) have no step name and are never counted.
   * Requests ACS refused (status 400 and above) did nothing and are not counted either.
   */
  public static String stepOf(LedgerEntry entry) {
    if (entry.callConnectionId() == null || entry.status() >= 400) {
      return null;
    }
    String call = entry.callConnectionId() + " ";
    if (ONCE_PER_CALL.contains(entry.operation())) {
      return call + (entry.operation().equals("hangUp") || entry.operation().equals("terminate") ? "end"
          : entry.operation());
    }
    String operationContext = operationContext(entry.requestBody());
    if (operationContext != null) {
      return call + entry.operation() + " " + operationContext;
    }
    return entry.repeatabilityRequestId() == null ? null : call + entry.operation() + " " + entry.repeatabilityRequestId();
  }

  private static String operationContext(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return Json.text(Json.read(body), "operationContext");
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }
}

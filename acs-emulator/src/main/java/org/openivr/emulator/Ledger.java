package org.openivr.emulator;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every operation the emulator executed, in order. This is how tests prove nothing ran twice. */
public final class Ledger {

  private final List<LedgerEntry> entries = new CopyOnWriteArrayList<>();

  Ledger() {}

  void add(LedgerEntry entry) {
    entries.add(entry);
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

package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static LedgerEntry entry(String operation) {
        return new LedgerEntry(Instant.now(), "conn-1", operation, null, "{}", 202);
    }

    @Test
    void subscribersSeeEveryEntryAndKeepSeeingThemOnceTheLedgerStopsKeeping() {
        Ledger ledger = new Ledger();
        List<String> seen = new ArrayList<>();
        ledger.add(entry("answer"));
        ledger.subscribe(e -> seen.add(e.operation()));
        ledger.add(entry("play"));
        ledger.stopKeeping();
        ledger.add(entry("hangUp"));

        assertThat(seen).containsExactly("play", "hangUp");
        assertThat(ledger.entries()).extracting(LedgerEntry::operation).containsExactly("answer", "play");
        assertThat(ledger.count("conn-1", "hangUp")).isZero();
    }

    @Test
    void aFailingSubscriberNeitherFailsTheOperationNorStopsTheOthers() {
        Ledger ledger = new Ledger();
        List<String> seen = new ArrayList<>();
        ledger.subscribe(e -> {
            throw new IllegalStateException("broken subscriber");
        });
        ledger.subscribe(e -> seen.add(e.operation()));
        ledger.add(entry("play"));

        assertThat(seen).containsExactly("play");
        assertThat(ledger.count("conn-1", "play")).isEqualTo(1);
    }
}

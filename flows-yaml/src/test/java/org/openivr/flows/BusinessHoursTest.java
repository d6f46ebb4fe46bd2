package org.openivr.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When an {@code hours} node is open: on the call's clock, in the node's time zone, never the system's. */
class BusinessHoursTest {
    private static final Node.Hours HOURS = (Node.Hours) FlowLoader.parse("flows/open.yaml", """
            flow: open
            start: hours
            nodes:
              hours:
                hours:
                  timezone: Europe/Paris
                  open:
                    mon-fri: ["08:30-12:00", "14:00-18:00"]
                    sat: "10:00-24:00"
                    sun-mon: "20:00-22:00"
                  closed: [2026-12-25]
                on: {open: hangup, closed: hangup}
            """, name -> Optional.empty()).node("hours");

    private static boolean open(String at) {
        return HOURS.isOpen(OffsetDateTime.parse(at).toInstant());
    }

    @Test
    void openWithinAnIntervalOfTheDayAndClosedBetweenThem() {
        assertThat(open("2026-11-23T08:30:00+01:00")).isTrue(); // Monday, opening minute
        assertThat(open("2026-11-23T08:29:59+01:00")).isFalse();
        assertThat(open("2026-11-23T12:00:00+01:00")).isFalse(); // the end is not included: lunch
        assertThat(open("2026-11-23T13:00:00+01:00")).isFalse();
        assertThat(open("2026-11-23T17:59:59+01:00")).isTrue();
        assertThat(open("2026-11-23T21:00:00+01:00")).isTrue(); // sun-mon evening
        assertThat(open("2026-11-24T21:00:00+01:00")).isFalse(); // Tuesday evening
    }

    @Test
    void theInstantIsReadInTheNodesTimeZone() {
        // 10:00 in Los Angeles is 19:00 in Paris: closed; 01:00 in Los Angeles is 10:00 in Paris: open.
        assertThat(HOURS.isOpen(OffsetDateTime.parse("2026-11-23T10:00:00-08:00").toInstant())).isFalse();
        assertThat(HOURS.isOpen(OffsetDateTime.parse("2026-11-23T01:00:00-08:00").toInstant())).isTrue();
        assertThat(HOURS.outcome(Instant.parse("2026-11-23T09:00:00Z"))).isEqualTo("open");
    }

    @Test
    void twentyFourHundredRunsToTheEndOfTheDay() {
        assertThat(open("2026-11-28T23:59:59+01:00")).isTrue(); // Saturday
        assertThat(open("2026-11-29T00:00:00+01:00")).isFalse(); // Sunday morning
    }

    @Test
    void aClosedDateIsClosedAllDay() {
        assertThat(open("2026-12-24T09:00:00+01:00")).isTrue();
        assertThat(open("2026-12-25T09:00:00+01:00")).isFalse(); // a Friday
    }

    @Test
    void summerTimeIsTheLocalClock() {
        // Paris is UTC+2 in summer: 06:45 UTC is 08:45 local on a Wednesday.
        assertThat(HOURS.isOpen(Instant.parse("2026-07-01T06:45:00Z"))).isTrue();
        assertThat(HOURS.isOpen(Instant.parse("2026-01-07T06:45:00Z"))).isFalse(); // 07:45 local in winter
    }
}

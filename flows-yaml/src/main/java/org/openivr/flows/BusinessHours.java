package org.openivr.flows;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * When an {@code hours} node is open. Deterministic: the instant comes from the call's clock, never from
 * the system clock.
 */
public final class BusinessHours {
    private BusinessHours() {}

    /**
     * Open when the local date (in the node's time zone) is not a closed date and the local time falls in
     * one of that weekday's intervals: {@code from <= time < to} ("24:00" includes the day's last instant).
     */
    public static boolean isOpen(Node.Hours hours, Instant instant) {
        ZonedDateTime local = instant.atZone(hours.timezone());
        if (hours.closed().contains(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        for (Node.Hours.Interval interval : hours.open()) {
            if (interval.days().contains(local.getDayOfWeek()) && !time.isBefore(interval.from())
                    && (time.isBefore(interval.to()) || interval.to().equals(LocalTime.MAX))) {
                return true;
            }
        }
        return false;
    }
}

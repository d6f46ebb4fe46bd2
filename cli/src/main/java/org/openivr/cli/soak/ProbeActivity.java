package org.openivr.cli.soak;

import io.temporal.activity.ActivityInterface;

/** The probe's no-op activity. */
@ActivityInterface
public interface ProbeActivity {
    /** Notes the time from the signal's sending to now. */
    void started(long sentNanos);
}

package org.openivr.cli.soak;

/** How one soak call ended, as the report counts it. */
enum CallOutcome {
    /** Ended, and met its {@code expect}. */
    MET_EXPECT("completed"),
    /** Ended (or its workflow failed) without meeting its {@code expect}. */
    FAILED_EXPECT("failed expect"),
    /** Placed, but no workflow was found for it, or it could not be followed. */
    LOST("lost"),
    /** Its workflow was still running at the call's deadline. */
    STUCK("stuck"),
    /** The emulator or the API refused to place it. */
    NOT_PLACED("not placed");

    private final String label;

    CallOutcome(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}

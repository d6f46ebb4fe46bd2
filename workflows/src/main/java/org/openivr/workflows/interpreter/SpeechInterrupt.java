package org.openivr.workflows.interpreter;

/** The caller's voice cut the running prompt or menu short: they spoke, or said a menu option. */
final class SpeechInterrupt extends RuntimeException {
    /** The menu option they said, or null when they simply started speaking. */
    final String option;

    SpeechInterrupt(String option) {
        super("caller spoke", null, false, false);
        this.option = option;
    }
}

package org.openivr.workflows.interpreter;

import java.util.List;

/** What one round of key recognition produced. */
sealed interface KeyEntry {
    /** The caller pressed keys (stop key removed). */
    record Keys(String keys) implements KeyEntry {}

    /** Nothing was pressed before the timeout. */
    record NoInput() implements KeyEntry {}

    /** Recognition could not run or ACS never answered; retrying will not help. */
    record Failed(String reason) implements KeyEntry {}

    static String join(List<String> tones) {
        return String.join("", tones);
    }
}

package org.openivr.workflows.interpreter;

/** Unwinds the current node when the caller pressed an {@code anytime} key; the call goes to its target. */
final class AnytimeJump extends RuntimeException {
    final String key;
    final String target;

    AnytimeJump(String key, String target) {
        super("anytime key " + key, null, false, false);
        this.key = key;
        this.target = target;
    }
}

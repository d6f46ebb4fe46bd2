package org.openivr.workflows.interpreter;

/** Where a node's verb decided to go next: a target (node id or reserved word). */
record Outcome(String target, String label) {
    static Outcome to(String target, String label) {
        return new Outcome(target, label);
    }
}

package org.openivr.flows;

/** Reserved targets an exit may name instead of a node id. */
public final class Targets {
    public static final String HANGUP = "hangup";
    public static final String RETURN = "return";

    private Targets() {}

    public static boolean isReserved(String target) {
        return HANGUP.equals(target) || RETURN.equals(target);
    }
}

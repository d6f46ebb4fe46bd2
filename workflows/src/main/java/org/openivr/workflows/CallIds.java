package org.openivr.workflows;

/** Workflow ids for calls, derived from the event that started them so a redelivery cannot start a second call. */
public final class CallIds {
    private CallIds() {}

    public static String forIncomingCall(String correlationId) {
        return "call-" + correlationId;
    }
}

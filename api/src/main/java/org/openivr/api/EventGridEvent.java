package org.openivr.api;

/** The Event Grid deliveries the platform acts on. */
public sealed interface EventGridEvent {
    record SubscriptionValidation(String validationCode) implements EventGridEvent {}

    /**
     * @param from caller raw id ({@code 4:+14255550123})
     * @param to   called raw id
     */
    record IncomingCall(String eventId, String from, String to, String serverCallId, String correlationId,
                        String incomingCallContext, java.util.Map<String, String> sipHeaders) implements EventGridEvent {

        public IncomingCall {
            sipHeaders = sipHeaders == null ? java.util.Map.of() : java.util.Map.copyOf(sipHeaders);
        }

        public IncomingCall(String eventId, String from, String to, String serverCallId, String correlationId,
                            String incomingCallContext) {
            this(eventId, from, to, serverCallId, correlationId, incomingCallContext, null);
        }
    }

    /** A recording's files are ready (acs-wire 4.4); {@code status.eventId()} is the event's id. */
    record RecordingFileStatusUpdated(org.openivr.workflows.recording.RecordingFileStatus status)
            implements EventGridEvent {}

    /** An event type we do not handle; acknowledged and otherwise ignored. */
    record Other(String eventId, String type) implements EventGridEvent {}
}

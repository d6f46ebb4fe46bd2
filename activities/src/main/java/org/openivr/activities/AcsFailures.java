package org.openivr.activities;

import com.azure.communication.callautomation.implementation.models.CommunicationError;
import com.azure.communication.callautomation.implementation.models.CommunicationErrorResponse;
import com.azure.core.exception.HttpResponseException;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.util.Locale;
import org.openivr.workflows.CallActivities;

/** Turns ACS refusals into the failures {@link CallActivities} promises. */
final class AcsFailures {
    private static final String CALL_NOT_FOUND = "8522 call not found";

    private AcsFailures() {}

    static int status(HttpResponseException e) {
        return e.getResponse() == null ? -1 : e.getResponse().getStatusCode();
    }

    /** 4xx other than 408 (timeout) and 429 (throttled): a retry cannot help. */
    static boolean isRejection(HttpResponseException e) {
        int status = status(e);
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    /** The ACS error code and message from the exception, as {@code "8522 Call not found."}, or null. */
    static String acsError(HttpResponseException e) {
        Object value = e.getValue();
        if (value instanceof AcsRestExtension.AcsError error) {
            return error.toString();
        }
        if (value instanceof CommunicationErrorResponse response && response.getError() != null) {
            CommunicationError error = response.getError();
            return (error.getCode() == null ? "" : error.getCode() + " ")
                    + (error.getMessage() == null ? "" : error.getMessage());
        }
        if (value instanceof String body) {
            AcsRestExtension.AcsError error = AcsRestExtension.AcsError.parse(body);
            return error == null ? null : error.toString();
        }
        return null;
    }

    /** A readable line: {@code ACS rejected play on call connection abc: HTTP 404, 8522 Call not found.} */
    static String describe(String operation, String subject, HttpResponseException e) {
        String error = acsError(e);
        return "ACS rejected " + operation + " on " + subject + ": HTTP " + status(e)
                + (error == null || error.isBlank() ? "" : ", " + error.trim());
    }

    /**
     * A call that has ended is an everyday answer (the caller hung up a moment ago), so it is benign: the SDK logs it
     * at debug level instead of a warning with a stack trace.
     */
    static ApplicationFailure rejected(String operation, String subject, HttpResponseException e) {
        boolean gone = callNotFound(e);
        return ApplicationFailure.newBuilder()
                .setMessage(describe(operation, subject, e))
                .setType(gone ? CallActivities.CALL_GONE : CallActivities.REJECTED)
                .setNonRetryable(true)
                .setCategory(gone ? ApplicationErrorCategory.BENIGN : ApplicationErrorCategory.UNSPECIFIED)
                .build();
    }

    /**
     * ACS's answer for a call that has ended (acs-wire 1.5): HTTP 404, code 8522, "Call not found.". The code alone
     * is not enough: ACS uses 8522 for any missing resource ("Recording not found.", "Participant not found."), and
     * taking those for the call's end would drop a call that is still up. An unexpected wording is a plain refusal.
     */
    static boolean callNotFound(HttpResponseException e) {
        String error = status(e) == 404 ? acsError(e) : null;
        return error != null && error.toLowerCase(Locale.ROOT).startsWith(CALL_NOT_FOUND);
    }

    /** A request this activity cannot send: as final as an ACS 400. */
    static ApplicationFailure invalid(String operation, String subject, String why) {
        return ApplicationFailure.newNonRetryableFailure(
                "invalid " + operation + " request on " + subject + ": " + why, CallActivities.REJECTED);
    }
}

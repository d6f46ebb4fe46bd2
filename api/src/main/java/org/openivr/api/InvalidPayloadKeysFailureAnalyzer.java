package org.openivr.api;

import org.openivr.workflows.payload.InvalidPayloadKeys;
import org.openivr.workflows.payload.PayloadEncryption;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up that failed on the payload keys into Spring Boot's two-line "what, and what to do" report. The API
 * and the worker each register one (META-INF/spring.factories) because each also runs alone.
 */
public class InvalidPayloadKeysFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPayloadKeys> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidPayloadKeys cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + PayloadEncryption.PROPERTY + " (or "
                + PayloadEncryption.ENVIRONMENT + ") to id=base64-key[,id=base64-key...], each key 32 random bytes"
                + " (openssl rand -base64 32); the first encrypts, all decrypt. The API and every worker need the same"
                + " keys.", cause);
    }
}

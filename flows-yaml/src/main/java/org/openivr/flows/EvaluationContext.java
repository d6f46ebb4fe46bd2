package org.openivr.flows;

import java.time.Instant;
import java.util.Map;

/**
 * The names an expression may use: declared variables plus the built-ins {@code call.from},
 * {@code call.to}, {@code call.id}, {@code input}, {@code now} and {@code attempt}.
 * Variable values are String, Long/Integer, Double or Boolean.
 */
public record EvaluationContext(Map<String, Object> variables, String callId, String from, String to,
                                String input, Instant now, long attempt) {}

package org.openivr.activities;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.Context;
import io.temporal.activity.Activity;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The {@code Repeatability-Request-ID} / {@code Repeatability-First-Sent} pair of one logical request
 * (acs-wire 1.4), derived from the call and the step so that a retried activity sends the same pair
 * and ACS runs the request once.
 *
 * <p>SDK 1.0.4 fills both headers itself with a random UUID and "now"; {@link Policy} overrides them
 * when the request's {@link Context} carries a value under {@link #CONTEXT_KEY}.
 */
public record Repeatability(UUID requestId, Instant firstSent) {

    /** Context key under which a {@link Repeatability} travels to {@link Policy}. */
    public static final String CONTEXT_KEY = "org.openivr.activities.repeatability";

    static final HttpHeaderName REQUEST_ID = HttpHeaderName.fromString("Repeatability-Request-ID");
    static final HttpHeaderName FIRST_SENT = HttpHeaderName.fromString("Repeatability-First-Sent");

    /** IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT} (two-digit day, unlike RFC_1123_DATE_TIME). */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    public Repeatability {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(firstSent, "firstSent");
        firstSent = firstSent.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** How many steps {@link #firstSent} remembers outside Temporal (oldest forgotten first). */
    private static final int FIRST_SENT_MEMORY = 10_000;
    /** First time this process sent a step, for {@code Repeatability-First-Sent} outside Temporal. */
    private static final Map<String, Instant> FIRST_SENT_BY_STEP = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > FIRST_SENT_MEMORY;
        }
    };

    /**
     * The pair of one step of a call: {@link #requestIdFor(String, String)} and {@link #firstSent(String, String)}, so
     * every retry of the activity, on any worker, sends the same pair.
     */
    public static Repeatability forStep(String step, String callId) {
        return new Repeatability(requestIdFor(step, callId), firstSent(step, callId));
    }

    /**
     * {@code Repeatability-First-Sent} of a step: inside Temporal the activity's first scheduling time (the same on
     * every retry, on any worker, even after the worker that first sent it died); outside an activity (tests, tools)
     * the first time this process sent the step.
     */
    static Instant firstSent(String step, String callId) {
        try {
            long scheduled = Activity.getExecutionContext().getInfo().getScheduledTimestamp();
            if (scheduled > 0) {
                return Instant.ofEpochMilli(scheduled);
            }
        } catch (IllegalStateException | NullPointerException notInActivity) {
            // run directly: this process's memory
        }
        synchronized (FIRST_SENT_BY_STEP) {
            return FIRST_SENT_BY_STEP.computeIfAbsent(step + ":" + callId, k -> Instant.now());
        }
    }

    /** A name-based UUID of {@code step + ":" + callId}, e.g. {@code answer:call-123}. */
    public static UUID requestIdFor(String step, String callId) {
        return UUID.nameUUIDFromBytes((step + ":" + callId).getBytes(StandardCharsets.UTF_8));
    }

    public String firstSentHeader() {
        return IMF_FIXDATE.format(firstSent);
    }

    /** {@code context} with this pair attached for {@link Policy}. */
    public Context addTo(Context context) {
        return (context == null ? Context.NONE : context).addData(CONTEXT_KEY, this);
    }

    /** Sets both headers on requests whose context carries a {@link Repeatability}; leaves others alone. */
    public static final class Policy implements HttpPipelinePolicy {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            context.getData(CONTEXT_KEY)
                    .filter(Repeatability.class::isInstance)
                    .map(Repeatability.class::cast)
                    .ifPresent(r -> {
                        context.getHttpRequest().setHeader(REQUEST_ID, r.requestId().toString());
                        context.getHttpRequest().setHeader(FIRST_SENT, r.firstSentHeader());
                    });
            return next.process();
        }
    }
}

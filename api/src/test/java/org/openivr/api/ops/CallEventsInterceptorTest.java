package org.openivr.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.metrics.IvrMetrics;

class CallEventsInterceptorTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IvrMetrics metrics = IvrMetrics.of(registry);
    private final CallEventsInterceptor interceptor = new CallEventsInterceptor(metrics);

    private static CallEvent event(String type, String context) {
        return new CallEvent("e-" + type, CallEventKind.fromAcsType(type), "Microsoft.Communication." + type, "conn",
                context, 200, 0, null, List.of(), null, null, null);
    }

    @Test
    void eventsAreCountedByTypeAndFailedOnesCountAsFailuresOfTheirOperation() {
        interceptor.observe("call-1", event("PlayCompleted", "1/welcome"));
        interceptor.observe("call-1", event("PlayFailed", "2/welcome"));
        interceptor.observe("call-1", event("RecognizeFailed", "3/menu"));
        assertThat(registry.get(IvrMetrics.ACS_EVENTS).tag("type", "PlayCompleted").counter().count()).isEqualTo(1);
        assertThat(registry.get(IvrMetrics.ACS_FAILURES).tag("operation", "play").tag("source", "event").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(IvrMetrics.ACS_FAILURES).tag("operation", "recognizeKeys").counter().count()).isEqualTo(1);
    }

    @Test
    void anEventTheCallActsOnStartsTheClockTheNextRequestStops() {
        interceptor.observe("call-2", event("ParticipantsUpdated", null));
        metrics.acsRequestSent("call-2", "play");
        assertThat(registry.find(IvrMetrics.EVENT_TO_ACTION).timer()).as("participants start no clock").isNull();

        interceptor.observe("call-2", event("PlayCompleted", "1/welcome"));
        metrics.acsRequestSent("call-2", "recognizeKeys");
        metrics.acsRequestSent("call-2", "play"); // no event since: not paired
        assertThat(registry.get(IvrMetrics.EVENT_TO_ACTION).tag("operation", "recognizeKeys").timer().count()).isEqualTo(1);
        assertThat(registry.find(IvrMetrics.EVENT_TO_ACTION).tag("operation", "play").timer()).isNull();

        interceptor.observe("call-2", event("PlayCompleted", "4/pause"));
        metrics.eventAnsweredWithoutRequest("call-2"); // the flow paused (a wait node): no latency
        metrics.acsRequestSent("call-2", "play");
        assertThat(registry.find(IvrMetrics.EVENT_TO_ACTION).tag("operation", "play").timer()).isNull();
    }

    @Test
    void oneRegistryHasOneFacadeSoTheApiAndTheWorkerPairInProcess() {
        assertThat(IvrMetrics.of(registry)).isSameAs(metrics);
        assertThat(IvrMetrics.of(new SimpleMeterRegistry())).isNotSameAs(metrics);
        metrics.audioStreamStarted();
        metrics.audioStreamStarted();
        metrics.audioStreamEnded();
        metrics.audioSignalDropped("queue-full");
        assertThat(registry.get(IvrMetrics.AUDIO_STREAMS).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get(IvrMetrics.AUDIO_SIGNALS_DROPPED).tag("reason", "queue-full").counter().count()).isEqualTo(1);
    }
}

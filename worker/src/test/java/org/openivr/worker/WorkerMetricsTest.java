package org.openivr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.AudioSignal;
import org.openivr.workflows.metrics.IvrMetrics;

class WorkerMetricsTest {

    @Test
    void audioSignalsSentThroughTheClientAreCountedByKind() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkflowClientCallsInterceptor server = (WorkflowClientCallsInterceptor) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {WorkflowClientCallsInterceptor.class},
                (proxy, method, args) -> method.getName().equals("signal") ? new WorkflowClientCallsInterceptor.WorkflowSignalOutput() : null);
        WorkflowClientCallsInterceptor client = new AudioSignalsCounter(IvrMetrics.of(registry)).workflowClientCallsInterceptor(server);
        WorkflowExecution call = WorkflowExecution.newBuilder().setWorkflowId("call-1").build();
        AudioSignal speech = new AudioSignal("call-1/0/1", AudioSignal.Kind.SPEECH_STARTED, "", 1200, 1400, null,
                AudioSignal.VAD, null, 0, 0);
        client.signal(new WorkflowClientCallsInterceptor.WorkflowSignalInput(call, "onAudio", Header.empty(), new Object[] {speech}));
        client.signal(new WorkflowClientCallsInterceptor.WorkflowSignalInput(call, "hangUp", Header.empty(), new Object[0]));
        assertThat(registry.get(IvrMetrics.AUDIO_SIGNALS).tag("kind", "speech_started").counter().count()).isEqualTo(1);
        assertThat(registry.find(IvrMetrics.AUDIO_SIGNALS).counters()).hasSize(1);
    }

    @Test
    void activityTypesAreNamedLikeTheirMethods() {
        assertThat(CallMetricsInterceptor.operationName("RecognizeKeys")).isEqualTo("recognizeKeys");
        assertThat(CallMetricsInterceptor.operationName("")).isEqualTo("unknown");
    }
}

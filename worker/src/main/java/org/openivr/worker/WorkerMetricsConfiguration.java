package org.openivr.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.openivr.workflows.metrics.IvrMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's metrics: {@link CallMetricsInterceptor} on every worker, {@link AudioSignalsCounter} on the client. Uses the application's Micrometer registry
 * (Spring Boot Actuator's, served by the API on {@code /actuator/prometheus} when both run in one process), else
 * Micrometer's global registry.
 */
@Configuration
public class WorkerMetricsConfiguration {

    @Bean
    CallMetricsInterceptor callMetricsInterceptor(ObjectProvider<MeterRegistry> registry) {
        return new CallMetricsInterceptor(metrics(registry));
    }

    /** Temporal's Spring Boot starter adds it to the WorkflowClient the streaming worker signals through. */
    @Bean
    AudioSignalsCounter audioSignalsCounter(ObjectProvider<MeterRegistry> registry) {
        return new AudioSignalsCounter(metrics(registry));
    }

    private static IvrMetrics metrics(ObjectProvider<MeterRegistry> registry) {
        return IvrMetrics.of(registry.getIfAvailable(() -> Metrics.globalRegistry));
    }
}

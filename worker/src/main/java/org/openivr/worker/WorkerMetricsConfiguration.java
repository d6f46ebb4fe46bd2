package org.openivr.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.openivr.workflows.metrics.IvrMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's metrics: {@link CallMetricsInterceptor} on every worker. Uses the application's Micrometer registry
 * (Spring Boot Actuator's, served by the API on {@code /actuator/prometheus} when both run in one process), else
 * Micrometer's global registry.
 */
@Configuration
public class WorkerMetricsConfiguration {

    @Bean
    CallMetricsInterceptor callMetricsInterceptor(ObjectProvider<MeterRegistry> registry) {
        return new CallMetricsInterceptor(IvrMetrics.of(registry.getIfAvailable(() -> Metrics.globalRegistry)));
    }
}

package org.openivr.api.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.openivr.workflows.metrics.IvrMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The operator side of the API: the inspector ({@code /inspector}), health with the Temporal connection
 * ({@code /actuator/health}), and metrics ({@code /actuator/prometheus}). Defaults in {@code ivr-ops-defaults.properties}.
 */
@Configuration
@EnableConfigurationProperties(OpsProperties.class)
@PropertySource("classpath:ivr-ops-defaults.properties")
public class OpsConfiguration {

    @Bean
    IvrMetrics ivrMetrics(ObjectProvider<MeterRegistry> registry) {
        return IvrMetrics.of(registry.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    CallDirectory callDirectory(WorkflowServiceStubs service, WorkflowClient client, OpsProperties properties,
                                @Value("${spring.temporal.namespace:default}") String namespace) {
        return new CallDirectory(service, client.getOptions().getDataConverter(), namespace,
                new StuckRule(properties.stuckAfter()), properties.rpcDeadline());
    }

    @Bean
    CallInspector callInspector(CallDirectory directory) {
        return new CallInspector(directory);
    }

    @Bean
    TemporalHealthIndicator temporalHealthIndicator(WorkflowServiceStubs service, OpsProperties properties) {
        return new TemporalHealthIndicator(service, properties.rpcDeadline());
    }

    @Bean
    ActiveCallsMeter activeCallsMeter(CallDirectory directory, IvrMetrics metrics, OpsProperties properties) {
        return new ActiveCallsMeter(directory, metrics.registry(), properties.activeCallsInterval());
    }

    /** Temporal's Spring Boot starter adds every such bean to the WorkflowClient. */
    @Bean
    CallEventsInterceptor callEventsInterceptor(IvrMetrics metrics) {
        return new CallEventsInterceptor(metrics);
    }
}

package org.openivr.api.ops;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** {@code temporal} in {@code /actuator/health}: UP when the Temporal frontend answers GetSystemInfo in time. */
public class TemporalHealthIndicator implements HealthIndicator {
    private final WorkflowServiceStubs service;
    private final Duration deadline;

    public TemporalHealthIndicator(WorkflowServiceStubs service, Duration deadline) {
        this.service = service;
        this.deadline = deadline;
    }

    @Override
    public Health health() {
        try {
            GetSystemInfoResponse info = service.blockingStub().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            Health.Builder up = Health.up();
            if (!info.getServerVersion().isEmpty()) {
                up.withDetail("serverVersion", info.getServerVersion());
            }
            return up.build();
        } catch (StatusRuntimeException e) {
            return Health.down().withDetail("error", CallDirectory.shortError(e)).build();
        }
    }
}

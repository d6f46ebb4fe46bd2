package org.openivr.worker;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns sticky workflow caching off when {@code ivr.worker.sticky=false}. Temporal's test server
 * keeps routing a dead worker's calls to its sticky queue forever, so on the embedded server a
 * restarted worker could never resume a call unless stickiness is off. A real cluster falls back
 * on its own, so it keeps the cache.
 */
@Component
public class StickinessCustomizer implements WorkerOptionsCustomizer {
    private final boolean sticky;

    public StickinessCustomizer(@Value("${ivr.worker.sticky:true}") boolean sticky) {
        this.sticky = sticky;
    }

    @Override
    public WorkerOptions.Builder customize(WorkerOptions.Builder builder, String workerName, String taskQueue) {
        if (!sticky) {
            builder.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
        }
        return builder;
    }
}

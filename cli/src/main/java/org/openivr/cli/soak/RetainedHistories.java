package org.openivr.cli.soak;

import io.temporal.client.WorkflowClient;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Temporal test server keeps of ended calls. It has no retention: every closed workflow's full history
 * stays in its memory until it stops. Counts the ended calls and weighs the history of one in
 * {@link #SAMPLE_EVERY} (serialized protobuf size; the in-memory objects are larger), so the report can show how
 * much of the heap's growth is the server's.
 */
final class RetainedHistories {
    private static final Logger log = LoggerFactory.getLogger(RetainedHistories.class);
    static final int SAMPLE_EVERY = 10;
    private final WorkflowClient client;
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong weighed = new AtomicLong();
    private final AtomicLong weighedBytes = new AtomicLong();

    RetainedHistories(WorkflowClient client) {
        this.client = client;
    }

    /** A call's workflow closed (or was given up on); weighs its history now and then. */
    void ended(String callId) {
        if (ended.incrementAndGet() % SAMPLE_EVERY != 1) {
            return;
        }
        try {
            long bytes = client.fetchHistory(callId).getHistory().getSerializedSize();
            weighedBytes.addAndGet(bytes);
            weighed.incrementAndGet();
        } catch (RuntimeException e) {
            log.debug("{} history not weighed: {}", callId, e.toString());
        }
    }

    Estimate estimate() {
        long count = weighed.get();
        long average = count == 0 ? 0 : weighedBytes.get() / count;
        return new Estimate(ended.get(), average, ended.get() * average);
    }

    /**
     * @param workflows    call workflows the server holds closed (their child recording workflows come on top)
     * @param averageBytes serialized history of a weighed call, on average
     * @param bytes        workflows x average
     */
    record Estimate(long workflows, long averageBytes, long bytes) {}
}

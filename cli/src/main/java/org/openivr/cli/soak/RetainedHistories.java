package org.openivr.cli.soak;

import io.temporal.client.WorkflowClient;
import java.util.concurrent.atomic.AtomicLong;
import org.openivr.cli.embedded.EmbeddedTemporal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Temporal server keeps of ended calls, so the report can show how much of the heap's growth is the
 * server's. Weighs the history of one ended call in {@link #SAMPLE_EVERY} (serialized protobuf size; the in-memory
 * objects are larger). The embedded server says how many ended workflows it holds (its retention forgets them a while
 * after they end); of a server elsewhere only the calls ended are known.
 */
final class RetainedHistories {
    private static final Logger log = LoggerFactory.getLogger(RetainedHistories.class);
    static final int SAMPLE_EVERY = 10;
    private final WorkflowClient client;
    /** Null when Temporal runs elsewhere. */
    private final EmbeddedTemporal server;
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong weighed = new AtomicLong();
    private final AtomicLong weighedBytes = new AtomicLong();

    RetainedHistories(WorkflowClient client, EmbeddedTemporal server) {
        this.client = client;
        this.server = server;
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
        long held = server == null || server.endedWorkflowsHeld() < 0 ? ended.get() : server.endedWorkflowsHeld();
        return new Estimate(held, average, held * average, server == null ? -1 : server.endedWorkflowsForgotten());
    }

    /**
     * @param workflows    ended workflows the server holds: as the embedded server counts them (calls, their child
     *                     recording workflows and the probe's), else the calls ended
     * @param averageBytes serialized history of a weighed call, on average
     * @param bytes        workflows x average
     * @param forgotten    ended workflows the embedded server's retention has forgotten, -1 when unknown
     */
    record Estimate(long workflows, long averageBytes, long bytes, long forgotten) {
        String forgottenText() {
            return forgotten < 0 ? "" : ", " + forgotten + " forgotten";
        }
    }
}

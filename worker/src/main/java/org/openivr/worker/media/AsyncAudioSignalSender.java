package org.openivr.worker.media;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openivr.workflows.AudioSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, asynchronous front for a blocking {@link AudioSignalSink}: {@link #send} only offers to a queue and
 * returns at once, so the WebSocket thread never waits for Temporal. Signals of one call go through one lane (one
 * queue, one thread), so they arrive in order. A full lane drops the signal, counts it and logs it (at most once a
 * second per lane, with the running count); a signal the delegate fails to deliver is counted and logged too.
 * Nothing is dropped silently.
 */
public final class AsyncAudioSignalSender implements AudioSignalSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AsyncAudioSignalSender.class);

    private record Item(String callId, AudioSignal signal, long enqueuedNanos) {}

    private final AudioSignalSink delegate;
    private final Lane[] lanes;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong droppedFull = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    public AsyncAudioSignalSender(AudioSignalSink delegate, int lanes, int capacityPerLane) {
        if (lanes < 1 || capacityPerLane < 1) {
            throw new IllegalArgumentException("lanes and capacityPerLane must be >= 1");
        }
        this.delegate = delegate;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane(i, capacityPerLane);
        }
    }

    /** Never blocks: queues the signal, or counts and logs it as dropped when its lane is full. */
    @Override
    public void send(String callId, AudioSignal signal) {
        Lane lane = lanes[Math.floorMod(callId.hashCode(), lanes.length)];
        if (closed || !lane.queue.offer(new Item(callId, signal, System.nanoTime()))) {
            long dropped = droppedFull.incrementAndGet();
            long now = System.nanoTime();
            long last = lane.lastDropLog.get();
            if (now - last > 1_000_000_000L && lane.lastDropLog.compareAndSet(last, now)) {
                log.warn("audio signal queue {} full ({} waiting{}): dropped {} {} for {}; {} dropped so far", lane.index,
                        lane.queue.size(), closed ? ", sender closed" : "", signal.kind(), signal.id(), callId, dropped);
            }
            return;
        }
        accepted.incrementAndGet();
    }

    public long accepted() {
        return accepted.get();
    }

    public long delivered() {
        return delivered.get();
    }

    /** Signals refused because their lane's queue was full (or the sender closed). */
    public long droppedQueueFull() {
        return droppedFull.get();
    }

    /** Signals the delegate could not deliver (e.g. the call's workflow had ended). */
    public long failed() {
        return failed.get();
    }

    public int queued() {
        int n = 0;
        for (Lane lane : lanes) {
            n += lane.queue.size();
        }
        return n;
    }

    /** Waits until every queued signal was handled (tests, shutdown); false on timeout. */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (accepted.get() > delivered.get() + failed.get()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            drain(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Lane lane : lanes) {
            lane.thread.interrupt();
        }
        if (queued() > 0) {
            log.warn("audio signal sender closed with {} signals undelivered", queued());
        }
    }

    private final class Lane implements Runnable {
        final int index;
        final BlockingQueue<Item> queue;
        final Thread thread;
        final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - 2_000_000_000L);

        Lane(int index, int capacity) {
            this.index = index;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this, "audio-signals-" + index);
            this.thread.setDaemon(true);
            this.thread.start();
        }

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                Item item;
                try {
                    item = queue.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (item == null) {
                    continue;
                }
                try {
                    delegate.send(item.callId(), item.signal());
                    delivered.incrementAndGet();
                } catch (RuntimeException e) {
                    long n = failed.incrementAndGet();
                    log.warn("audio signal {} {} for {} not delivered ({} failed so far): {}", item.signal().kind(),
                            item.signal().id(), item.callId(), n, e.toString());
                }
            }
        }
    }
}

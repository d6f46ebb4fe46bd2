package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.AudioSignal;

class AsyncAudioSignalSenderTest {

    private static AudioSignal signal(int n) {
        return new AudioSignal("s" + n, AudioSignal.Kind.KEY, "", n, n, "1", AudioSignal.IN_BAND, null, 0, 0);
    }

    @Test
    void aFullQueueIsCountedAndNeverBlocksTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CollectingSink delivered = new CollectingSink();
        AudioSignalSink slow = (callId, s) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.send(callId, s);
        };
        try (AsyncAudioSignalSender sender = new AsyncAudioSignalSender(slow, 1, 5)) {
            for (int i = 0; i < 20; i++) {
                sender.send("call", signal(i)); // returns at once although delivery is stuck
            }
            // One is taken by the lane thread (it may not have taken it yet), five wait, the rest are dropped.
            assertThat(sender.droppedQueueFull()).isBetween(14L, 15L);
            assertThat(sender.accepted() + sender.droppedQueueFull()).isEqualTo(20);
            release.countDown();
            assertThat(sender.drain(5000)).isTrue();
            assertThat(delivered.signals).hasSize((int) sender.accepted());
        }
    }

    @Test
    void signalsOfOneCallArriveInOrderAndFailuresAreCounted() throws Exception {
        CollectingSink delivered = new CollectingSink();
        AudioSignalSink flaky = (callId, s) -> {
            if (s.id().equals("s13")) {
                throw new IllegalStateException("workflow not found");
            }
            delivered.send(callId, s);
        };
        try (AsyncAudioSignalSender sender = new AsyncAudioSignalSender(flaky, 4, 1000)) {
            for (int i = 0; i < 100; i++) {
                sender.send("call-a", signal(i));
            }
            assertThat(sender.drain(5000)).isTrue();
            assertThat(sender.failed()).isEqualTo(1);
            assertThat(delivered.signals).extracting(AudioSignal::audioMillis).isSorted().hasSize(99);
        }
    }
}

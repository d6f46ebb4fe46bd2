package org.openivr.worker.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openivr.workflows.AudioSignal;

final class CollectingSink implements AudioSignalSink {
    final List<AudioSignal> signals = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void send(String callId, AudioSignal signal) {
        calls.add(callId);
        signals.add(signal);
    }

    List<AudioSignal> of(AudioSignal.Kind kind) {
        return signals.stream().filter(s -> s.kind() == kind).toList();
    }
}

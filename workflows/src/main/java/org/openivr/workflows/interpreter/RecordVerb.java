package org.openivr.workflows.interpreter;

import java.util.List;
import java.util.Locale;
import org.openivr.flows.Node;
import org.openivr.workflows.RecordingControl;
import org.openivr.workflows.RecordingStarted;
import org.openivr.workflows.StartRecording;

/** {@code record: start|pause|resume|stop}: the call recording. */
final class RecordVerb implements NodeVerb<Node.Record> {
    @Override
    public Outcome run(Node.Record node, CallSession session) {
        String failure = switch (node.action()) {
            case START -> start(node, session);
            case PAUSE -> control(node, session, RecordingControl.Action.PAUSE);
            case RESUME -> control(node, session, RecordingControl.Action.RESUME);
            case STOP -> control(node, session, RecordingControl.Action.STOP);
        };
        return failure == null ? Outcome.to(node.next(), "next") : Failures.route(node, session, failure, null);
    }

    private static String start(Node.Record node, CallSession session) {
        if (session.recordingId() != null) {
            session.record("record", node.id(), "already recording");
            return null;
        }
        String op = session.beginOperation(node.id()).format();
        List<String> order = node.channels() == Node.Channels.UNMIXED && node.firstChannel() != null
                ? List.of("caller".equals(node.firstChannel()) ? session.input.callerRawId() : node.firstChannel())
                : List.of();
        StartRecording request = new StartRecording(session.input.callId(), session.serverCallId(),
                node.content() == Node.Record.Content.AUDIO_VIDEO ? "audio-video" : "audio",
                node.channels().name().toLowerCase(Locale.ROOT), node.format().name().toLowerCase(Locale.ROOT),
                node.paused(), order, node.storageContainer(), op);
        RecordingStarted[] started = new RecordingStarted[1];
        String failure = OperationWait.call(session, "starting the recording",
                () -> started[0] = session.acs.media.startRecording(request));
        if (failure == null) {
            session.recordingStarted(started[0].recordingId(), node.paused());
            session.record("record", node.id(), "recording started" + (node.paused() ? " (paused)" : ""));
        }
        return failure;
    }

    private static String control(Node.Record node, CallSession session, RecordingControl.Action action) {
        String recording = session.recordingId();
        if (recording == null) {
            return "no recording was started, so it cannot " + action.name().toLowerCase(Locale.ROOT);
        }
        String failure = OperationWait.call(session, action.name().toLowerCase(Locale.ROOT) + " recording",
                () -> session.acs.media.controlRecording(new RecordingControl(recording, action)));
        if (failure == null) {
            switch (action) {
                case PAUSE -> session.recordingPaused(true);
                case RESUME -> session.recordingPaused(false);
                case STOP -> session.recordingStopped();
            }
            session.record("record", node.id(), switch (action) {
                case PAUSE -> "recording paused";
                case RESUME -> "recording resumed";
                case STOP -> "recording stopped";
            });
        }
        return failure;
    }
}

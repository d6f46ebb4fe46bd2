package org.openivr.workflows.interpreter;

import org.openivr.flows.Flow;
import org.openivr.flows.Node;
import org.openivr.workflows.StreamingOptions;

/** Whether a flow listens to the call's audio, and so must be answered with media-streaming options. */
final class AudioUse {
    private AudioUse() {}

    /** Options for answering, or null when the flow never streams. The activity fills in the URL. */
    static StreamingOptions streamingOptions(Flow flow) {
        String channels = null;
        boolean listens = false;
        for (Node node : flow.nodes().values()) {
            if (node instanceof Node.Stream stream && stream.action() == Node.Stream.Action.START) {
                channels = stream.channels() == Node.Channels.UNMIXED ? "unmixed" : channels == null ? "mixed" : channels;
            } else if (node instanceof Node.Listen
                    || node instanceof Node.Play play && play.bargeIn() == org.openivr.flows.BargeIn.SPEECH
                    || node instanceof Node.Menu menu && !menu.optionWords().isEmpty()) {
                listens = true;
            }
        }
        if (listens) {
            // Listening needs the audio from the first second, not from a later stream node.
            return new StreamingOptions(null, channels == null ? "mixed" : channels, true);
        }
        return channels == null ? null : new StreamingOptions(null, channels, false);
    }
}

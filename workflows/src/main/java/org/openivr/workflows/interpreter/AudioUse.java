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
        for (Node node : flow.nodes().values()) {
            if (node instanceof Node.Stream stream && stream.action() == Node.Stream.Action.START) {
                channels = stream.channels() == Node.Channels.UNMIXED ? "unmixed" : channels == null ? "mixed" : channels;
            } else if (node instanceof Node.Listen && channels == null) {
                channels = "mixed";
            }
        }
        return channels == null ? null : new StreamingOptions(null, channels, false);
    }
}

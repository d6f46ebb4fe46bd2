package org.openivr.workflows.interpreter;

import java.util.ArrayList;
import java.util.List;
import org.openivr.flows.EvaluationContext;
import org.openivr.flows.ExpressionEvaluator;
import org.openivr.flows.Flow;
import org.openivr.flows.Prompt;
import org.openivr.workflows.PlaySource;

/** Turns a node's prompts into what ACS plays: expressions filled in, voice and language applied. */
final class PromptRenderer {
    private PromptRenderer() {}

    static List<PlaySource> render(List<Prompt> prompts, Flow flow, ExpressionEvaluator evaluator, EvaluationContext context) {
        List<PlaySource> sources = new ArrayList<>();
        for (Prompt prompt : prompts) {
            if (prompt instanceof Prompt.Text text) {
                String voice = text.voice() != null ? text.voice() : flow.voice();
                sources.add(new PlaySource(PlaySource.Kind.TEXT, evaluator.interpolate(text.text(), context), voice,
                        flow.language()));
            } else if (prompt instanceof Prompt.Ssml ssml) {
                sources.add(new PlaySource(PlaySource.Kind.SSML, ssml.ssml(), null, flow.language()));
            } else if (prompt instanceof Prompt.Audio audio) {
                sources.add(new PlaySource(PlaySource.Kind.AUDIO, audio.url(), null, null));
            }
        }
        return sources;
    }

    /** What the timeline shows for a prompt. */
    static String describe(List<PlaySource> sources) {
        List<String> parts = new ArrayList<>();
        for (PlaySource source : sources) {
            parts.add(switch (source.kind()) {
                case TEXT -> "\"" + source.value() + "\"";
                case SSML -> "(ssml)";
                case AUDIO -> "(audio " + source.value() + ")";
            });
        }
        return String.join(" ", parts);
    }
}

package org.openivr.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openivr.flows.ScriptedCall;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.TimelineEntry;

/** Compares how a call ended with what its scripted caller expects; says every difference. */
public final class Expectations {
    private Expectations() {}

    /** The timeline's record of a prompt cut short by the caller's speech (see PlayVerb). */
    static final String BARGE_IN = "barge-in";

    /**
     * Path, variables and ending only, for runs that do not follow each call's timeline ({@code ivr soak}): the
     * {@code interrupted} expectation is not checked.
     */
    public static List<String> checkOutcome(ScriptedCall.Expectation expect, CallResult result) {
        return check(expect, result, null);
    }

    /** @param timeline every timeline entry the call recorded, oldest first; null to skip {@code interrupted} */
    static List<String> check(ScriptedCall.Expectation expect, CallResult result, List<TimelineEntry> timeline) {
        List<String> problems = new ArrayList<>();
        if (result == null) {
            problems.add("the call did not finish");
            return problems;
        }
        if (expect == null) {
            return problems;
        }
        if (expect.path() != null && !expect.path().equals(result.path())) {
            problems.add("path was " + result.path() + ", expected " + expect.path());
        }
        if (expect.ends() != null && !expect.ends().equals(result.ending())) {
            problems.add("ended " + result.ending() + (result.reason() == null ? "" : " (" + result.reason() + ")")
                    + ", expected " + expect.ends());
        }
        if (expect.variables() != null) {
            for (Map.Entry<String, Object> wanted : expect.variables().entrySet()) {
                Object actual = result.variables().get(wanted.getKey());
                if (!Objects.equals(String.valueOf(actual), String.valueOf(wanted.getValue()))) {
                    problems.add("variable " + wanted.getKey() + " was " + actual + ", expected " + wanted.getValue());
                }
            }
        }
        if (expect.interrupted() != null && timeline != null) {
            List<String> interrupted = timeline.stream().filter(e -> BARGE_IN.equals(e.kind()))
                    .map(TimelineEntry::node).toList();
            if (!expect.interrupted().equals(interrupted)) {
                problems.add((interrupted.isEmpty() ? "no prompt was cut short by speech"
                        : "speech cut short the prompt of " + interrupted) + ", expected "
                        + (expect.interrupted().isEmpty() ? "none" : expect.interrupted().toString()));
            }
        }
        return problems;
    }
}

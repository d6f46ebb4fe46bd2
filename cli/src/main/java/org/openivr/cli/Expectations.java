package org.openivr.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openivr.flows.ScriptedCall;
import org.openivr.workflows.CallResult;

/** Compares how a call ended with what its scripted caller expects; says every difference. */
public final class Expectations {
    private Expectations() {}

    public static List<String> check(ScriptedCall.Expectation expect, CallResult result) {
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
        return problems;
    }
}

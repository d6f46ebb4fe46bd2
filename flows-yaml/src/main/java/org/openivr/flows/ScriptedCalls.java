package org.openivr.flows;

import java.util.List;

/** A {@code flows/NAME.calls.yaml} file: scripted callers for one flow. */
public record ScriptedCalls(String flow, List<ScriptedCall> calls, String file) {}

package org.openivr.workflows.interpreter;

import org.openivr.flows.Node;

/** Runs one kind of node and says where the call goes next. */
interface NodeVerb<N extends Node> {
    Outcome run(N node, CallSession session);
}

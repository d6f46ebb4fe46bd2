package org.openivr.workflows;

import java.util.List;

/** Play to everyone on the call; the result arrives as PlayCompleted/PlayFailed with this operation context. */
public record PlayPrompt(String callConnectionId, List<PlaySource> sources, String operationContext) {}

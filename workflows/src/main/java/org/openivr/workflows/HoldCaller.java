package org.openivr.workflows;

import java.util.List;

/** Put a participant on hold, with music when {@code music} is not empty. */
public record HoldCaller(String callConnectionId, String targetRawId, List<PlaySource> music, String operationContext) {}

package org.openivr.workflows;

import java.util.Map;

/**
 * The exact flow a call runs, fixed at the call's start: editing a file later changes nothing here.
 *
 * @param subflows every flow it calls as a subflow, directly or not: name -> content, pinned with it
 */
public record PinnedFlow(String name, String contentHash, String content, String file, Map<String, String> subflows) {

    public PinnedFlow {
        subflows = subflows == null ? Map.of() : Map.copyOf(subflows);
    }

    public PinnedFlow(String name, String contentHash, String content, String file) {
        this(name, contentHash, content, file, Map.of());
    }
}

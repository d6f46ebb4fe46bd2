package org.openivr.workflows;

/** The exact flow a call runs, fixed at the call's start: editing the file later changes nothing here. */
public record PinnedFlow(String name, String contentHash, String content, String file) {}

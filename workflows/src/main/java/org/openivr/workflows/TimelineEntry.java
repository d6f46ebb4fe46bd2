package org.openivr.workflows;

/**
 * One line of a call's story, on the call's clock.
 *
 * @param kind node | prompt | keys | event | ignored | outcome | ended
 */
public record TimelineEntry(long atMillis, String kind, String node, String text) {}

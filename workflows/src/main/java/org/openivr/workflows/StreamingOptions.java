package org.openivr.workflows;

/**
 * Media-streaming options given when answering (or creating) a call whose flow listens to audio.
 *
 * @param transportUrl  the {@code wss://} URL ACS streams to; it names the call and carries a token we issued
 * @param channels      {@code mixed} or {@code unmixed}
 * @param startNow      start streaming as soon as the call connects
 */
public record StreamingOptions(String transportUrl, String channels, boolean startNow) {}

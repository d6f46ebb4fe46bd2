/**
 * A local Azure Communication Services Call Automation service for demos and tests
 * ({@link org.openivr.emulator.AcsEmulator}). ACS has no local emulator; this one reproduces its wire
 * behaviour as described in {@code shared/reference/acs-wire.md}.
 *
 * <h2>What it serves</h2>
 * <ul>
 *   <li>HTTPS on 127.0.0.1 with a fresh self-signed certificate (CN=localhost, SAN localhost and
 *       127.0.0.1, valid two days). Trust {@link org.openivr.emulator.AcsEmulator#certificatePem()}.</li>
 *   <li>Every {@code /calling/...} request must carry a valid HMAC-SHA256 signature (signed host with
 *       or without the port) and a stable {@code api-version} (2023-03-06 ... 2025-06-15); otherwise
 *       401 or 400, and nothing runs.</li>
 *   <li>Implemented: answer (200), get call (200), hang up (DELETE, 204), terminate (204), play (202),
 *       recognize with DTMF (202), cancelAllMediaOperations (202). Other ACS operations answer 501.
 *       Answer and terminate honour {@code Repeatability-Request-ID}: a repeat gets the stored
 *       response with {@code Repeatability-Result: accepted} and does not run again.</li>
 *   <li>{@code GET /emulator/ledger[?callConnectionId=...]}: the executed operations as JSON, no auth.</li>
 * </ul>
 *
 * <h2>Events</h2>
 * Callback events go to the operation's {@code operationCallbackUri}, else the call's
 * {@code callbackUri}: one CloudEvent per POST (in a JSON array), in order per call, retried with
 * backoff on connection errors and 5xx, not on 4xx. {@code data.version} is the api-version of the
 * request that caused the event. IncomingCall goes to the Event Grid webhook in Event Grid schema,
 * after a one-time SubscriptionValidation handshake. {@link org.openivr.emulator.Faults} can
 * duplicate every post (same id) and add random delays.
 *
 * <h2>Time and the scripted caller</h2>
 * All simulated durations are multiplied by {@link org.openivr.emulator.EmulatorOptions#timeScale()}.
 * A play lasts 1 s per audio file and about 55 ms per text character (at least 400 ms); a file whose
 * URL does not end in {@code .wav} fails with 8535. Play and recognize queue per call and run one at
 * a time; {@code interruptCallMediaOperation} cancels what runs and waits. A recognize listens during
 * its prompt when {@code interruptPrompt} is true (the default), else after it; its initial-silence
 * timeout starts when the prompt ends.
 *
 * <p>The caller's steps start when the call is answered:
 * <ul>
 *   <li>{@code Press(keys)} waits for a listening recognize, presses the keys 150 ms apart, and ends
 *       when that recognize ends: a stop tone gives 8514 (tones before it), reaching
 *       {@code maxTonesToCollect} gives 8531 (later keys of the step are dropped), running out of keys
 *       gives 8532 after the inter-tone timeout.</li>
 *   <li>{@code Silence(d)} and {@code Say(text)} let time pass; a listening recognize that hears no key
 *       within its initial-silence timeout fails with 8510.</li>
 *   <li>{@code HangUp} ends the call at once (CallDisconnected, disconnected by the caller).</li>
 *   <li>When the steps run out the caller stays silent until the app hangs up.</li>
 * </ul>
 * A call that nobody answers stops ringing after 30 s of wall-clock time (not scaled).
 */
package org.openivr.emulator;

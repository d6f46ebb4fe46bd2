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
 *   <li>Implemented: create call (201), answer (200), get call (200), hang up (DELETE, 204), terminate (204), play (202),
 *       recognize with DTMF (202), cancelAllMediaOperations (202), sendDtmfTones (202),
 *       start/stopContinuousDtmfRecognition (200), hold/unhold (200), transferToParticipant (202),
 *       start/stopMediaStreaming (202), list participants (GET .../participants, 200). Other ACS
 *       operations answer 501. An operation sent with an api-version older than the first stable one
 *       that has it (acs-wire 2.0) answers 400. Create call, answer, terminate, sendDtmfTones and
 *       transferToParticipant honour {@code Repeatability-Request-ID}: a repeat gets the stored
 *       response with {@code Repeatability-Result: accepted}, does not run again and is not written to
 *       the ledger again.</li>
 *   <li>{@code GET /emulator/ledger[?callConnectionId=...]}: the executed operations as JSON, no auth. In process,
 *       {@code ledger().subscribe(...)} sees each entry as it is written, and {@code ledger().stopKeeping()} stops
 *       keeping them (a load run would otherwise hold every request it ever made).</li>
 *   <li>{@code GET /calling/.well-known/acsopenidconfiguration} and {@code GET /calling/keys}, no auth: the OpenID
 *       configuration ({@code issuer}, {@code jwks_uri}) and the JWKS of the RSA key made at start, which signs the
 *       {@code Authorization: Bearer} JWT on every callback POST (acs-wire 7.2: RS256, {@code kid}, {@code iss}
 *       {@link org.openivr.emulator.EmulatorOptions#callbackIssuer()}, {@code aud} the fake resource id
 *       {@link org.openivr.emulator.AcsEmulator#resourceId()}, {@code iat}/{@code nbf} now, {@code exp} +5 min; one
 *       token is reused for a minute). Event Grid posts carry no token.</li>
 * </ul>
 *
 * <h2>Events</h2>
 * Callback events go to the operation's {@code operationCallbackUri}, else the call's
 * {@code callbackUri}: one CloudEvent per POST (in a JSON array), in order per call, retried with
 * backoff on connection errors and 5xx, not on 4xx. {@code data.version} is the api-version of the
 * request that caused the event. IncomingCall goes to the Event Grid webhook in Event Grid schema,
 * after a one-time SubscriptionValidation handshake. {@link org.openivr.emulator.Faults} can
 * duplicate every post (same id), add random delays, and shuffle a call's posts.
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
 *   <li>{@code Silence(d)} lets time pass; a listening recognize that hears no key within its
 *       initial-silence timeout fails with 8510 (so does one the caller only speaks to: recognize is DTMF only).</li>
 *   <li>{@code Say(text)} waits for the caller's turn, like a person (checked every 100 ms simulated): the caller's
 *       audio streams to the app (the media socket is open; a call answered without media-streaming options can
 *       never stream, so there this does not apply) and the stream has carried the caller's last words; nothing
 *       plays to the caller (no play, no PlayTo, no recognize whose prompt still plays; a recognize that only
 *       listens is quiet); every callback event of the call has been delivered; and a prompt has played to its end
 *       since the caller's last words reached the app or their last key (at the start: the app speaks first; a
 *       prompt cut short does not count, the app's answer is still to come). That must
 *       hold for 1 s simulated and at least 500 ms of wall-clock time; then the caller speaks: speech-like audio
 *       for about 55 ms a character, then a transcript. An app that does not answer the caller's words or keys
 *       with a prompt gets the next words anyway after 5 s simulated (and 5 s wall clock) of quiet. On a call
 *       answered without media-streaming options nobody can hear the words but a recording, so there only quiet,
 *       delivered events and the pause count. <b>Emulator rule</b>: the wall-clock parts are
 *       there because the app's time is not scaled; without them a caller at 4x speed would answer into the gap
 *       between a prompt and the app's next step.</li>
 *   <li>{@code Interrupt(text)} waits until a prompt plays while the caller's audio streams, lets 1 s (simulated)
 *       of it play, then speaks over it (the app decides whether that barges in).</li>
 *   <li>{@code Noise(dbfs)} puts white background noise of that RMS level on the caller's line from then on
 *       ({@code null}: none); it takes no time.</li>
 *   <li>{@code HangUp} ends the call at once (CallDisconnected, disconnected by the caller).</li>
 *   <li>When the steps run out the caller stays silent until the app hangs up.</li>
 * </ul>
 * An incoming call that nobody answers stops ringing after 30 s of wall-clock time (not scaled).
 *
 * <h2>Outbound calls: create call (acs-wire 2.2, 3.4, 3.5)</h2>
 * {@code POST /calling/callConnections} answers 201 with CallConnectionProperties in state {@code connecting}
 * ({@code targets} = the callee, {@code sourceCallerIdNumber} and {@code source} = the number called from, a new
 * {@code callConnectionId}, {@code serverCallId} and {@code correlationId}); the ledger names it {@code createCall}. It
 * needs exactly one target, a phone number (with or without {@code kind}, as SDK 1.0.x sends it: rawId plus the
 * {@code phoneNumber} sub-object), a {@code sourceCallerIdNumber} (E.164, not the target's own number) and a
 * {@code callbackUri}; else 400 8523 and nothing rings. <b>Emulator rules:</b> only phone targets (ACS users and
 * Teams users are 400), no group calls, and {@code callIntelligenceOptions} is accepted and ignored.
 * {@code mediaStreamingOptions} (2025-05-15+) are checked as on answer and take effect when the callee answers.
 * Repeating the request with the same {@code Repeatability-Request-ID} returns the stored 201 and dials nobody.
 *
 * <p>Who answers: {@link org.openivr.emulator.AcsEmulator#expectCallee} registers a scripted callee for a number,
 * with a {@link org.openivr.emulator.CalleeAnswer}; the next create call to that number reaches it (registrations for
 * one number are used in order). Times are simulated (scaled):
 * <ul>
 *   <li>{@code after(d)}: the phone rings {@code d}, then CallConnected (200/0, the create's
 *       {@code operationContext}) and the callee follows its script exactly like an incoming caller (press, say,
 *       silence, hang up). A ring of 30 s or more is no answer.</li>
 *   <li>{@code busy}: after 1 s, CreateCallFailed 486/560486.</li>
 *   <li>{@code noAnswer}: after 30 s of ringing (acs-wire 6.2), CreateCallFailed 480/560480 — the "no answer or
 *       unavailable" code acs-wire 3.5 records.</li>
 *   <li>{@code reject}: after 2 s, CreateCallFailed 603/560603 (SIP 603 Decline).</li>
 * </ul>
 * The busy and decline codes are <b>emulator rules</b>: ACS documents only 480/560480 and 403/510403 for
 * CreateCallFailed, so the emulator uses the SIP status of each outcome (486 Busy Here, 603 Decline) with the
 * 560000 + status sub-code pattern of 560480. An app mapping SIP classes (486/600 busy, 408/480/487 no answer,
 * 403/603 rejected) reads them as intended. CreateCallFailed carries the create's {@code operationContext}; no
 * CallDisconnected follows it. A number nobody registered answers after 1 s and stays silent until the app hangs up
 * (an {@code ivr call} to any number then works against the emulator). Hanging up or terminating a call that still
 * rings cancels it: 204, then CallDisconnected 487/10003 ("canceled before answer", acs-wire 3.5).
 *
 * <h2>Mid-call actions (acs-wire 2.3, 2.4, 3.4, 3.5; zh-CN call-actions seed)</h2>
 * The only other participant of an emulated call is its scripted caller ({@code 4:+<fromPhone>}).
 * <b>Emulator rule</b> (not documented by ACS): an operation aimed at anyone else is accepted and then
 * fails by its failure event with 400/8522 ("not in the call"): SendDtmfTonesFailed, HoldFailed,
 * ContinuousDtmfRecognitionToneFailed, CallTransferFailed (for a {@code transferee}); unhold, which
 * has no failure event, answers 404/8522 instead.
 * <ul>
 *   <li><b>sendDtmfTones</b> (2023-10-15+): 1 to 18 known tones to a phone participant, else 400
 *       (acs-wire 6.2). 202 {@code {"operationContext"}}; the tones take 150 ms each (scaled) on the
 *       participant sub-leg, then SendDtmfTonesCompleted 200/0. What was sent is in the ledger.</li>
 *   <li><b>Continuous DTMF recognition</b> (2023-10-15+): start and stop answer 200. While it is on,
 *       every key the caller presses raises ContinuousDtmfRecognitionToneReceived ({@code sequenceId}
 *       1, 2, 3 ... per call, never reset; {@code tone}; 200/0; the start's operationContext and
 *       callback URI), including keys pressed into a recognize, which still completes as usual: acs-wire
 *       6.1 says continuous recognition runs alongside everything and each tone also raises the event,
 *       and the seed describes it as receiving every key the participant presses. A {@code Press} step
 *       no longer needs a listening recognize while continuous recognition is on: it presses at once,
 *       and ends after its last key unless a recognize started listening meanwhile (then it ends with
 *       that recognize, as before). Stop answers 200, then ContinuousDtmfRecognitionStopped 200/0 (also
 *       when it was not on: stop is safe to retry). When the call ends while it is on,
 *       ContinuousDtmfRecognitionStopped carries the end reason (200/7000, as recorded in acs-wire 3.4;
 *       200/7015 after a transfer), before CallDisconnected. A second start while on is accepted (the
 *       table allows it) and later tones carry the new operationContext.</li>
 *   <li><b>hold / unhold</b> (2024-09-15+): 200 with no body. {@code playSourceInfo} (optional music)
 *       must be playable, else HoldFailed 400/8535. The caller's {@code isOnHold} shows in list
 *       participants and in a ParticipantsUpdated snapshot after each change ({@code sequenceNumber}
 *       2, 4, 6 ...: rising with gaps, as observed). Holding a held caller or unholding one not on hold
 *       changes nothing and raises no event. Hold does not touch the media queue or the scripted
 *       caller: the docs say nothing about media during hold, and hold is not in the concurrency table.</li>
 *   <li><b>transferToParticipant</b>: 202 {@code {"operationContext"}}. The target (phone or ACS user;
 *       Teams is 400) rings 2 s (scaled), then either CallTransferAccepted (with {@code transferTarget}
 *       and {@code transferee} from 2023-10-15) followed by the end of the call for us, CallDisconnected
 *       200/7015 ({@code disconnectedBy = "transfer"}), or — <b>emulator rule</b> — for a phone number
 *       ending in {@code 0000}, CallTransferFailed 480/560480 (the "no answer/unavailable" code of
 *       CreateCallFailed; ACS documents no transfer-specific code) and the call goes on. A second
 *       transfer while one rings is 400/8585; transferring the caller to itself is 400.</li>
 *   <li><b>Media streaming</b> (2025-05-15+): answer accepts {@code mediaStreamingOptions}
 *       ({@code transportUrl} wss/ws, {@code transportType: websocket}, {@code contentType: audio},
 *       {@code audioChannelType} mixed/unmixed, optional {@code startMediaStreaming},
 *       {@code enableBidirectional}, {@code audioFormat}); invalid options refuse the answer with 400 and
 *       the call keeps ringing. The answer's response then has {@code mediaStreamingSubscription}. With
 *       {@code startMediaStreaming: true}, MediaStreamingStarted follows CallConnected (no
 *       operationContext: no operation asked for it). start/stopMediaStreaming answer 202, then
 *       MediaStreamingStarted / MediaStreamingStopped with {@code mediaStreamingUpdate}
 *       ({@code contentType "Audio"}, {@code mediaStreamingStarted/subscriptionStarted},
 *       {@code mediaStreamingStopped/subscriptionStopped}); both are idempotent (a repeat raises the
 *       event again). A call answered without options gets MediaStreamingFailed 400/8603
 *       ({@code mediaStreamingFailed/streamUrlMissing}). <b>Audio</b> ({@link org.openivr.emulator.MediaStreamClient}): for
 *       a loopback {@code transportUrl} (localhost, 127.x, ::1) the emulator opens the WebSocket as ACS does
 *       (headers {@code x-ms-call-connection-id}, {@code x-ms-call-correlation-id}, {@code Authorization: Bearer} RS256
 *       JWT), and only then raises MediaStreamingStarted; if the socket cannot open, MediaStreamingFailed 500/8603
 *       ({@code initialWebSocketConnectionFailed}; the code is an emulator rule). It sends {@code AudioMetadata}, then an
 *       {@code AudioData} text frame per 20 ms of simulated time, each always 20 ms of real-rate PCM (16 or 24 kHz):
 *       the caller's key tones with realistic level and twist, speech-like audio for {@code Say} followed by a
 *       {@code TranscriptionData} packet with its text, background noise from {@link org.openivr.emulator.CallerStep.Noise},
 *       {@code silent: true} zero frames otherwise. Only the caller is streamed; stop and hang-up close the socket.
 *       Other hosts get MediaStreamingStarted without a socket (the emulator never streams off the machine).</li>
 * </ul>
 *
 * <h2>Media-operation concurrency (acs-wire 6.1 and the zh-CN call-actions seed's table)</h2>
 * Calls here are 1:1, so a recognize is always a main-leg operation ("Recognize (group call)" does not
 * arise). Each rule below is tested in {@code CallActionsTest}.
 * <ul>
 *   <li>Main leg — play to everyone and recognize — queue FIFO and run one at a time; a new one with
 *       {@code interruptCallMediaOperation} cancels the running and queued ones (acs-wire 6.1).</li>
 *   <li>Participant sub-leg — a play with a non-empty {@code playTo} (PlayTo) and sendDtmfTones — run
 *       at once, beside the main leg, one at a time: while one runs, a new PlayTo, sendDtmfTones or
 *       startContinuousDtmfRecognition is refused with HTTP 412, error code 8583 (the table's
 *       "prohibited"; acs-wire 6.1 names 8583 and calls 412 likely). Play to everyone and recognize
 *       are still accepted (seed table: PlayTo / SendDTMF rows allow PlayToAll and Recognize).</li>
 *   <li>A running play-to-everyone or recognize blocks nothing (seed table: those rows prohibit none).</li>
 *   <li>Continuous DTMF recognition blocks nothing, not even a second start (seed table: its row
 *       prohibits none); stopContinuousDtmfRecognition, hold, unhold, transfer and media streaming are
 *       not in the table and are never refused for concurrency.</li>
 *   <li>cancelAllMediaOperations cancels the main-leg queue and a running PlayTo (PlayCanceled 8508),
 *       not a sendDtmfTones (acs-wire 6.1: it cancels play and recognize operations).</li>
 *   <li>When the call ends, sub-leg operations stop silently like main-leg ones.</li>
 * </ul>
 *
 * <h2>Faults</h2>
 * {@link org.openivr.emulator.Faults#chaos()} posts every callback and Event Grid event twice (same id), each post
 * held back on its own for up to 200 ms plus up to 50 ms, so a call's events overtake one another. ACS promises no
 * delivery order (acs-wire 7.1), so nothing is kept in order; an event still never comes before the request that
 * caused it. IncomingCall is delivered once in place and its duplicate later. Besides these,
 * {@link org.openivr.emulator.Faults#failAfterExecuting()}
 * names operations whose first successful response on each call is lost: the operation runs, is
 * written to the ledger and its response is stored for its {@code Repeatability-Request-ID}, but the
 * client gets a 500. A retry with the same request id then gets the stored response and nothing runs
 * again. {@link org.openivr.emulator.Faults#dropEventsFor()} accepts operations and never reports their result, and
 * {@link org.openivr.emulator.Faults#lateEvents()} holds events of a type back for a while as the call's others go on
 * (a CallDisconnected that reaches the app after the 404 "Call not found" of a request sent just after the hang-up).
 *
 * <h2>Recording</h2>
 * {@code POST /calling/recordings} (200, {@code recordingState: inactive}, honours
 * {@code Repeatability-Request-ID}), {@code GET} (200), {@code DELETE} = stop (204), {@code :pause} and
 * {@code :resume} (202); ledger names {@code startRecording}, {@code getRecording}, {@code stopRecording},
 * {@code pauseRecording}, {@code resumeRecording}. RecordingStateChanged ({@code active}, or {@code inactive}
 * with {@code pauseOnStart}) follows a start after 300 ms, and every pause/resume/stop that changes the state; it
 * goes to {@code recordingStateCallbackUri}, else the call's callback URI. {@code pauseOnStart} and
 * {@code externalStorage} need api-version 2024-04-15+; a second recording of a call still being recorded is
 * 409 8553. Bring-your-own storage is validated and recorded, but files are still served by the emulator.
 *
 * <p>Files: while a recording is active the emulator captures the call's synthesized audio
 * ({@code CallAudio}): a file prompt is a 440 Hz tone for its second, a text/SSML prompt (and what the
 * caller says) a speech-like buzz, a pressed key its 100 ms DTMF pair, silence otherwise. After stop or the
 * call's end, a recording that was ever active becomes 16 kHz 16-bit PCM WAV: one channel when mixed; when
 * unmixed one channel per participant (the caller and the dialled IVR number) in channel-affinity, then
 * {@code audioChannelParticipantOrdering}, then call order. mp3 and mp4 are served as WAV too (the JDK has no
 * encoder; the chunk metadata says so). Recordings longer than 30 minutes (simulated) are chunked. 2 s
 * (simulated) later {@code Microsoft.Communication.RecordingFileStatusUpdated} goes to the Event Grid webhook,
 * with content, metadata and delete locations under {@code /v1/objects/{documentId}} on the emulator: GET
 * (HMAC-signed; {@code Range} gives 206 or 416) and DELETE (200, then 404). Ledger names
 * {@code downloadRecording}, {@code downloadRecordingMetadata}, {@code deleteRecording}.
 */
package org.openivr.emulator;

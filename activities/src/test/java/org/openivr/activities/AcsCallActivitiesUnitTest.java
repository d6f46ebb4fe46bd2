package org.openivr.activities;

import com.azure.core.exception.HttpResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.AnswerCall;
import org.openivr.workflows.AnsweredCall;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.HangUpCall;
import org.openivr.workflows.PlayPrompt;
import org.openivr.workflows.PlaySource;
import org.openivr.workflows.RecognizeKeys;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The requests the activities send, checked against an in-memory HTTP client (no emulator needed). */
class AcsCallActivitiesUnitTest {

    private static final String KEY = "ZW11bGF0b3ItdGVzdC1rZXktMDEyMzQ1Njc4OWFiY2RlZg==";
    private static final String CONNECTION = "endpoint=https://localhost:8443/;accesskey=" + KEY;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "4:+14255550123";

    private static final String ANSWER_RESPONSE = """
            {"callConnectionId":"cc-1","serverCallId":"srv-1","callConnectionState":"unknown",
             "callbackUri":"http://127.0.0.1:8080/api/callbacks/call-1","correlationId":"corr-1",
             "targets":[{"kind":"phoneNumber","rawId":"4:+18005550100","phoneNumber":{"value":"+18005550100"}}],
             "source":{"kind":"phoneNumber","rawId":"4:+14255550123","phoneNumber":{"value":"+14255550123"}},
             "sourceCallerIdNumber":{"value":"+14255550123"}}""";

    private final FakeAcsHttp http = new FakeAcsHttp();

    private AcsCallActivities activities(String cognitive) {
        AcsSettings settings = new AcsSettings(CONNECTION, "http://127.0.0.1:8080", null, cognitive, TestMediaTokens.TOKENS);
        return new AcsCallActivities(settings, new AcsClients(settings, http));
    }

    @Test
    void answerViaSdkIsIdempotentPerCall() throws Exception {
        http.respond(s -> new FakeAcsHttp.Canned(200, ANSWER_RESPONSE));
        AcsCallActivities acs = activities(null);

        AnsweredCall first = acs.answer(new AnswerCall("call-1", "ctx-abc", "0/answer"));
        Thread.sleep(1100);
        acs.answer(new AnswerCall("call-1", "ctx-abc", "0/answer"));

        assertThat(first).isEqualTo(new AnsweredCall("cc-1", "srv-1", "corr-1"));
        assertThat(http.sent).hasSize(2);
        FakeAcsHttp.Sent a = http.sent.get(0);
        FakeAcsHttp.Sent b = http.sent.get(1);
        assertThat(a.url()).isEqualTo("https://localhost:8443/calling/callConnections:answer?api-version=2023-03-06");
        String expectedId = UUID.nameUUIDFromBytes("answer:call-1".getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(a.header("Repeatability-Request-ID")).isEqualTo(expectedId);
        assertThat(b.header("Repeatability-Request-ID")).isEqualTo(expectedId);
        assertThat(a.header("Repeatability-First-Sent"))
                .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT")
                .isEqualTo(b.header("Repeatability-First-Sent"));
        JsonNode body = JSON.readTree(a.body());
        assertThat(body.get("incomingCallContext").asText()).isEqualTo("ctx-abc");
        assertThat(body.get("callbackUri").asText()).isEqualTo("http://127.0.0.1:8080/api/callbacks/call-1");
        assertThat(body.get("operationContext").asText()).isEqualTo("0/answer");
        assertSignedLikeTheSdk(a);

        acs.answer(new AnswerCall("call-2", "ctx-def", "0/answer"));
        assertThat(http.last().header("Repeatability-Request-ID"))
                .isEqualTo(UUID.nameUUIDFromBytes("answer:call-2".getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void answerWithCognitiveServicesGoesOverRest() throws Exception {
        http.respond(s -> new FakeAcsHttp.Canned(200, ANSWER_RESPONSE));
        AnsweredCall answered = activities("https://speech.example.com/")
                .answer(new AnswerCall("call-1", "ctx-abc", "0/answer"));

        assertThat(answered).isEqualTo(new AnsweredCall("cc-1", "srv-1", "corr-1"));
        FakeAcsHttp.Sent s = http.last();
        assertThat(s.url()).isEqualTo("https://localhost:8443/calling/callConnections:answer?api-version=2025-06-15");
        assertThat(s.header("Repeatability-Request-ID"))
                .isEqualTo(UUID.nameUUIDFromBytes("answer:call-1".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(s.header("Repeatability-First-Sent")).endsWith(" GMT");
        assertThat(JSON.readTree(s.body())).isEqualTo(JSON.readTree("""
                {"incomingCallContext":"ctx-abc","callbackUri":"http://127.0.0.1:8080/api/callbacks/call-1",
                 "operationContext":"0/answer",
                 "callIntelligenceOptions":{"cognitiveServicesEndpoint":"https://speech.example.com/"}}"""));
        assertSignedLikeTheSdk(s);
    }

    @Test
    void playTextGoesOverRest() throws Exception {
        activities(null).play(new PlayPrompt("cc-1", List.of(
                new PlaySource(PlaySource.Kind.TEXT, "Welcome", "en-US-JennyNeural", "en-US"),
                new PlaySource(PlaySource.Kind.SSML, "<speak>Hi</speak>", null, "en-US"),
                new PlaySource(PlaySource.Kind.AUDIO, "https://cdn.example.com/a.wav", null, null)), "3/welcome"));

        FakeAcsHttp.Sent s = http.last();
        assertThat(s.url()).isEqualTo("https://localhost:8443/calling/callConnections/cc-1:play?api-version=2025-06-15");
        assertThat(JSON.readTree(s.body())).isEqualTo(JSON.readTree("""
                {"playSources":[
                   {"kind":"text","text":{"text":"Welcome","voiceName":"en-US-JennyNeural","sourceLocale":"en-US"}},
                   {"kind":"ssml","ssml":{"ssmlText":"<speak>Hi</speak>"}},
                   {"kind":"file","file":{"uri":"https://cdn.example.com/a.wav"}}],
                 "playTo":[],"operationContext":"3/welcome"}"""));
        assertThat(s.header("Repeatability-Request-ID")).isNull();
        assertSignedLikeTheSdk(s);
    }

    @Test
    void playOneAudioGoesOverSdk() throws Exception {
        activities(null).play(new PlayPrompt("cc-1",
                List.of(new PlaySource(PlaySource.Kind.AUDIO, "https://cdn.example.com/a.wav", null, null)), "4/bye"));

        FakeAcsHttp.Sent s = http.last();
        assertThat(s.url()).isEqualTo("https://localhost:8443/calling/callConnections/cc-1:play?api-version=2023-03-06");
        JsonNode body = JSON.readTree(s.body());
        assertThat(body.at("/playSources/0/kind").asText()).isEqualTo("file");
        assertThat(body.at("/playSources/0/file/uri").asText()).isEqualTo("https://cdn.example.com/a.wav");
        assertThat(body.get("operationContext").asText()).isEqualTo("4/bye");
    }

    @Test
    void recognizeWithoutPromptGoesOverSdk() throws Exception {
        activities(null).recognizeKeys(new RecognizeKeys("cc-1", CALLER, List.of(), 4, List.of("#", "*"), 7, 3,
                true, "5/pin"));

        FakeAcsHttp.Sent s = http.last();
        assertThat(s.url()).isEqualTo("https://localhost:8443/calling/callConnections/cc-1:recognize?api-version=2023-03-06");
        JsonNode body = JSON.readTree(s.body());
        assertThat(body.get("recognizeInputType").asText()).isEqualTo("dtmf");
        assertThat(body.at("/recognizeOptions/targetParticipant/rawId").asText()).isEqualTo(CALLER);
        assertThat(body.at("/recognizeOptions/initialSilenceTimeoutInSeconds").asInt()).isEqualTo(7);
        assertThat(body.at("/recognizeOptions/interruptPrompt").asBoolean()).isTrue();
        assertThat(body.at("/recognizeOptions/dtmfOptions/maxTonesToCollect").asInt()).isEqualTo(4);
        assertThat(body.at("/recognizeOptions/dtmfOptions/interToneTimeoutInSeconds").asInt()).isEqualTo(3);
        assertThat(body.at("/recognizeOptions/dtmfOptions/stopTones").toString()).isEqualTo("[\"pound\",\"asterisk\"]");
        assertThat(body.get("operationContext").asText()).isEqualTo("5/pin");
    }

    @Test
    void recognizeWithTextPromptGoesOverRest() throws Exception {
        activities(null).recognizeKeys(new RecognizeKeys("cc-1", CALLER,
                List.of(new PlaySource(PlaySource.Kind.TEXT, "Enter your PIN", null, "en-US")), 4, List.of("#"), 5, 2,
                false, "6/pin"));

        FakeAcsHttp.Sent s = http.last();
        assertThat(s.url()).isEqualTo("https://localhost:8443/calling/callConnections/cc-1:recognize?api-version=2025-06-15");
        assertThat(JSON.readTree(s.body())).isEqualTo(JSON.readTree("""
                {"recognizeInputType":"dtmf",
                 "playPrompts":[{"kind":"text","text":{"text":"Enter your PIN","sourceLocale":"en-US"}}],
                 "recognizeOptions":{
                   "targetParticipant":{"kind":"phoneNumber","rawId":"4:+14255550123","phoneNumber":{"value":"+14255550123"}},
                   "interruptPrompt":false,"initialSilenceTimeoutInSeconds":5,
                   "dtmfOptions":{"interToneTimeoutInSeconds":2,"maxTonesToCollect":4,"stopTones":["pound"]}},
                 "operationContext":"6/pin"}"""));
    }

    @Test
    void hangUpForEveryoneTerminatesAndA404CountsAsDone() {
        http.respond(s -> new FakeAcsHttp.Canned(204, ""));
        AcsCallActivities acs = activities(null);
        acs.hangUp(new HangUpCall("cc-1", true));
        assertThat(http.last().method()).isEqualTo("POST");
        assertThat(http.last().url()).isEqualTo("https://localhost:8443/calling/callConnections/cc-1:terminate?api-version=2023-03-06");

        acs.hangUp(new HangUpCall("cc-1", false));
        assertThat(http.last().method()).isEqualTo("DELETE");

        http.respond(s -> new FakeAcsHttp.Canned(404, "{\"error\":{\"code\":\"8522\",\"message\":\"Call not found.\"}}"));
        acs.hangUp(new HangUpCall("cc-1", true));
        acs.hangUp(new HangUpCall("cc-1", false));
    }

    @Test
    void aRefusalIsNonRetryableAndReadable() {
        http.respond(s -> new FakeAcsHttp.Canned(404, "{\"error\":{\"code\":\"8522\",\"message\":\"Call not found.\"}}"));
        AcsCallActivities acs = activities(null);

        // A call ACS no longer has: the SDK's path (audio) and our REST path (text) both say so.
        assertThatThrownBy(() -> acs.play(new PlayPrompt("cc-9",
                List.of(new PlaySource(PlaySource.Kind.AUDIO, "https://cdn.example.com/a.wav", null, null)), "1/x")))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getType()).isEqualTo(CallActivities.CALL_GONE);
                    // An everyday answer: the SDK logs it without a warning.
                    assertThat(f.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
                    assertThat(f.getOriginalMessage())
                            .isEqualTo("ACS rejected play on call connection cc-9: HTTP 404, 8522 Call not found.");
                });
        assertThatThrownBy(() -> acs.play(new PlayPrompt("cc-9",
                List.of(new PlaySource(PlaySource.Kind.TEXT, "hi", null, null)), "1/x")))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.getType()).isEqualTo(CallActivities.CALL_GONE);
                    assertThat(f.getOriginalMessage())
                            .isEqualTo("ACS rejected play on call connection cc-9: HTTP 404, 8522 Call not found.");
                });

        // ACS says 8522 for anything missing: only a missing call is the call's end; the rest are refusals.
        http.respond(s -> new FakeAcsHttp.Canned(404, "{\"error\":{\"code\":\"8522\",\"message\":\"Participant not found.\"}}"));
        assertThatThrownBy(() -> acs.play(new PlayPrompt("cc-9",
                List.of(new PlaySource(PlaySource.Kind.AUDIO, "https://cdn.example.com/a.wav", null, null)), "1/x")))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getType()).isEqualTo(CallActivities.REJECTED);
                    assertThat(f.getCategory()).isEqualTo(ApplicationErrorCategory.UNSPECIFIED);
                });

        http.respond(s -> new FakeAcsHttp.Canned(400, "{\"error\":{\"code\":\"8523\",\"message\":\"Invalid argument.\"}}"));
        assertThatThrownBy(() -> acs.answer(new AnswerCall("call-7", "ctx", "0/answer")))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getOriginalMessage())
                        .isEqualTo("ACS rejected answer on call call-7: HTTP 400, 8523 Invalid argument."));
    }

    @Test
    void throttlingAndServerErrorsPropagateForTemporalToRetry() {
        AcsCallActivities acs = activities(null);
        PlayPrompt text = new PlayPrompt("cc-1", List.of(new PlaySource(PlaySource.Kind.TEXT, "hi", null, null)), "1/x");
        for (int status : new int[] {408, 429, 500, 503}) {
            http.respond(s -> new FakeAcsHttp.Canned(status, "{\"error\":{\"code\":\"9999\",\"message\":\"busy\"}}"));
            assertThatThrownBy(() -> acs.play(text))
                    .isInstanceOf(HttpResponseException.class)
                    .isNotInstanceOf(ApplicationFailure.class);
        }
    }

    @Test
    void aRequestThatCannotBeSentIsRejectedWithoutCallingAcs() {
        AcsCallActivities acs = activities(null);
        assertThatThrownBy(() -> acs.recognizeKeys(new RecognizeKeys("cc-1", CALLER, List.of(), 4, List.of("x"), 5, 2,
                true, "1/x")))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getType()).isEqualTo(CallActivities.REJECTED);
                });
        assertThatThrownBy(() -> acs.play(new PlayPrompt("cc-1", List.of(), "1/x")))
                .isInstanceOf(ApplicationFailure.class);
        assertThat(http.sent).isEmpty();
    }

    /** acs-wire 1.2: the signature covers verb, path+query, x-ms-date, host (no port) and the body hash. */
    private static void assertSignedLikeTheSdk(FakeAcsHttp.Sent s) throws Exception {
        URI uri = URI.create(s.url());
        String host = s.header("host");
        assertThat(host).isEqualTo("localhost");
        String contentHash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(s.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(s.header("x-ms-content-sha256")).isEqualTo(contentHash);
        String toSign = s.method() + "\n" + uri.getRawPath() + "?" + uri.getRawQuery() + "\n"
                + s.header("x-ms-date") + ";" + host + ";" + contentHash;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        assertThat(s.header("Authorization"))
                .isEqualTo("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
    }
}

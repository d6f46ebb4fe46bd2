package org.openivr.activities;

import com.azure.core.exception.HttpResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.AnswerCall;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.ContinuousDtmf;
import org.openivr.workflows.HoldCaller;
import org.openivr.workflows.MediaStreamingControl;
import org.openivr.workflows.PlaySource;
import org.openivr.workflows.SendDtmf;
import org.openivr.workflows.StreamingOptions;
import org.openivr.workflows.TransferCall;
import org.openivr.workflows.UnholdCaller;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The requests of the mid-call actions, checked against an in-memory HTTP client (no emulator needed). */
class AcsCallActionsUnitTest {

    private static final String KEY = "ZW11bGF0b3ItdGVzdC1rZXktMDEyMzQ1Njc4OWFiY2RlZg==";
    private static final String CONNECTION = "endpoint=https://localhost:8443/;accesskey=" + KEY;
    private static final String BASE = "https://localhost:8443/calling/callConnections/cc-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "4:+14255550123";

    private final FakeAcsHttp http = new FakeAcsHttp();

    private AcsCallActivities activities() {
        AcsSettings settings = new AcsSettings(CONNECTION, "http://127.0.0.1:8080", null, null, TestMediaTokens.TOKENS);
        return new AcsCallActivities(settings, new AcsClients(settings, http));
    }

    private static String nameUuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void sendDtmfGoesOverRestWithTheSameRepeatabilityPairOnEveryAttempt() throws Exception {
        http.respond(s -> new FakeAcsHttp.Canned(202, "{\"operationContext\":\"5/ext\"}"));
        AcsCallActivities acs = activities();
        SendDtmf send = new SendDtmf("call-1", "cc-1", List.of("1", "2", "#", "*", "A"), CALLER, "5/ext");

        acs.sendDtmf(send);
        Thread.sleep(1100);
        acs.sendDtmf(send);
        acs.sendDtmf(new SendDtmf("call-1", "cc-1", List.of("1"), CALLER, "6/ext"));

        FakeAcsHttp.Sent first = http.sent.get(0);
        FakeAcsHttp.Sent retry = http.sent.get(1);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.url()).isEqualTo(BASE + ":sendDtmfTones?api-version=2025-06-15");
        assertThat(first.header("Repeatability-Request-ID")).isEqualTo(nameUuid("sendDtmf:5/ext:call-1"))
                .isEqualTo(retry.header("Repeatability-Request-ID"));
        assertThat(first.header("Repeatability-First-Sent"))
                .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT")
                .isEqualTo(retry.header("Repeatability-First-Sent"));
        assertThat(first.header("Authorization")).startsWith("HMAC-SHA256 SignedHeaders=");
        JsonNode body = JSON.readTree(first.body());
        assertThat(body.get("tones").toString()).isEqualTo("[\"one\",\"two\",\"pound\",\"asterisk\",\"a\"]");
        assertThat(body.get("targetParticipant").toString())
                .isEqualTo("{\"kind\":\"phoneNumber\",\"rawId\":\"4:+14255550123\",\"phoneNumber\":{\"value\":\"+14255550123\"}}");
        assertThat(body.get("operationContext").asText()).isEqualTo("5/ext");
        assertThat(http.last().header("Repeatability-Request-ID")).isEqualTo(nameUuid("sendDtmf:6/ext:call-1"));
    }

    @Test
    void transferGoesOverTheSdkWithoutATransfereeAndOverRestWithOne() throws Exception {
        http.respond(s -> new FakeAcsHttp.Canned(202, "{\"operationContext\":\"x\"}"));
        AcsCallActivities acs = activities();

        acs.transfer(new TransferCall("call-1", "cc-1", "4:+18005550199", null, "9/agent"));
        acs.transfer(new TransferCall("call-1", "cc-1", "8:acs:res_agent-1", CALLER, "10/agent"));

        FakeAcsHttp.Sent sdk = http.sent.get(0);
        assertThat(sdk.url()).isEqualTo(BASE + ":transferToParticipant?api-version=2023-03-06");
        assertThat(sdk.header("Repeatability-Request-ID")).isEqualTo(nameUuid("transfer:9/agent:call-1"));
        assertThat(sdk.header("Repeatability-First-Sent")).isNotBlank();
        JsonNode sdkBody = JSON.readTree(sdk.body());
        assertThat(sdkBody.at("/targetParticipant/rawId").asText()).isEqualTo("4:+18005550199");
        assertThat(sdkBody.get("operationContext").asText()).isEqualTo("9/agent");
        assertThat(sdkBody.has("transferee")).isFalse();

        FakeAcsHttp.Sent rest = http.sent.get(1);
        assertThat(rest.url()).isEqualTo(BASE + ":transferToParticipant?api-version=2025-06-15");
        assertThat(rest.header("Repeatability-Request-ID")).isEqualTo(nameUuid("transfer:10/agent:call-1"));
        JsonNode restBody = JSON.readTree(rest.body());
        assertThat(restBody.get("targetParticipant").toString()).isEqualTo(
                "{\"kind\":\"communicationUser\",\"rawId\":\"8:acs:res_agent-1\",\"communicationUser\":{\"id\":\"8:acs:res_agent-1\"}}");
        assertThat(restBody.at("/transferee/rawId").asText()).isEqualTo(CALLER);
    }

    @Test
    void holdUnholdContinuousDtmfAndStreamingSendTheDocumentedRequests() throws Exception {
        http.respond(s -> new FakeAcsHttp.Canned(s.url().contains("MediaStreaming") ? 202 : 200, ""));
        AcsCallActivities acs = activities();

        acs.hold(new HoldCaller("cc-1", CALLER,
                List.of(new PlaySource(PlaySource.Kind.TEXT, "Please hold.", "en-US-JennyNeural", "en-US")), "1/hold"));
        acs.hold(new HoldCaller("cc-1", CALLER, List.of(), "2/hold"));
        acs.unhold(new UnholdCaller("cc-1", CALLER, "3/unhold"));
        acs.startContinuousDtmf(new ContinuousDtmf("cc-1", CALLER, "4/keys"));
        acs.stopContinuousDtmf(new ContinuousDtmf("cc-1", CALLER, "5/keys"));
        acs.startMediaStreaming(new MediaStreamingControl("cc-1", "6/stream"));
        acs.stopMediaStreaming(new MediaStreamingControl("cc-1", null));

        assertThat(http.sent).extracting(FakeAcsHttp.Sent::url).containsExactly(
                BASE + ":hold?api-version=2025-06-15", BASE + ":hold?api-version=2025-06-15",
                BASE + ":unhold?api-version=2025-06-15", BASE + ":startContinuousDtmfRecognition?api-version=2025-06-15",
                BASE + ":stopContinuousDtmfRecognition?api-version=2025-06-15",
                BASE + ":startMediaStreaming?api-version=2025-06-15", BASE + ":stopMediaStreaming?api-version=2025-06-15");
        assertThat(JSON.readTree(http.sent.get(0).body()).get("playSourceInfo").toString()).isEqualTo(
                "{\"kind\":\"text\",\"text\":{\"text\":\"Please hold.\",\"voiceName\":\"en-US-JennyNeural\",\"sourceLocale\":\"en-US\"}}");
        assertThat(JSON.readTree(http.sent.get(1).body()).has("playSourceInfo")).isFalse();
        assertThat(JSON.readTree(http.sent.get(2).body()).at("/targetParticipant/rawId").asText()).isEqualTo(CALLER);
        assertThat(JSON.readTree(http.sent.get(3).body()).get("operationContext").asText()).isEqualTo("4/keys");
        assertThat(http.sent.get(5).body()).isEqualTo("{\"operationContext\":\"6/stream\"}");
        assertThat(http.sent.get(6).body()).isEqualTo("{}");
        assertThat(http.sent).allSatisfy(s -> assertThat(s.header("Repeatability-Request-ID")).isNull());
    }

    @Test
    void answerWithStreamingOptionsGoesOverRest() throws Exception {
        http.respond(s -> new FakeAcsHttp.Canned(200,
                "{\"callConnectionId\":\"cc-1\",\"serverCallId\":\"srv-1\",\"correlationId\":\"corr-1\"}"));

        activities().answer(new AnswerCall("call-1", "ctx", "0/answer",
                new StreamingOptions("wss://ivr.example.com/ws/call-1", null, false)));

        assertThat(http.last().url()).isEqualTo("https://localhost:8443/calling/callConnections:answer?api-version=2025-06-15");
        assertThat(http.last().header("Repeatability-Request-ID")).isEqualTo(nameUuid("answer:call-1"));
        assertThat(JSON.readTree(http.last().body()).get("mediaStreamingOptions").toString()).isEqualTo(
                "{\"transportUrl\":\"wss://ivr.example.com/ws/call-1\",\"transportType\":\"websocket\","
                        + "\"contentType\":\"audio\",\"audioChannelType\":\"mixed\",\"startMediaStreaming\":false}");
    }

    @Test
    void refusalsAreFinalAndServerTroubleIsRetried() {
        AcsCallActivities acs = activities();
        SendDtmf send = new SendDtmf("call-1", "cc-1", List.of("1"), CALLER, "5/ext");
        for (int status : new int[] {400, 404, 412}) {
            http.respond(s -> new FakeAcsHttp.Canned(status, "{\"error\":{\"code\":\"8583\",\"message\":\"busy\"}}"));
            assertThatThrownBy(() -> acs.sendDtmf(send)).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                assertThat(f.isNonRetryable()).isTrue();
                assertThat(f.getType()).isEqualTo(CallActivities.REJECTED);
                assertThat(f.getOriginalMessage()).isEqualTo("ACS rejected sendDtmf on call connection cc-1: HTTP "
                        + status + ", 8583 busy");
            });
        }
        http.respond(s -> new FakeAcsHttp.Canned(404, "{\"error\":{\"code\":\"8522\",\"message\":\"Call not found.\"}}"));
        assertThatThrownBy(() -> acs.sendDtmf(send)).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.isNonRetryable()).isTrue();
            assertThat(f.getType()).isEqualTo(CallActivities.CALL_GONE);
        });
        for (int status : new int[] {408, 429, 500, 503}) {
            http.respond(s -> new FakeAcsHttp.Canned(status, "{\"error\":{\"code\":\"9999\",\"message\":\"busy\"}}"));
            assertThatThrownBy(() -> acs.hold(new HoldCaller("cc-1", CALLER, List.of(), "1/hold")))
                    .isInstanceOf(HttpResponseException.class);
        }
    }
}

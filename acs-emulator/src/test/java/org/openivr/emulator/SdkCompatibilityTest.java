package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallAutomationClientBuilder;
import com.azure.communication.callautomation.CallAutomationEventParser;
import com.azure.communication.callautomation.CallConnection;
import com.azure.communication.callautomation.models.AnswerCallResult;
import com.azure.communication.callautomation.models.CallConnectionProperties;
import com.azure.communication.callautomation.models.CallConnectionState;
import com.azure.communication.callautomation.models.CallMediaRecognizeDtmfOptions;
import com.azure.communication.callautomation.models.DtmfResult;
import com.azure.communication.callautomation.models.DtmfTone;
import com.azure.communication.callautomation.models.FileSource;
import com.azure.communication.callautomation.models.events.CallAutomationEventBase;
import com.azure.communication.callautomation.models.events.CallConnected;
import com.azure.communication.callautomation.models.events.CallDisconnected;
import com.azure.communication.callautomation.models.events.PlayCompleted;
import com.azure.communication.callautomation.models.events.RecognizeCompleted;
import com.azure.communication.common.PhoneNumberIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official Java SDK 1.0.4 against the emulator: TLS, HMAC, bodies, status codes and events. */
class SdkCompatibilityTest {

  @Test
  void theSdkAnswersPlaysRecognizesAndHangsUp() throws Exception {
    try (HttpSink app = new HttpSink();
        AcsEmulator acs = AcsEmulator.start(EmulatorOptions.defaults(app.uri("/api/events")).withTimeScale(0.1))) {
      SslContext tls = SslContextBuilder.forClient().trustManager(acs.certificatePemFile().toFile()).build();
      CallAutomationClient sdk = new CallAutomationClientBuilder()
          .connectionString(acs.connectionString())
          .httpClient(new NettyAsyncHttpClientBuilder(
              reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(tls))).build())
          .buildClient();
      String correlationId = acs.placeCall(ScriptedCaller.of("sdk", "+14255550123", "+18005550100",
          new CallerStep.Press("12#")));
      String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();

      AnswerCallResult answered = sdk.answerCall(context, app.uri("/api/callbacks/sdk").toString());
      CallConnectionProperties properties = answered.getCallConnectionProperties();
      CallConnection connection = answered.getCallConnection();
      String id = properties.getCallConnectionId();
      assertThat(properties.getCorrelationId()).isEqualTo(correlationId);
      assertThat(properties.getCallConnectionState()).isEqualTo(CallConnectionState.fromString("unknown"));
      assertThat(properties.getTargetParticipants()).singleElement()
          .isEqualTo(new PhoneNumberIdentifier("+14255550123"));
      assertThat(parse(app.awaitEvent(id, "CallConnected"))).isInstanceOf(CallConnected.class);
      assertThat(connection.getCallProperties().getCallConnectionState()).isEqualTo(CallConnectionState.CONNECTED);

      connection.getCallMedia().playToAll(new FileSource().setUrl("https://cdn.example.com/hello.wav"));
      PlayCompleted played = (PlayCompleted) parse(app.awaitEvent(id, "PlayCompleted"));
      assertThat(played.getCallConnectionId()).isEqualTo(id);
      assertThat(played.getResultInformation().getCode()).isEqualTo(200);

      connection.getCallMedia().startRecognizing(
          new CallMediaRecognizeDtmfOptions(new PhoneNumberIdentifier("+14255550123"), 4)
              .setStopTones(List.of(DtmfTone.POUND))
              .setInterToneTimeout(Duration.ofSeconds(2))
              .setPlayPrompt(new FileSource().setUrl("https://cdn.example.com/menu.wav"))
              .setInterruptPrompt(true)
              .setInitialSilenceTimeout(Duration.ofSeconds(5))
              .setOperationContext("menu"));
      RecognizeCompleted recognized = (RecognizeCompleted) parse(app.awaitEvent(id, "RecognizeCompleted"));
      assertThat(recognized.getOperationContext()).isEqualTo("menu");
      assertThat(recognized.getResultInformation().getSubCode()).isEqualTo(8514);
      assertThat(recognized.getRecognizeResult()).get().isInstanceOfSatisfying(DtmfResult.class,
          dtmf -> assertThat(dtmf.getTones()).containsExactly(DtmfTone.ONE, DtmfTone.TWO));

      connection.hangUp(true);
      assertThat(parse(app.awaitEvent(id, "CallDisconnected"))).isInstanceOf(CallDisconnected.class);
      assertThatThrownBy(connection::getCallProperties)
          .isInstanceOfSatisfying(HttpResponseException.class,
              e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(404));
      assertThat(acs.ledger().entries(id)).extracting(LedgerEntry::operation)
          .containsExactly("answer", "getCall", "play", "recognize", "terminate", "getCall");
      assertThat(acs.ledger().entries(id).get(0).repeatabilityRequestId()).isNotBlank();
    }
  }

  private static CallAutomationEventBase parse(JsonNode event) {
    List<CallAutomationEventBase> parsed = CallAutomationEventParser.parseEvents("[" + event + "]");
    assertThat(parsed).hasSize(1);
    return parsed.get(0);
  }
}

package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void splitsTheLastSegmentOnItsLastColon() {
    assertThat(Route.parse("POST", "/calling/callConnections:answer"))
        .isEqualTo(new Route("answer", null, true, true));
    assertThat(Route.parse("POST", "/calling/callConnections/abc-1:play"))
        .isEqualTo(new Route("play", "abc-1", true, false));
    assertThat(Route.parse("POST", "/calling/callConnections/abc-1:terminate"))
        .isEqualTo(new Route("terminate", "abc-1", true, true));
    assertThat(Route.parse("GET", "/calling/callConnections/abc-1")).isEqualTo(new Route("getCall", "abc-1", true, false));
    assertThat(Route.parse("DELETE", "/calling/callConnections/abc-1")).isEqualTo(new Route("hangUp", "abc-1", true, false));
    assertThat(Route.parse("POST", "/calling/callConnections/abc-1:cancelAllMediaOperations").operation())
        .isEqualTo("cancelAllMediaOperations");
  }

  @Test
  void knowsOperationsItDoesNotImplementYet() {
    assertThat(Route.parse("POST", "/calling/callConnections/abc:startTranscription").implemented()).isFalse();
    assertThat(Route.parse("POST", "/calling/callConnections/abc:sendDtmfTones"))
        .isEqualTo(new Route("sendDtmfTones", "abc", true, true));
    assertThat(Route.parse("POST", "/calling/callConnections/abc:hold")).isEqualTo(new Route("hold", "abc", true, false));
    assertThat(Route.parse("POST", "/calling/callConnections/abc/participants:add").operation())
        .isEqualTo("participants:add");
    assertThat(Route.parse("GET", "/calling/callConnections/abc/participants/4%3A%2B14255550123").operation())
        .isEqualTo("getParticipant");
    assertThat(Route.parse("POST", "/calling/recordings/eyJQ%3D%3D:pause").operation()).isEqualTo("pauseRecording");
    assertThat(Route.parse("POST", "/calling/recordings").operation()).isEqualTo("startRecording");
  }

  @Test
  void rejectsWhatIsNotAnOperation() {
    assertThat(Route.parse("POST", "/calling/callConnections/abc:dance")).isNull();
    assertThat(Route.parse("GET", "/calling/callConnections/abc:play")).isNull();
    assertThat(Route.parse("PUT", "/calling/callConnections/abc")).isNull();
    assertThat(Route.parse("POST", "/calling/nothing")).isNull();
    assertThat(Route.parse("GET", "/calling/callConnections//x")).isNull();
    assertThat(Route.parse("POST", "/calling/recordings/x")).isNull();
  }
}

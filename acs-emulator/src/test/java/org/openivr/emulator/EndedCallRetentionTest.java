package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An emulator told to forget ended calls forgets them, and only them; by default it keeps every call. */
class EndedCallRetentionTest {
  private static AnsweringApp emulated;

  @BeforeAll
  static void start() throws Exception {
    emulated = AnsweringApp.start();
  }

  @AfterAll
  static void stop() {
    emulated.close();
  }

  @Test
  void anEndedCallIsForgottenAndAConnectedOneIsKept() throws Exception {
    AnsweringApp.Call ended = emulated.connect(SignedClient.API_VERSION);
    AnsweringApp.Call connected = emulated.connect(SignedClient.API_VERSION);
    assertThat(emulated.client.delete(ended.path()).status()).isEqualTo(204);
    emulated.app.awaitEvent(ended.connectionId(), "CallDisconnected");
    Thread.sleep(1500);
    assertThat(emulated.acs.call(ended.correlationId())).as("kept by default, well after its end").isPresent();

    emulated.acs.forgetEndedCalls(Duration.ZERO);

    // Sweeps come a second apart: the first sees the call ended, the next forgets it.
    for (int i = 0; i < 50 && emulated.acs.call(ended.correlationId()).isPresent(); i++) {
      Thread.sleep(100);
    }
    assertThat(emulated.acs.call(ended.correlationId())).as("the ended call").isEmpty();
    assertThat(emulated.client.get(ended.path()).status()).isEqualTo(404);
    assertThat(emulated.acs.call(connected.correlationId())).as("the connected call").hasValueSatisfying(
        view -> assertThat(view.state()).isEqualTo("connected"));
    assertThat(emulated.client.get(connected.path()).status()).isEqualTo(200);
  }

  @Test
  void aNegativeRetentionIsRefused() {
    assertThatThrownBy(() -> emulated.acs.forgetEndedCalls(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
  }
}

package org.openivr.workflows.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordingIdsTest {

    @Test
    void keepsLettersDigitsAndDashesAndEscapesEverythingElse() {
        assertThat(RecordingIds.key("eyJQbGF0-x")).isEqualTo("eyJQbGF0-x");
        assertThat(RecordingIds.key("ab+c/d==")).isEqualTo("ab_2Bc_2Fd_3D_3D");
        assertThat(RecordingIds.key("a_b")).isEqualTo("a_5Fb");
        assertThat(RecordingIds.key("../x")).isEqualTo("_2E_2E_2Fx");
        assertThat(RecordingIds.workflowId("ab+c")).isEqualTo("recording-ab_2Bc");
    }

    @Test
    void differentIdsNeverShareAKey() {
        assertThat(RecordingIds.key("a+b")).isNotEqualTo(RecordingIds.key("a/b")).isNotEqualTo(RecordingIds.key("a_2Bb"));
    }

    @Test
    void longIdsAreCutAndCompletedWithAHash() {
        String a = "x".repeat(300) + "a";
        String b = "x".repeat(300) + "b";
        assertThat(RecordingIds.key(a)).hasSize(RecordingIds.MAX_KEY_LENGTH).contains("~");
        assertThat(RecordingIds.key(a)).isNotEqualTo(RecordingIds.key(b));
        assertThat(RecordingIds.key(a)).isEqualTo(RecordingIds.key(a));
    }

    @Test
    void blankIdsAreRefused() {
        assertThatThrownBy(() -> RecordingIds.key(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}

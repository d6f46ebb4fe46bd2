package org.openivr.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import org.junit.jupiter.api.Test;

class CallInspectorTest {

    private static Payloads json(String text) {
        return Payloads.newBuilder().addPayloads(Payload.newBuilder().setData(ByteString.copyFromUtf8(text))).build();
    }

    @Test
    void onlyTheOperationContextIsReadFromAnActivityInput() {
        assertThat(CallInspector.operationContext(json(
                "{\"callConnectionId\":\"c\",\"prompt\":[{\"text\":\"Your card 4111\"}],\"operationContext\":\"4/card\"}")))
                .isEqualTo("4/card");
        assertThat(CallInspector.operationContext(json("{\"callConnectionId\":\"c\",\"forEveryone\":true}"))).isNull();
        assertThat(CallInspector.operationContext(json("not json"))).isNull();
        assertThat(CallInspector.operationContext(Payloads.getDefaultInstance())).isNull();
    }

    @Test
    void aFailureIsOneLineWithItsCauses() {
        Failure failure = Failure.newBuilder().setMessage("Activity task failed")
                .setCause(Failure.newBuilder().setMessage("ACS answered 500:\nInternalError")).build();
        assertThat(CallInspector.message(failure)).isEqualTo("Activity task failed <- ACS answered 500: InternalError");
    }

    @Test
    void keywordSearchAttributesAreReadFromTheirJsonPayload() {
        assertThat(CallDirectory.keyword(Payload.newBuilder().setData(ByteString.copyFromUtf8("\"main-menu\"")).build()))
                .isEqualTo("main-menu");
        assertThat(CallDirectory.keyword(null)).isNull();
        assertThat(CallDirectory.operationName("RecognizeKeys")).isEqualTo("recognizeKeys");
    }
}

package org.openivr.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.security.SecureRandom;
import java.util.List;
import org.openivr.workflows.PlayPrompt;
import org.openivr.workflows.payload.PayloadEncryption;
import org.openivr.workflows.payload.PayloadKeys;
import org.junit.jupiter.api.Test;

class CallInspectorTest {

    private static final DataConverter PLAIN = DefaultDataConverter.newDefaultInstance();

    /** An activity input as the SDK writes it: JSON, marked {@code json/plain}. */
    private static Payloads json(String text) {
        return Payloads.newBuilder().addPayloads(Payload.newBuilder()
                .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8(text))).build();
    }

    @Test
    void onlyTheOperationContextIsReadFromAnActivityInput() {
        assertThat(CallInspector.operationContext(PLAIN, json(
                "{\"callConnectionId\":\"c\",\"prompt\":[{\"text\":\"Your card 4111\"}],\"operationContext\":\"4/card\"}")))
                .isEqualTo("4/card");
        assertThat(CallInspector.operationContext(PLAIN, json("{\"callConnectionId\":\"c\",\"forEveryone\":true}"))).isNull();
        assertThat(CallInspector.operationContext(PLAIN, json("not json"))).isNull();
        assertThat(CallInspector.operationContext(PLAIN, Payloads.getDefaultInstance())).isNull();
    }

    @Test
    void anEncryptedActivityInputIsDecryptedToReadItsOperationContext() {
        DataConverter encrypting = new PayloadEncryption(PayloadKeys.generate("k1", new SecureRandom())).dataConverter();
        Payloads input = encrypting.toPayloads(new PlayPrompt("conn-1", List.of(), "7/menu")).orElseThrow();

        assertThat(CallInspector.operationContext(encrypting, input)).isEqualTo("7/menu");
        assertThat(CallInspector.operationContext(PLAIN, input)).as("without the key").isNull();
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

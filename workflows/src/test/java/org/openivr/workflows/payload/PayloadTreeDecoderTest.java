package org.openivr.workflows.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PayloadTreeDecoderTest {
    private final EncryptingPayloadCodec codec = new EncryptingPayloadCodec(PayloadKeys.generate("k1", new SecureRandom()));

    @Test
    void everyPayloadOfAHistoryIsDecodedAndNothingElseChanges() {
        Payload input = plain("call input");
        Payload memo = plain("outbound");
        Payload tones = plain(List.of("4", "1", "1", "1"));
        Payload searchAttribute = plain("card");
        History clear = history(input, memo, tones, searchAttribute, UnaryOperator.identity());
        History encrypted = history(input, memo, tones, searchAttribute, p -> codec.encode(List.of(p)).get(0));
        assertThat(encrypted).isNotEqualTo(clear);

        assertThat(new PayloadTreeDecoder(codec).decode(encrypted)).isEqualTo(clear);
    }

    @Test
    void aHistoryWithoutEncryptedPayloadsIsReturnedAsItIs() {
        History clear = history(plain("a"), plain("b"), plain("c"), plain("d"), UnaryOperator.identity());
        assertThat(new PayloadTreeDecoder(codec).decode(clear)).isSameAs(clear);
    }

    /** Search attributes are never encoded (Temporal indexes them), so they are given in clear either way. */
    private static History history(Payload input, Payload memo, Payload tones, Payload searchAttribute,
                                   UnaryOperator<Payload> encode) {
        HistoryEvent started = HistoryEvent.newBuilder().setEventId(1)
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
                .setWorkflowExecutionStartedEventAttributes(WorkflowExecutionStartedEventAttributes.newBuilder()
                        .setInput(Payloads.newBuilder().addPayloads(encode.apply(input)))
                        .setMemo(Memo.newBuilder().putFields("direction", encode.apply(memo)))
                        .setSearchAttributes(SearchAttributes.newBuilder().putIndexedFields("FlowName", searchAttribute)))
                .build();
        HistoryEvent signaled = HistoryEvent.newBuilder().setEventId(2)
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                .setWorkflowExecutionSignaledEventAttributes(WorkflowExecutionSignaledEventAttributes.newBuilder()
                        .setSignalName("onEvent").setInput(Payloads.newBuilder().addPayloads(encode.apply(tones))))
                .build();
        return History.newBuilder().addEvents(started).addEvents(signaled).build();
    }

    private static Payload plain(Object value) {
        return DefaultDataConverter.newDefaultInstance().toPayload(value).orElseThrow();
    }
}

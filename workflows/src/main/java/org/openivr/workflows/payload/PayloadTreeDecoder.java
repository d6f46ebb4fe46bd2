package org.openivr.workflows.payload;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes every {@link Payload} anywhere inside a Temporal protobuf message (a whole history, one event), so a
 * history fetched raw from the server can be saved or shown decoded. Written here, over protobuf's reflection,
 * because the SDK's own payload visitor is in an {@code internal} package that may change with any release.
 */
public final class PayloadTreeDecoder {
    private final PayloadCodec codec;

    public PayloadTreeDecoder(PayloadCodec codec) {
        this.codec = codec;
    }

    @SuppressWarnings("unchecked")
    public <T extends Message> T decode(T message) {
        return (T) decodeAny(message);
    }

    private Message decodeAny(Message message) {
        if (message instanceof Payload payload) {
            return codec.decode(List.of(payload)).get(0);
        }
        Message.Builder builder = null;
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            if (descriptor.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            Object decoded = descriptor.isRepeated() ? decodeList((List<?>) field.getValue())
                    : decodeAny((Message) field.getValue());
            if (decoded != field.getValue()) {
                if (builder == null) {
                    builder = message.toBuilder();
                }
                builder.setField(descriptor, decoded);
            }
        }
        return builder == null ? message : builder.build();
    }

    /** The same list when nothing in it changed (a map field comes as a list of entries). */
    private Object decodeList(List<?> items) {
        List<Message> decoded = new ArrayList<>(items.size());
        boolean changed = false;
        for (Object item : items) {
            Message one = decodeAny((Message) item);
            changed |= one != item;
            decoded.add(one);
        }
        return changed ? decoded : items;
    }
}

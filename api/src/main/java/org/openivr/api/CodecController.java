package org.openivr.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import org.openivr.workflows.payload.PayloadEncryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/codec/decode}: Temporal's remote codec protocol, so that the {@code temporal} CLI
 * ({@code --codec-endpoint .../api/codec --codec-auth "Bearer KEY"}) or Temporal's Web UI (behind a proxy that adds
 * the key) can show the platform's encrypted payloads. The body and the answer are {@code {"payloads":[...]}}
 * in protobuf's JSON form. Whoever may call it reads everything callers typed, sensitive keys included, so it is
 * off unless {@code ivr.api.codec-endpoint=true} and, like the rest of the management API, needs an API key.
 * Decoding only: nothing outside the platform writes payloads.
 */
@RestController
@ConditionalOnProperty(name = "ivr.api.codec-endpoint", havingValue = "true")
@Tag(name = "Codec", description = "Temporal remote codec: decrypt payloads for Temporal's UI and CLI")
public class CodecController {
    private static final Logger log = LoggerFactory.getLogger(CodecController.class);
    private static final int MAX_BODY = 4 << 20;
    private final PayloadCodec codec;

    public CodecController(@Value("${" + PayloadEncryption.PROPERTY + ":${" + PayloadEncryption.ENVIRONMENT + ":}}")
                           String keys) {
        this.codec = PayloadEncryption.required(keys).codec();
    }

    @Operation(summary = "Decrypt Temporal payloads", description = "Temporal's codec-server protocol: the payloads"
            + " of the body, decrypted (payloads that are not encrypted come back as they are). Off unless"
            + " ivr.api.codec-endpoint=true.")
    @PostMapping(path = "/api/codec/decode", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public String decode(@RequestBody String body,
                         @RequestHeader(name = "X-Namespace", required = false) String namespace) {
        if (body.length() > MAX_BODY) {
            throw new BadPayload("the body is larger than " + MAX_BODY + " characters");
        }
        Payloads.Builder payloads = Payloads.newBuilder();
        try {
            JsonFormat.parser().merge(body, payloads);
        } catch (InvalidProtocolBufferException e) {
            throw new BadPayload("the body must be {\"payloads\":[{\"metadata\":{...},\"data\":\"<base64>\"}]}: "
                    + e.getMessage());
        }
        Payloads decoded;
        try {
            decoded = Payloads.newBuilder().addAllPayloads(codec.decode(payloads.getPayloadsList())).build();
        } catch (PayloadCodecException e) {
            throw new BadPayload(e.getMessage());
        }
        log.info("codec: decoded {} payload(s) for namespace {}", decoded.getPayloadsCount(),
                namespace == null ? "(not given)" : namespace.replaceAll("[^A-Za-z0-9._-]", "?"));
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(decoded);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("decoded payloads cannot be written as JSON", e);
        }
    }
}

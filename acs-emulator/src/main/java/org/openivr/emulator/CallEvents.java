package org.openivr.emulator;

// ACS has no local emulator; this reproduces the exact CloudEvents envelope of its mid-call
// callbacks (acs-wire 3.2-3.4).

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/** Builds callback events as one-element JSON arrays of CloudEvents 1.0. */
final class CallEvents {

  static final String TYPE_PREFIX = "Microsoft.Communication.";

  private CallEvents() {}

  /**
   * @param name             event name without prefix, e.g. {@code PlayCompleted}
   * @param apiVersion       the api-version of the request that caused the event ({@code data.version})
   * @param operationContext put in {@code data} only when not {@code null}
   * @param extra            event-specific {@code data} fields, or {@code null}
   */
  static String build(String name, EmulatedCall call, String apiVersion, String operationContext,
      ResultInformation result, Consumer<ObjectNode> extra) {
    String type = TYPE_PREFIX + name;
    String source = "calling/callConnections/" + call.callConnectionId();
    ObjectNode event = Json.object();
    event.put("id", UUID.randomUUID().toString());
    event.put("source", source);
    event.put("type", type);
    ObjectNode data = event.putObject("data");
    data.put("callConnectionId", call.callConnectionId());
    data.put("serverCallId", call.serverCallId);
    data.put("correlationId", call.correlationId);
    if (operationContext != null) {
      data.put("operationContext", operationContext);
    }
    ObjectNode info = data.putObject("resultInformation");
    info.put("code", result.code());
    info.put("subCode", result.subCode());
    info.put("message", result.message());
    if (extra != null) {
      extra.accept(data);
    }
    data.put("version", apiVersion);
    data.put("publicEventType", type);
    event.put("time", Json.cloudEventTime(Instant.now()));
    event.put("specversion", "1.0");
    event.put("datacontenttype", "application/json");
    event.put("subject", source);
    ArrayNode batch = Json.MAPPER.createArrayNode();
    batch.add(event);
    return Json.write(batch);
  }
}

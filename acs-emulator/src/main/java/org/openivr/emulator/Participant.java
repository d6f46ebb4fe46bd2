package org.openivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CommunicationIdentifierModel of a request (acs-wire 2.1), reduced to its kind and rawId. The
 * Java 1.0.x SDK sends {@code rawId} and the sub-object without {@code kind}; others send
 * {@code kind}; either is enough here.
 *
 * @param kind  {@code phoneNumber}, {@code communicationUser}, {@code microsoftTeamsUser},
 *              {@code microsoftTeamsApp} or {@code unknown}
 * @param rawId {@code 4:+14255550123}, {@code 8:acs:...}, ...
 */
record Participant(String kind, String rawId) {

  /** The identifier in {@code node}; 400 8523 when it is missing or names nobody. */
  static Participant parse(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw AcsException.badRequest(field + " is required.");
    }
    String rawId = Json.text(node, "rawId");
    String phone = Json.text(node.path("phoneNumber"), "value");
    String user = Json.text(node.path("communicationUser"), "id");
    String kind = Json.text(node, "kind");
    if (phone != null || (kind != null && kind.equals("phoneNumber")) || (rawId != null && rawId.startsWith("4:"))) {
      String number = phone != null ? phone : rawId != null && rawId.startsWith("4:") ? rawId.substring(2) : null;
      if (number == null || !number.matches("\\+[1-9][0-9]{1,14}")) {
        throw AcsException.badRequest(field + " is not a valid phone number identifier: " + node);
      }
      return new Participant("phoneNumber", "4:" + number);
    }
    if (user != null || (kind != null && kind.equals("communicationUser"))) {
      String id = user != null ? user : rawId;
      if (id == null || id.isBlank()) {
        throw AcsException.badRequest(field + " is not a valid communication user identifier: " + node);
      }
      return new Participant("communicationUser", id);
    }
    if (node.has("microsoftTeamsUser") || "microsoftTeamsUser".equals(kind)) {
      return new Participant("microsoftTeamsUser", rawId == null ? "" : rawId);
    }
    if (node.has("microsoftTeamsApp") || "microsoftTeamsApp".equals(kind)) {
      return new Participant("microsoftTeamsApp", rawId == null ? "" : rawId);
    }
    if (rawId == null || rawId.isBlank()) {
      throw AcsException.badRequest(field + " names no participant: " + node);
    }
    return new Participant(rawId.startsWith("8:acs:") ? "communicationUser" : "unknown", rawId);
  }

  boolean isPhone() {
    return kind.equals("phoneNumber");
  }

  /** The E.164 number of a phone participant. */
  String phoneNumber() {
    return rawId.substring(2);
  }

  /** The full model, always with kind, rawId and the sub-object (acs-wire 2.1). */
  ObjectNode toJson() {
    if (isPhone()) {
      return Json.phoneIdentifier(phoneNumber());
    }
    ObjectNode id = Json.object();
    id.put("kind", kind);
    id.put("rawId", rawId);
    if (kind.equals("communicationUser")) {
      id.putObject("communicationUser").put("id", rawId);
    }
    return id;
  }
}

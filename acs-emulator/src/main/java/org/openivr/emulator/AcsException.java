package org.openivr.emulator;

/** A request the emulator refuses, answered with a CommunicationErrorResponse body (acs-wire 1.5). */
final class AcsException extends RuntimeException {

  final int status;
  final String code;

  AcsException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static AcsException callNotFound() {
    return new AcsException(404, "8522", "Call not found.");
  }

  static AcsException badRequest(String message) {
    return new AcsException(400, "8523", message);
  }
}

package org.openivr.emulator;

/** The {@code resultInformation} of a callback event (acs-wire 3.5). */
record ResultInformation(int code, int subCode, String message) {

  static final ResultInformation CONNECTED = new ResultInformation(200, 0, "");
  static final ResultInformation CALL_ENDED = new ResultInformation(200, 7000, "The conversation has ended.");
  static final ResultInformation PLAY_COMPLETED = new ResultInformation(200, 0, "Action completed successfully.");
  static final ResultInformation PLAY_BAD_FILE =
      new ResultInformation(400, 8535, "Action failed, file format is invalid.");
  static final ResultInformation PROMPT_FAILED =
      new ResultInformation(500, 8511, "Action failed, encountered failure while trying to play the prompt.");
  static final ResultInformation CANCELED = new ResultInformation(400, 8508, "Action failed, the operation was canceled.");
  static final ResultInformation MAX_TONES =
      new ResultInformation(200, 8531, "Action completed, max digits received");
  static final ResultInformation STOP_TONE =
      new ResultInformation(200, 8514, "Action completed as stop tone was detected.");
  static final ResultInformation INTER_TONE_TIMEOUT =
      new ResultInformation(200, 8532, "Action completed, inter-digit silence timeout reached.");
  static final ResultInformation INITIAL_SILENCE =
      new ResultInformation(400, 8510, "Action failed, initial silence timeout reached");
}

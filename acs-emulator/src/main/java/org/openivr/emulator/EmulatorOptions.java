package org.openivr.emulator;

import java.net.URI;
import java.util.Base64;

/**
 * How to start an {@link AcsEmulator}.
 *
 * @param port             TCP port on 127.0.0.1; 0 picks a free one
 * @param accessKey        base64 HMAC key of the connection string; {@code null} makes a random one
 * @param eventGridWebhook where {@code Microsoft.Communication.IncomingCall} events are posted
 *                         (the app's Event Grid webhook); may be {@code null} if no call is placed
 * @param timeScale        multiplies every duration of the simulated call (prompts, timeouts, key
 *                         gaps, silences); 0.2 runs five times faster than real time
 * @param faults           delivery faults; {@code null} means {@link Faults#none()}
 * @param callbackIssuer   the {@code iss} of the JWT on callback POSTs; {@code null} means ACS's own,
 *                         {@code https://acscallautomation.communication.azure.com}
 */
public record EmulatorOptions(int port, String accessKey, URI eventGridWebhook, double timeScale, Faults faults,
                              String callbackIssuer) {

  /** Callback tokens from ACS's own issuer. */
  public EmulatorOptions(int port, String accessKey, URI eventGridWebhook, double timeScale, Faults faults) {
    this(port, accessKey, eventGridWebhook, timeScale, faults, null);
  }

  public EmulatorOptions {
    if (callbackIssuer == null || callbackIssuer.isBlank()) {
      callbackIssuer = CallbackTokens.ACS_ISSUER;
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (accessKey != null && decodedLength(accessKey) == 0) {
      throw new IllegalArgumentException("accessKey must not be empty");
    }
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("timeScale must be a positive number: " + timeScale);
    }
    if (faults == null) {
      faults = Faults.none();
    }
  }

  private static int decodedLength(String base64) {
    try {
      return Base64.getDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("accessKey must be base64: " + e.getMessage(), e);
    }
  }

  /** Any free port, a random key, real-time behaviour, no faults. */
  public static EmulatorOptions defaults(URI eventGridWebhook) {
    return new EmulatorOptions(0, null, eventGridWebhook, 1.0, Faults.none());
  }

  public EmulatorOptions withPort(int port) {
    return new EmulatorOptions(port, accessKey, eventGridWebhook, timeScale, faults, callbackIssuer);
  }

  public EmulatorOptions withAccessKey(String accessKey) {
    return new EmulatorOptions(port, accessKey, eventGridWebhook, timeScale, faults, callbackIssuer);
  }

  public EmulatorOptions withEventGridWebhook(URI eventGridWebhook) {
    return new EmulatorOptions(port, accessKey, eventGridWebhook, timeScale, faults, callbackIssuer);
  }

  public EmulatorOptions withTimeScale(double timeScale) {
    return new EmulatorOptions(port, accessKey, eventGridWebhook, timeScale, faults, callbackIssuer);
  }

  public EmulatorOptions withFaults(Faults faults) {
    return new EmulatorOptions(port, accessKey, eventGridWebhook, timeScale, faults, callbackIssuer);
  }

  public EmulatorOptions withCallbackIssuer(String callbackIssuer) {
    return new EmulatorOptions(port, accessKey, eventGridWebhook, timeScale, faults, callbackIssuer);
  }
}

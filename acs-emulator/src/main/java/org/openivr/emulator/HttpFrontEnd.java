package org.openivr.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's HTTP surface: authenticates {@code /calling/...} requests (401 before anything
 * runs), checks the api-version, routes, and hands the request to the simulation thread. Also
 * serves the tool endpoints under {@code /emulator/}.
 */
final class HttpFrontEnd implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(HttpFrontEnd.class);
  /** Stable Call Automation api-versions (acs-wire 2.0). */
  static final Set<String> API_VERSIONS =
      Set.of("2023-03-06", "2023-10-15", "2024-04-15", "2024-09-15", "2025-05-15", "2025-06-15");

  private final HmacAuth hmac;
  private final Simulation sim;
  private final CallAutomationService service;
  private final Ledger ledger;
  private final CallbackTokens tokens;
  private volatile int port;

  HttpFrontEnd(HmacAuth hmac, Simulation sim, CallAutomationService service, Ledger ledger, CallbackTokens tokens) {
    this.hmac = hmac;
    this.sim = sim;
    this.service = service;
    this.ledger = ledger;
    this.tokens = tokens;
  }

  void port(int port) {
    this.port = port;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String rawPath = exchange.getRequestURI().getRawPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> query = parseQuery(rawQuery);
      if (rawPath.equals("/emulator/ledger") && method.equals("GET")) {
        send(exchange, new CallAutomationService.Response(200, ledgerJson(query.get("callConnectionId")),
            Map.of("Content-Type", "application/json; charset=utf-8")));
        return;
      }
      if (method.equals("GET") && (rawPath.equals(CallbackTokens.OPENID_PATH) || rawPath.equals(CallbackTokens.JWKS_PATH))) {
        // Public, like ACS's: the keys that verify callback tokens (no HMAC).
        String json = rawPath.equals(CallbackTokens.JWKS_PATH) ? tokens.jwksJson()
            : tokens.openIdConfigurationJson(java.net.URI.create("https://localhost:" + port + "/"));
        send(exchange, new CallAutomationService.Response(200, json,
            Map.of("Content-Type", "application/json; charset=utf-8")));
        return;
      }
      if (rawPath.equals("/emulator/eventgrid/validate")) {
        send(exchange, new CallAutomationService.Response(200, "{\"status\":\"validated\"}",
            Map.of("Content-Type", "application/json; charset=utf-8")));
        return;
      }
      if (rawPath.startsWith(RecordingObjects.PATH_PREFIX)) {
        // Recording files: signed like every ACS request, with the path alone (the SDK drops the query).
        String failure = hmac.verify(method, rawPath, exchange.getRequestHeaders()::getFirst, body, port);
        if (failure != null) {
          log.warn("- {} {} -> 401: {}", method, rawPath, failure);
          send(exchange, CallAutomationService.error(401, "Unauthorized", "HMAC authentication failed: " + failure));
          return;
        }
        service.recordings().objects().serve(exchange, method, rawPath);
        return;
      }
      if (!rawPath.startsWith("/calling/")) {
        send(exchange, CallAutomationService.error(404, "NotFound", "No such resource: " + method + " " + rawPath));
        return;
      }
      String pathAndQuery = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
      String failure = hmac.verify(method, pathAndQuery, exchange.getRequestHeaders()::getFirst, body, port);
      if (failure != null) {
        log.warn("- {} {} -> 401: {}", method, rawPath, failure);
        send(exchange, CallAutomationService.error(401, "Unauthorized", "HMAC authentication failed: " + failure));
        return;
      }
      String apiVersion = query.get("api-version");
      if (apiVersion == null || apiVersion.isBlank()) {
        send(exchange, CallAutomationService.error(400, "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests."));
        return;
      }
      if (!API_VERSIONS.contains(apiVersion)) {
        send(exchange, CallAutomationService.error(400, "UnsupportedApiVersion",
            "The api-version '" + apiVersion + "' is not supported; use one of " + List.copyOf(API_VERSIONS) + "."));
        return;
      }
      Route route = Route.parse(method, rawPath);
      if (route == null) {
        send(exchange, CallAutomationService.error(404, "NotFound", "No such operation: " + method + " " + rawPath));
        return;
      }
      if (!route.implemented()) {
        log.warn("{} {} -> 501: not implemented by the emulator", route.callConnectionId(), route.operation());
        send(exchange, CallAutomationService.error(501, "8520",
            "The operation '" + route.operation() + "' is not implemented by the ACS emulator yet."));
        return;
      }
      CallAutomationService.Request request = new CallAutomationService.Request(
          route, apiVersion, body, exchange.getRequestHeaders().getFirst("Repeatability-Request-ID"));
      CallAutomationService.Response response = sim.call(() -> service.execute(request));
      String clientRequestId = exchange.getRequestHeaders().getFirst("x-ms-client-request-id");
      send(exchange, clientRequestId == null ? response : response.withHeader("x-ms-client-request-id", clientRequestId));
    } catch (RuntimeException e) {
      log.error("Emulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      send(exchange, CallAutomationService.error(500, "InternalError", "The emulator failed: " + e));
    } finally {
      exchange.close();
    }
  }

  private String ledgerJson(String callConnectionId) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (LedgerEntry entry : callConnectionId == null ? ledger.entries() : ledger.entries(callConnectionId)) {
      ObjectNode node = array.addObject();
      node.put("at", entry.at().toString());
      node.put("callConnectionId", entry.callConnectionId());
      node.put("operation", entry.operation());
      node.put("repeatabilityRequestId", entry.repeatabilityRequestId());
      node.put("requestBody", entry.requestBody());
      node.put("status", entry.status());
    }
    return Json.write(array);
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.putIfAbsent(name, value);
    }
    return query;
  }

  private static void send(HttpExchange exchange, CallAutomationService.Response response) {
    try {
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      if (response.body() == null) {
        exchange.sendResponseHeaders(response.status(), -1);
      } else {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    } catch (IOException e) {
      log.debug("Could not send the response: {}", e.toString());
    }
  }
}

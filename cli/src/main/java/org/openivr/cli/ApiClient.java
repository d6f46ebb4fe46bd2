package org.openivr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A client of a running platform's management API ({@code /api/calls}), authenticated with an API key. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The API answered with an error: its problem details. */
    public static final class ApiException extends IOException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public ApiClient(String baseUrl, String key) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = URI.create(trimmed);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        this.key = key;
    }

    public URI base() {
        return base;
    }

    /** {@code POST /api/calls}: the accepted call ({@code id}, {@code flow}, {@code replayed}). */
    public JsonNode placeCall(String to, String from, String flow, Map<String, Object> variables, String idempotencyKey)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("to", to);
        if (from != null) {
            body.put("from", from);
        }
        body.put("flow", flow);
        if (variables != null && !variables.isEmpty()) {
            body.set("variables", JSON.valueToTree(variables));
        }
        HttpRequest.Builder request = request("/api/calls").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    /** {@code GET /api/calls/{id}}: state, timeline and result. */
    public JsonNode call(String id) throws IOException, InterruptedException {
        return send(request("/api/calls/" + encode(id)).GET().build());
    }

    /** {@code POST /api/calls/{id}/hangup}. */
    public JsonNode hangUp(String id) throws IOException, InterruptedException {
        return send(request("/api/calls/" + encode(id) + "/hangup").POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        if (response.statusCode() >= 300) {
            String detail = body.path("detail").asText(null);
            String title = body.path("title").asText(null);
            throw new ApiException(response.statusCode(), "HTTP " + response.statusCode()
                    + (title == null ? "" : " " + title) + (detail == null ? "" : ": " + detail));
        }
        return body;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

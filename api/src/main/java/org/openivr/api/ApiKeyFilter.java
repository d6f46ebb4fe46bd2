package org.openivr.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The management API ({@code /api/calls...}, {@code /api/flows...}, {@code /api/codec...}) needs an API key from {@code ivr.api.keys}:
 * {@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY}. A missing or wrong key is answered 401 with the
 * API's problem-details body, before any controller runs. Keys are compared in constant time (as SHA-256 digests,
 * so neither their content nor their length leaks through timing). The ACS-facing webhooks ({@code /api/events},
 * {@code /api/callbacks/...}) and the OpenAPI document and its page are not covered here.
 */
public class ApiKeyFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    static final String HEADER = "X-Api-Key";
    private static final List<String> PROTECTED = List.of("/api/calls", "/api/flows", "/api/codec");

    private final List<byte[]> keyDigests;

    public ApiKeyFilter(ApiAccessProperties properties) {
        this.keyDigests = properties.keys().stream().map(ApiKeyFilter::digest).toList();
        if (keyDigests.isEmpty()) {
            log.warn("ivr.api.keys is empty: the management API (/api/calls, /api/flows) refuses every request");
        }
        for (String key : properties.keys()) {
            if (key.length() < 16) {
                log.warn("an API key in ivr.api.keys is shorter than 16 characters; use long random keys");
            }
        }
    }

    /** Is this path part of the management API? {@code /api/calls}, {@code /api/calls/...}, {@code /api/flows:validate} ... */
    static boolean isProtected(String path) {
        String normalized = path.replaceAll("/{2,}", "/");
        for (String prefix : PROTECTED) {
            if (normalized.equals(prefix) || normalized.startsWith(prefix + "/") || normalized.startsWith(prefix + ":")) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !isProtected(path.isEmpty() ? request.getRequestURI() : path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented != null && matches(presented)) {
            chain.doFilter(request, response);
            return;
        }
        String detail = keyDigests.isEmpty()
                ? "this platform has no API keys configured (ivr.api.keys), so its management API is closed"
                : presented == null
                        ? "an API key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'"
                        : "the API key is not valid";
        log.warn("{} {} refused: {}", request.getMethod(), request.getRequestURI(),
                presented == null ? "no API key" : "wrong API key");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"openivr\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ApiErrors.problemJson(401, "Unauthorized", detail, request.getRequestURI()));
    }

    /** The key from {@code Authorization: Bearer} or {@code X-Api-Key}, or null when neither is there. */
    static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).trim();
            return key.isEmpty() ? null : key;
        }
        String header = request.getHeader(HEADER);
        return header == null || header.isBlank() ? null : header.trim();
    }

    /** Compares against every configured key, always all of them, in constant time each. */
    boolean matches(String presented) {
        byte[] digest = digest(presented);
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= MessageDigest.isEqual(key, digest);
        }
        return match;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package org.openivr.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.openivr.acsauth.AcsKeysUnavailable;
import org.openivr.acsauth.AcsTokenVerifier;
import org.openivr.acsauth.InvalidAcsToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /api/callbacks/...} needs the JWT ACS signs every callback with ({@code Authorization: Bearer}, acs-wire
 * 7.2), checked by {@link AcsTokenVerifier} before any controller runs: a missing, malformed, forged, expired or
 * other-resource token is answered 401 in the API's problem-details shape and no call is touched. When the signing
 * keys cannot be read, 503 (ACS retries it).
 */
public class CallbackAuthFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(CallbackAuthFilter.class);
    private final AcsTokenVerifier verifier;

    public CallbackAuthFilter(AcsTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (token == null || token.isEmpty()) {
            log.warn("{} {} refused: no bearer token", request.getMethod(), request.getRequestURI());
            refuse(request, response, 401, "Unauthorized",
                    "a callback must carry the JWT ACS signs it with: 'Authorization: Bearer <token>'");
            return;
        }
        try {
            verifier.verify(token);
        } catch (InvalidAcsToken e) {
            log.warn("{} {} refused: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            refuse(request, response, 401, "Unauthorized",
                    "the callback's bearer token is not valid (signature, issuer, audience or lifetime)");
            return;
        } catch (AcsKeysUnavailable e) {
            log.error("{} {} not checked: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            refuse(request, response, 503, "Callback keys unavailable",
                    "the platform cannot read ACS's signing keys right now; try again");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title,
                               String detail) throws IOException {
        response.setStatus(status);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ApiErrors.problemJson(status, title, detail, request.getRequestURI()));
    }
}

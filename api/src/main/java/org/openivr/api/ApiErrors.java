package org.openivr.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error leaves the API as one JSON shape: RFC 9457 problem details. */
@RestControllerAdvice
public class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(BadPayload.class)
    ProblemDetail badPayload(BadPayload e) {
        log.warn("rejected request: {}", e.getMessage());
        return problem(HttpStatus.BAD_REQUEST, "Bad request body", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request body", "the body is not readable JSON");
    }

    @ExceptionHandler(UnknownCall.class)
    ProblemDetail unknownCall(UnknownCall e) {
        log.warn("{}", e.getMessage());
        return problem(HttpStatus.NOT_FOUND, "Unknown call", e.getMessage());
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}

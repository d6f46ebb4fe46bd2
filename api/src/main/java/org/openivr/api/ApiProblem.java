package org.openivr.api;

import org.springframework.http.HttpStatus;

/** A request the management API refuses, answered as problem details with this status and title. */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String title;

    public ApiProblem(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request body", detail);
    }

    static ApiProblem unknownFlow(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Unknown flow", detail);
    }
}

package org.openivr.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the API as one JSON shape: RFC 9457 problem details ({@code application/problem+json} with
 * {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}). Spring MVC's own errors (unknown
 * path, wrong method or media type, missing header) take the same shape through {@link ResponseEntityExceptionHandler};
 * the API-key filter writes it with {@link #problemJson}.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ExceptionHandler(BadPayload.class)
    ProblemDetail badPayload(BadPayload e) {
        log.warn("rejected request: {}", e.getMessage());
        return problem(HttpStatus.BAD_REQUEST, "Bad request body", e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String detail = e.getCause() instanceof JsonProcessingException json
                ? "the body is not valid JSON: " + json.getOriginalMessage()
                : "the body is missing or not readable JSON";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request body", detail));
    }

    @ExceptionHandler(UnknownCall.class)
    ProblemDetail unknownCall(UnknownCall e) {
        log.warn("{}", e.getMessage());
        return problem(HttpStatus.NOT_FOUND, "Unknown call", e.getMessage());
    }

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail apiProblem(ApiProblem e) {
        if (e.status().is5xxServerError()) {
            log.error("{}: {}", e.title(), e.getMessage());
        } else {
            log.info("refused: {} ({})", e.getMessage(), e.status().value());
        }
        return problem(e.status(), e.title(), e.getMessage());
    }

    @ExceptionHandler(WorkflowNotFoundException.class)
    ProblemDetail workflowNotFound(WorkflowNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown call", "no call " + e.getExecution().getWorkflowId()
                + " on this platform");
    }

    /** Temporal cannot be reached (or refused the request): the platform cannot answer now. */
    @ExceptionHandler({WorkflowServiceException.class, StatusRuntimeException.class})
    ProblemDetail temporal(RuntimeException e) {
        StatusRuntimeException grpc = e instanceof StatusRuntimeException s ? s
                : e.getCause() instanceof StatusRuntimeException s ? s : null;
        if (grpc != null && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
            return problem(HttpStatus.NOT_FOUND, "Unknown call", "no such call on this platform");
        }
        log.error("Temporal request failed", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporal unavailable",
                "the platform cannot reach its workflow service right now; try again");
    }

    /** A bug of ours: logged in full, answered without internals. */
    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        log.error("request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the request failed on the platform; the log has the details");
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** The same shape as a {@link ProblemDetail} response, for code outside Spring MVC (filters). */
    static String problemJson(int status, String title, String detail, String instance) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "about:blank");
        node.put("title", title);
        node.put("status", status);
        node.put("detail", detail);
        if (instance != null) {
            node.put("instance", instance);
        }
        return node.toString();
    }
}

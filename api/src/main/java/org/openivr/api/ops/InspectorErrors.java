package org.openivr.api.ops;

import io.grpc.StatusRuntimeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The inspector's JSON when Temporal does not answer: 503, as problem details like the rest of the API. */
@RestControllerAdvice(assignableTypes = InspectorController.class)
public class InspectorErrors {

    @ExceptionHandler(StatusRuntimeException.class)
    ProblemDetail temporalUnavailable(StatusRuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Temporal did not answer: " + CallDirectory.shortError(e));
        problem.setTitle("Temporal unavailable");
        return problem;
    }
}

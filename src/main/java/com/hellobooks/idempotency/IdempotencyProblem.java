package com.hellobooks.idempotency;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The answers of the IETF draft's error cases, as problems like every other error. */
class IdempotencyProblem extends ErrorResponseException {

    private IdempotencyProblem(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    static IdempotencyProblem invalidKey(String why) {
        return new IdempotencyProblem(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key: " + why);
    }

    static IdempotencyProblem reusedForAnotherRequest() {
        return new IdempotencyProblem(HttpStatus.UNPROCESSABLE_CONTENT,
                "This Idempotency-Key was already used for another request (another path or body); use a new key");
    }

    /** A duplicate that raced the first request, which then ended without an answer to replay. */
    static IdempotencyProblem inFlight() {
        return new IdempotencyProblem(HttpStatus.CONFLICT,
                "A request with this Idempotency-Key was being processed at the same time; send it again");
    }

    /** The commit failed: the write may or may not have happened, and only a retry with the key can tell. */
    static IdempotencyProblem outcomeUnknown() {
        IdempotencyProblem problem = new IdempotencyProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "The database did not confirm the write; send the request again with the same Idempotency-Key");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return problem;
    }
}

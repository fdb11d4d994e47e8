package com.hellobooks.web.errors;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 400 for one bad field of a body or one bad query parameter, named in the message and in {@code errors}. */
public class InvalidRequestException extends ErrorResponseException {

    public InvalidRequestException(String field, String problem) {
        super(HttpStatus.BAD_REQUEST, problemFor(field, problem), null);
    }

    private static ProblemDetail problemFor(String field, String problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request: " + field + " " + problem);
        detail.setProperty("errors", List.of(new FieldProblem(field, problem)));
        return detail;
    }
}

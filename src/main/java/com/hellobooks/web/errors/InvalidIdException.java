package com.hellobooks.web.errors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 400 for a path id that is not a positive 64-bit integer: "Book cat invalid". */
public class InvalidIdException extends ErrorResponseException {

    public InvalidIdException(String resource, String rawId) {
        super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, resource + " " + rawId + " invalid"), null);
    }
}

package com.hellobooks.web.errors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 412: the client's If-Match names a version that is no longer the current one. */
public class PreconditionFailedException extends ErrorResponseException {

    public PreconditionFailedException(String resource, long id) {
        super(HttpStatus.PRECONDITION_FAILED, ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                resource + " " + id + " has changed since the ETag in If-Match; GET it again and retry"), null);
    }
}

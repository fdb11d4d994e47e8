package com.hellobooks.web.errors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404 for a row named in the path that does not exist: "Book 3 not found". */
public class ResourceNotFoundException extends ErrorResponseException {

    public ResourceNotFoundException(String resource, long id) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, resource + " " + id + " not found"), null);
    }
}

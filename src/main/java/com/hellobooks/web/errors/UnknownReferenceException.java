package com.hellobooks.web.errors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 422 for a well-formed body that points at a row that does not exist, such as a book's
 * {@code author_id}. Not a 404: the resource in the path is fine, its content is not.
 */
public class UnknownReferenceException extends ErrorResponseException {

    public UnknownReferenceException(String resource, long id) {
        super(HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, resource + " " + id + " not found"), null);
    }
}

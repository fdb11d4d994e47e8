package com.hellobooks.web.filters;

import java.io.IOException;

/**
 * Thrown while a body is read past the limit. An IOException because it surfaces inside
 * the JSON parser's reads; the exception handler finds it among the causes and answers 413.
 */
public class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super("Request body larger than " + limit + " bytes");
    }
}

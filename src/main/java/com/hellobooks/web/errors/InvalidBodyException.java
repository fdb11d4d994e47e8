package com.hellobooks.web.errors;

import org.springframework.validation.BindingResult;
import tools.jackson.core.JacksonException;

/**
 * A body that Spring MVC did not bind itself (a merge patch, applied to the current state)
 * and that turned out wrong: either it did not convert to the request record, or the record
 * breaks its constraints. Answered exactly as the same mistake in a PUT body would be.
 */
public class InvalidBodyException extends RuntimeException {

    private final JacksonException conversionError;
    private final BindingResult validationErrors;

    public InvalidBodyException(JacksonException conversionError) {
        super(conversionError.getOriginalMessage(), conversionError);
        this.conversionError = conversionError;
        this.validationErrors = null;
    }

    public InvalidBodyException(BindingResult validationErrors) {
        super("invalid request body");
        this.conversionError = null;
        this.validationErrors = validationErrors;
    }

    JacksonException conversionError() {
        return conversionError;
    }

    BindingResult validationErrors() {
        return validationErrors;
    }
}

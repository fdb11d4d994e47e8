package com.hellobooks.web.errors;

import com.hellobooks.database.retry.DatabaseFailures;
import com.hellobooks.database.retry.UnreachedDatabaseRetry;
import com.hellobooks.web.filters.CorrelationIdFilter;
import com.hellobooks.web.filters.RequestBodyTooLargeException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.DisconnectedClientHelper;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become HTTP errors: every error is an RFC 9457 problem
 * with the original API's {@code message}. Spring's own exceptions (405, 415, unknown path...)
 * come through {@link ResponseEntityExceptionHandler}; ours extend {@code ErrorResponseException}.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Seconds a client should wait before retrying while the database is away. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, BodyProblems.validation(ex.getFieldErrors(), ex.getTarget()), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = BodyProblems.findCause(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
            return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        return handleExceptionInternal(ex, BodyProblems.unreadable(ex), headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A converter that refused a request's value (a path id: {@code PathIdConverter}) reaches
     * here wrapped by Spring's binding; the problem it threw is the answer ("Book cat invalid").
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (ex.getMostSpecificCause() instanceof ErrorResponse refusal) {
            return handleExceptionInternal(ex, refusal.getBody(), headers, refusal.getStatusCode(), request);
        }
        return super.handleTypeMismatch(ex, headers, status, request);
    }

    /**
     * A client that went away while its answer was being written (a load generator closing its
     * connections, a closed browser tab): there is no one to answer and nothing wrong here, so
     * DEBUG instead of the WARN "Response already committed" Spring logs for each (the bench
     * counted 256 of them in one run, the only warnings in the log).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotWritable(HttpMessageNotWritableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            log.debug("Client went away before its response was written: {}", ex.getMessage());
            return null;
        }
        return super.handleHttpMessageNotWritable(ex, headers, status, request);
    }

    /** A merge patch that, applied, makes a body Spring MVC would have refused: the same answer. */
    @ExceptionHandler(InvalidBodyException.class)
    ResponseEntity<Object> handleInvalidBody(InvalidBodyException ex, WebRequest request) {
        ProblemDetail problem = ex.conversionError() != null
                ? BodyProblems.unreadable(ex.conversionError())
                : BodyProblems.validation(ex.validationErrors().getFieldErrors(), ex.validationErrors().getTarget());
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Two writers read the same version and the other one committed first. With If-Match the
     * client asked for exactly this check (412); without it, it is still a conflict to retry (409).
     */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> handleConcurrentWrite(OptimisticLockingFailureException ex, WebRequest request) {
        boolean conditional = request.getHeader(HttpHeaders.IF_MATCH) != null;
        HttpStatus status = conditional ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                "Changed by another request meanwhile; GET it again and retry");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), status, request);
    }

    /**
     * Tomcat decodes the query string when a parameter is first asked for, so a broken
     * percent-escape ({@code ?title=%zz}) surfaces during argument binding, as its exception and
     * with the status it means (400). Its message quotes the request, so the answer is a fixed text.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> handleUnreadableParameters(InvalidParameterException ex, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(ex.getErrorCode());
        if (status == null || !status.is4xxClientError()) {
            status = HttpStatus.BAD_REQUEST;
        }
        // Decoding failures carry their cause; Tomcat's other refusal here is too many parameters.
        String detail = status != HttpStatus.BAD_REQUEST ? status.getReasonPhrase()
                : ex.getCause() != null ? "Malformed query string: not valid percent-encoding"
                : "Invalid request: the query parameters could not be read";
        return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(status, detail), new HttpHeaders(), status, request);
    }

    /** The database is down or out of connections: the client may retry, and should be told when. */
    private ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
        if (request.getAttribute(UnreachedDatabaseRetry.ATTEMPTS, RequestAttributes.SCOPE_REQUEST) != null
                && DatabaseFailures.wroteNothingBeforeCommit(ex)) {
            // a failover: one attempt of many, not yet the client's answer
            log.debug("Database unavailable, the attempt runs again: {}", ex.getMessage());
        } else {
            log.warn("Database unavailable: {}", ex.getMessage());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database is unavailable; try again shortly");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    /** A constraint the database enforces and the request broke, e.g. a row deleted by someone else meanwhile. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleConflict(DataIntegrityViolationException ex, WebRequest request) {
        log.info("Request conflicts with the database: {}", ex.getMostSpecificCause().getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The request conflicts with the current state of the data; reload and try again");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    /**
     * A database that is gone or out of connections ({@link DatabaseFailures} alone decides) is a
     * 503; anything else is our bug: log it with the correlation id the client also gets, and say
     * nothing more.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        if (DatabaseFailures.databaseUnavailable(ex)) {
            return databaseUnavailable(ex, request);
        }
        String correlationId = CorrelationIdFilter.currentId();
        log.error("Unexpected error, correlation id {}", correlationId, ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error; quote correlation id " + correlationId + " when reporting it");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** Every problem, ours or Spring's, also carries {@code message} and the request's correlation id. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.complete(problem, statusCode);
            // Set here, the type holds whatever the client's Accept says (even application/xml,
            // or a header that does not parse), instead of leaving an error without a body.
            HttpHeaders withType = new HttpHeaders();
            withType.addAll(headers);
            withType.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return super.createResponseEntity(body, withType, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}

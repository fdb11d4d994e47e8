package com.hellobooks.web;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.hellobooks.database.retry.DatabaseFailures;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.hibernate.exception.JDBCConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
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
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.DisconnectedClientHelper;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;

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
        return handleExceptionInternal(ex, validationProblem(ex.getFieldErrors(), ex.getTarget()), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = findCause(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
            return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        return handleExceptionInternal(ex, unreadableBodyProblem(ex), headers, HttpStatus.BAD_REQUEST, request);
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
                ? unreadableBodyProblem(ex.conversionError())
                : validationProblem(ex.validationErrors().getFieldErrors(), ex.validationErrors().getTarget());
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

    private static ProblemDetail validationProblem(List<FieldError> fieldErrors, Object target) {
        List<FieldError> errors = inDeclarationOrder(fieldErrors, target);
        // The original API's clients compare against "Invalid request: missing title" for a
        // missing or null required field, so that case keeps its own wording.
        Optional<FieldError> missing = errors.stream().filter(error -> error.getRejectedValue() == null).findFirst();
        String message = missing
                .map(error -> "Invalid request: missing " + jsonName(error.getField()))
                .orElseGet(() -> "Invalid request: " + jsonName(errors.get(0).getField()) + " " + errors.get(0).getDefaultMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setProperty("errors", errors.stream()
                .map(error -> new FieldProblem(jsonName(error.getField()), error.getRejectedValue() == null ? "is missing" : error.getDefaultMessage()))
                .toList());
        return problem;
    }

    private static ProblemDetail unreadableBodyProblem(Throwable ex) {
        MismatchedInputException mismatch = findCause(ex, MismatchedInputException.class);
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            return new InvalidRequestException(jsonPath(mismatch), "must be " + describe(mismatch.getTargetType())).getBody();
        }
        InputCoercionException outOfRange = findCause(ex, InputCoercionException.class);
        if (outOfRange != null && !outOfRange.getPath().isEmpty()) {
            // a number too large for a 64-bit id
            return new InvalidRequestException(jsonPath(outOfRange), "is out of range").getBody();
        }
        String message;
        if (mismatch != null) {
            message = "Malformed request body: expected a JSON object";
        } else if (findCause(ex, JacksonException.class) == null) {
            message = "Malformed request body: the body is empty";
        } else {
            message = "Malformed request body: not valid JSON";
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
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
    @ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            JDBCConnectionException.class, SQLTransientConnectionException.class })
    ResponseEntity<Object> handleDatabaseUnavailable(Exception ex, WebRequest request) {
        log.warn("Database unavailable: {}", ex.getMessage());
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

    /** Anything else is our bug: log it with the correlation id the client also gets, and say nothing more. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        if (DatabaseFailures.databaseUnavailable(ex)) {
            return handleDatabaseUnavailable(ex, request);
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

    private static List<FieldError> inDeclarationOrder(List<FieldError> errors, Object target) {
        List<String> order = target != null && target.getClass().isRecord()
                ? Arrays.stream(target.getClass().getRecordComponents()).map(component -> component.getName()).toList()
                : List.of();
        List<FieldError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(error -> order.indexOf(error.getField())));
        return sorted;
    }

    private static String jsonPath(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "of type " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** camelCase Java names to the snake_case JSON names clients see. */
    static String jsonName(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}

package com.hellobooks.web.errors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The 400s of a request body: one that did not bind (not JSON, a wrong type, a number out of
 * range) and one that broke its record's constraints. Shared by Spring MVC's own binding and
 * {@code JsonMergePatch}, whose patched bodies must get the same answers as a PUT body.
 */
final class BodyProblems {

    private BodyProblems() {
    }

    static ProblemDetail validation(List<FieldError> fieldErrors, Object target) {
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

    static ProblemDetail unreadable(Throwable ex) {
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

    private static String jsonName(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}

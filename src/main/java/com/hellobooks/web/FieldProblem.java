package com.hellobooks.web;

/** One entry of a 400's {@code errors} list: the JSON name of the field and what is wrong with it. */
public record FieldProblem(String field, String message) {
}

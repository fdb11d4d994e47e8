package com.hellobooks.web.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.core.annotation.AliasFor;

/**
 * A path variable that holds an id, of type {@link Id}: {@link PathIdConverter} reads it, or
 * answers the 400 "Book cat invalid" that names the {@link #resource()}. Described as what the
 * API accepts there: a positive 64-bit integer. Its example, 1, names a row that exists once the
 * description's own POST examples have run against a fresh database.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Parameter(in = ParameterIn.PATH, required = true,
        schema = @Schema(example = "1", type = "integer", format = "int64", minimum = "1", maximum = PathId.MAX_ID))
public @interface PathId {

    /** The largest id: PostgreSQL's bigint, Java's long. */
    String MAX_ID = "9223372036854775807";

    /** What the id names, as the 400 for a bad one says it: "Book" in "Book cat invalid". */
    String resource();

    /** The parameter's description, such as "The book's id; anything but a positive integer is a 400". */
    @AliasFor(annotation = Parameter.class, attribute = "description")
    String description();
}

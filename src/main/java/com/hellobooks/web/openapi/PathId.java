package com.hellobooks.web.openapi;

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
 * A path variable that holds an id, described as what the API accepts there: a positive
 * 64-bit integer (anything else is a 400). Its example, 1, names a row that exists once the
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

    /** What the id names, such as "The book's id; anything but a positive integer is a 400". */
    @AliasFor(annotation = Parameter.class, attribute = "description")
    String value();
}

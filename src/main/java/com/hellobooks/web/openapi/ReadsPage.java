package com.hellobooks.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * GET of a list: one page, a plain JSON array of at most {@code limit} rows, and a {@code Link}
 * to the next page while there is one. {@link ApiOperationCustomizer} bounds the array by
 * {@code ListRequest.MAX_LIMIT}. The list's own {@code sort} values are declared on its
 * method, with the filters.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@ApiResponse(responseCode = "200", description = "One page of the list",
        headers = @Header(name = "Link", description = "`<...>; rel=\"next\"` (RFC 8288) while more rows exist: the same request "
                + "with the next `cursor`; absent on the last page",
                schema = @Schema(type = "string", maxLength = ReadsPage.MAX_LINK)))
public @interface ReadsPage {

    /** The request's own path and query (at most {@link ReadsOne#MAX_HEADER}) with another cursor. */
    int MAX_LINK = ReadsOne.MAX_HEADER + 1_024;
}

package com.hellobooks.web.json;

/** Rules every text field of a request body follows, for use in Bean Validation annotations. */
public final class TextRules {

    /**
     * PostgreSQL text cannot hold the NUL character (U+0000); without this rule such a string
     * would pass validation and fail in the database. Anchored for the OpenAPI description,
     * where a JSON Schema pattern matches anywhere in the text; Bean Validation matches the
     * whole text either way.
     */
    public static final String NO_NUL = "^[^\\x00]*$";
    public static final String NO_NUL_MESSAGE = "must not contain the NUL character (U+0000)";

    private TextRules() {
    }
}

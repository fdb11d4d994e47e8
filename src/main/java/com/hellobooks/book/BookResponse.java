package com.hellobooks.book;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.hellobooks.web.conditional.ETags;
import com.hellobooks.web.json.PathId;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * A book as clients see it. {@code author_id} and {@code author} are left out for a book
 * without an author, as the original API does; {@code genres} (names, in genre id order)
 * is left out while the book has none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookResponse(
        @Schema(requiredMode = REQUIRED, format = "int64", minimum = "1", maximum = PathId.MAX_ID, example = "1") long id,
        @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = 255, example = "Ocean Book") String title,
        @Schema(requiredMode = REQUIRED, maxLength = 10_000, example = "watr 4evr") String description,
        @Schema(format = "int64", minimum = "1", maximum = PathId.MAX_ID, example = "1",
                description = "The author's id; present only when the book has an author") @JsonProperty("author_id") Long authorId,
        @Schema(minLength = 1, maxLength = 255, example = "New Author 1",
                description = "The author's name; present only when the book has an author") String author,
        @ArraySchema(schema = @Schema(minLength = 1, maxLength = 255, example = "Fantasy"), maxItems = MAX_GENRES,
                arraySchema = @Schema(description = "The names of the book's genres, in genre id order; present only when it has any"))
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> genres) {

    /**
     * The description's bound on a book's genres, so that tools can check sizes. The API itself
     * refuses no link; a book in more genres than this would not fit the description.
     */
    static final int MAX_GENRES = 1_000;

    /** The ETag from the columns it depends on: the book's version, its author's and its genres' ids and versions (genres in id order). */
    static String etag(long version, Long authorId, long authorVersion, Long[] genreIds, Long[] genreVersions) {
        LongStream authorPart = authorId == null ? LongStream.empty() : LongStream.of(authorId, authorVersion);
        LongStream genreParts = IntStream.range(0, genreIds.length)
                .mapToObj(i -> LongStream.of(genreIds[i], genreVersions[i]))
                .flatMapToLong(pair -> pair);
        return ETags.of(version, LongStream.concat(authorPart, genreParts).toArray());
    }
}

package com.hellobooks.genre;

import com.hellobooks.database.ReadOnlyJdbc;
import com.hellobooks.web.paging.ListPage;
import com.hellobooks.web.paging.ListQuery;
import com.hellobooks.web.paging.ListRequest;
import org.springframework.stereotype.Component;

/** Pages of genres, each one SQL statement in autocommit ({@link ReadOnlyJdbc} says why). */
@Component
class GenreQueries {

    private final ReadOnlyJdbc jdbc;

    GenreQueries(ReadOnlyJdbc jdbc) {
        this.jdbc = jdbc;
    }

    ListPage<GenreResponse> page(String nameContains, ListRequest<GenreResponse> request) {
        return ListQuery.of(request).whereContains("g.name", "name", nameContains)
                .page(jdbc::sql, "SELECT g.id, g.name FROM genre g",
                        (row, n) -> new GenreResponse(row.getLong("id"), row.getString("name")));
    }
}

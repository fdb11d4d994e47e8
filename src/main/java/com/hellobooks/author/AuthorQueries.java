package com.hellobooks.author;

import com.hellobooks.database.ReadOnlyJdbc;
import com.hellobooks.web.paging.ListPage;
import com.hellobooks.web.paging.ListQuery;
import com.hellobooks.web.paging.ListRequest;
import org.springframework.stereotype.Component;

/** Pages of authors, each one SQL statement in autocommit ({@link ReadOnlyJdbc} says why). */
@Component
class AuthorQueries {

    private final ReadOnlyJdbc jdbc;

    AuthorQueries(ReadOnlyJdbc jdbc) {
        this.jdbc = jdbc;
    }

    ListPage<AuthorResponse> page(String nameContains, ListRequest<AuthorResponse> request) {
        return ListQuery.of(request).whereContains("a.name", "name", nameContains)
                .page(jdbc::sql, "SELECT a.id, a.name FROM author a",
                        (row, n) -> new AuthorResponse(row.getLong("id"), row.getString("name")));
    }
}

package com.hellobooks.author;

import com.hellobooks.database.NamedRowWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** POST, PUT, PATCH and DELETE of an author; a deleted author's books stay, without an author (ON DELETE SET NULL). */
@Component
class AuthorWrites extends NamedRowWrites<AuthorResponse> {

    AuthorWrites(JdbcClient jdbc) {
        super(jdbc, "author", AuthorResponse::new);
    }
}

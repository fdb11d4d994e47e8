package com.hellobooks.genre;

import com.hellobooks.database.NamedRowWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** POST, PUT, PATCH and DELETE of a genre; a deleted genre's books stay, only their links to it go (ON DELETE CASCADE on book_genre). */
@Component
class GenreWrites extends NamedRowWrites<GenreResponse> {

    GenreWrites(JdbcClient jdbc) {
        super(jdbc, "genre", GenreResponse::new);
    }
}

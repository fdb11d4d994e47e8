package com.hellobooks.book;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface BookRepository extends JpaRepository<Book, Long> {

    /**
     * One book with its author and genres, in one statement, for a change of its genre links (the
     * ETag needs their versions). A query string rather than an entity graph on a
     * derived query: Hibernate caches the translation of a string, but built a new criteria
     * query and translated it again on every call to the derived one.
     */
    @Query("select b from Book b left join fetch b.author left join fetch b.genres where b.id = :id")
    Optional<Book> findWithAuthorById(long id);
}

package com.hellobooks.author;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface AuthorRepository extends JpaRepository<Author, Long> {

    /** Deletes in one statement; the database unlinks the author's books (ON DELETE SET NULL). */
    @Modifying
    @Query("delete from Author a where a.id = :id")
    int deleteAuthorById(long id);
}

package com.hellobooks.genre;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface GenreRepository extends JpaRepository<Genre, Long> {

    /** Deletes in one statement; the database removes the genre's links to books (ON DELETE CASCADE). */
    @Modifying
    @Query("delete from Genre g where g.id = :id")
    int deleteGenreById(long id);
}

package com.hellobooks.book;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface BookRepository extends JpaRepository<Book, Long>, JpaSpecificationExecutor<Book> {

    /** One book with its author and genres, in one statement (the response shows their names). */
    @EntityGraph(attributePaths = { "author", "genres" })
    Optional<Book> findWithAuthorById(Long id);

    /** Deletes in one statement; returns how many rows went (0 or 1). */
    @Modifying
    @Query("delete from Book b where b.id = :id")
    int deleteBookById(long id);

    /**
     * Books with their authors joined in. Genres are not joined (a collection join would
     * multiply rows); they come in one more statement for the whole list, by batch fetching
     * (hibernate.default_batch_fetch_size).
     */
    @Override
    @EntityGraph(attributePaths = "author")
    List<Book> findAll(Specification<Book> filter, Sort sort);
}

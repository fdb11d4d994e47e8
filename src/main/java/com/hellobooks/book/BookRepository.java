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

    /** One book with its author, in one statement (the response shows the author's name). */
    @EntityGraph(attributePaths = "author")
    Optional<Book> findWithAuthorById(Long id);

    /** Deletes in one statement; returns how many rows went (0 or 1). */
    @Modifying
    @Query("delete from Book b where b.id = :id")
    int deleteBookById(long id);

    /** Books with their authors joined in, so a list is one statement however long it is. */
    @Override
    @EntityGraph(attributePaths = "author")
    List<Book> findAll(Specification<Book> filter, Sort sort);
}

package com.hellobooks.genre;

import java.util.LinkedHashSet;
import java.util.Set;

import com.hellobooks.book.Book;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "genre")
public class Genre {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Version
    private long version;

    // The inverse side of Book.genres: the links live in book_genre, owned by Book.
    @ManyToMany(mappedBy = "genres")
    private Set<Book> books = new LinkedHashSet<>();

    protected Genre() {
        // for JPA
    }

    public Genre(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public long getVersion() {
        return version;
    }

    public Set<Book> getBooks() {
        return books;
    }
}

-- The issue's SELECT ceiling: one row of book by primary key, nothing else (autocommit).
-- GET /books/{id} is held to at least 25% of this.
\set id random(1, :books)
SELECT id, title, description, author_id, version FROM book WHERE id = :id;

-- What GET /authors/{id}/books sends for an author with books (book/BookQueries): one
-- statement in autocommit, the first page of its books (limit 100, asked as 101) with the
-- author and genres. Only an empty page adds a second statement (does the author exist?).
\set a random(1, :authors)
SELECT b.id, b.title, b.description, b.version, b.author_id, a.name AS author_name, a.version AS author_version, g.ids AS genre_ids, g.names AS genre_names, g.versions AS genre_versions FROM book b LEFT JOIN author a ON a.id = b.author_id LEFT JOIN LATERAL (SELECT array_agg(g.id ORDER BY g.id) AS ids, array_agg(g.name ORDER BY g.id) AS names, array_agg(g.version ORDER BY g.id) AS versions FROM book_genre bg JOIN genre g ON g.id = bg.genre_id WHERE bg.book_id = b.id) g ON true WHERE b.author_id = :a ORDER BY b.id LIMIT 101;

-- What POST /books with an author_id sends: one INSERT in autocommit, the author joined in
-- the same statement for the response (book/BookWrites).
\set author_id random(1, :authors)
WITH b AS (
    INSERT INTO book (title, description, author_id, version) VALUES ('pgbench book', 'Written by pgbench. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.', :author_id, 0)
    RETURNING id, title, description, author_id, version)
SELECT b.id, b.title, b.description, b.author_id, b.version, a.name AS author_name, a.version AS author_version
FROM b LEFT JOIN author a ON a.id = b.author_id;

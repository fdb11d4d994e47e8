-- The issue's INSERT ceiling: one row into book (autocommit, so one commit per row).
-- POST /books is held to at least 25% of this.
\set author_id random(1, :authors)
INSERT INTO book (title, description, author_id, version)
VALUES ('pgbench book', 'Written by pgbench. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.', :author_id, 0);

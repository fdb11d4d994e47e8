-- What POST /books with an author_id sends: look the author up, insert, commit.
\set author_id random(1, :authors)
BEGIN;
select a1_0.id,a1_0.name,a1_0.version from author a1_0 where a1_0.id=:author_id;
insert into book (author_id,description,title,version) values (:author_id,'Written by pgbench. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.','pgbench book',0) RETURNING *;
COMMIT;

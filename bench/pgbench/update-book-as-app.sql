-- What PUT /books/{id} with If-Match sends for a book without an author (every 5th id, as the
-- wrk script uses): read the book with author and genres (the app compares the ETag made from
-- its version), then the versioned update, then commit. The columns are given aliases only
-- so that \gset can take the version.
\set k random(1, :books / 5)
\set id 5 * :k
BEGIN;
select b1_0.id as book_id,a1_0.id as author_id,a1_0.name,a1_0.version as author_version,b1_0.description,g1_0.book_id as genre_book_id,g1_1.id as genre_id,g1_1.name as genre_name,g1_1.version as genre_version,b1_0.title,b1_0.version from book b1_0 left join author a1_0 on a1_0.id=b1_0.author_id left join book_genre g1_0 on b1_0.id=g1_0.book_id left join genre g1_1 on g1_1.id=g1_0.genre_id where b1_0.id=:id \gset
update book set author_id=NULL,description='Written by pgbench. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.',title='pgbench title',version=:version + 1 where id=:id and version=:version;
COMMIT;

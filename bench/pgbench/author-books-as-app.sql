-- What GET /authors/{id}/books sends: does the author exist, the first page of its books
-- (limit 100, asked as 101 to know whether a next page exists) with the author joined, and
-- the genres of the page's books in one batch. The app passes the page's ids as an array;
-- here they are computed from the seed's layout (author a has the books 5k+1..5k+4 for every
-- k with k % authors = a - 1; see run.sh), which costs PostgreSQL no table access.
\set a random(1, :authors)
BEGIN READ ONLY;
select count(*) from author a1_0 where a1_0.id=:a;
select b1_0.id,a1_0.id,a1_0.name,a1_0.version,b1_0.description,b1_0.title,b1_0.version from book b1_0 left join author a1_0 on a1_0.id=b1_0.author_id where b1_0.author_id=:a and 1=1 order by b1_0.id fetch first 101 rows only;
select g1_0.book_id,g1_1.id,g1_1.name,g1_1.version from book_genre g1_0 join genre g1_1 on g1_1.id=g1_0.genre_id where g1_0.book_id = any (array(select 5 * k + j from generate_series(:a - 1, :books / 5 - 1, :authors) k, generate_series(1, 4) j));
COMMIT;

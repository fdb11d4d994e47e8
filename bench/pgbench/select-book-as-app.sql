-- What GET /books/{id} sends, statement for statement (as seen in the server log): a
-- read-only transaction around Hibernate's fetch of the book with its author and genres.
\set id random(1, :books)
BEGIN READ ONLY;
select b1_0.id,a1_0.id,a1_0.name,a1_0.version,b1_0.description,g1_0.book_id,g1_1.id,g1_1.name,g1_1.version,b1_0.title,b1_0.version from book b1_0 left join author a1_0 on a1_0.id=b1_0.author_id left join book_genre g1_0 on b1_0.id=g1_0.book_id left join genre g1_1 on g1_1.id=g1_0.genre_id where b1_0.id=:id;
COMMIT;

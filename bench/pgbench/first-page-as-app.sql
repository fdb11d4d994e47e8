-- What GET /books?limit=100 sends: the first 101 books by id with their authors, then the
-- genres of the 100 shown (the app passes their ids, 1..100 on the seeded table, as an array).
BEGIN READ ONLY;
select b1_0.id,a1_0.id,a1_0.name,a1_0.version,b1_0.description,b1_0.title,b1_0.version from book b1_0 left join author a1_0 on a1_0.id=b1_0.author_id where 1=1 order by b1_0.id fetch first 101 rows only;
select g1_0.book_id,g1_1.id,g1_1.name,g1_1.version from book_genre g1_0 join genre g1_1 on g1_1.id=g1_0.genre_id where g1_0.book_id = any ('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100}'::bigint[]);
COMMIT;

-- Every index of every table with its columns in index order. origin: c (CREATE INDEX),
-- u (UNIQUE constraint), pk (PRIMARY KEY). An expression column has a NULL name.
SELECT m.name AS relation, il.name AS index_name, il."unique" AS is_unique, il.origin, il.partial,
       ii.seqno, ii.name AS column_name
FROM sqlite_schema AS m
JOIN pragma_index_list(m.name) AS il
JOIN pragma_index_info(il.name) AS ii
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND COALESCE(m.sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'
ORDER BY m.name, il.name, ii.seqno

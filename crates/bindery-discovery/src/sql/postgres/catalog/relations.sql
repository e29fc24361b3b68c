-- Every table-like relation of the chosen schemas ($1), with its comment. relkind: r table,
-- p partitioned table, v view, m materialized view, f foreign table (anything else is reported).
-- Partitions are folded into their parent: the parent is the table a query names.
SELECT n.nspname::text AS namespace, c.relname::text AS name, c.relkind::text AS kind,
       d.description AS comment
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description AS d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY($1::text[])
  AND c.relkind NOT IN ('i', 'I', 'S', 'c', 't')
  AND NOT c.relispartition
ORDER BY 1, 2

-- Every valid index of those relations with its key columns in index order (INCLUDE columns
-- left out; an expression is a NULL name), whether it is unique or partial, its access method
-- (btree, hash, gin, gist, brin, spgist, ...) and the constraint that made it (p primary key,
-- u unique, x exclusion, '' CREATE INDEX). The key columns are
-- unnested WITH ORDINALITY, named, and aggregated back in order.
SELECT n.nspname::text AS namespace, c.relname::text AS relation, ic.relname::text AS name,
       i.indisunique AS is_unique, i.indpred IS NOT NULL AS partial,
       COALESCE(k.contype::text, '') AS constraint_kind, am.amname::text AS method,
       array_agg(a.attname::text ORDER BY u.ord) AS columns
FROM pg_catalog.pg_index AS i
JOIN pg_catalog.pg_class AS ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am AS am ON am.oid = ic.relam
JOIN pg_catalog.pg_class AS c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS u(attnum, ord)
LEFT JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = u.attnum
LEFT JOIN pg_catalog.pg_constraint AS k
  ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')
WHERE n.nspname = ANY($1::text[])
  AND c.relkind NOT IN ('i', 'I', 'S', 'c', 't')
  AND NOT c.relispartition
  AND i.indisvalid
  AND u.ord <= i.indnkeyatts
GROUP BY i.indexrelid, i.indrelid, n.nspname, c.relname, ic.relname, i.indisunique, partial,
         k.contype, am.amname
ORDER BY i.indrelid, ic.relname

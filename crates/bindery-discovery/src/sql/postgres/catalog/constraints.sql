-- Every constraint of those relations: p primary key, u unique, f foreign key, c check (others
-- are reported or ignored by the code). Columns in key order: conkey and confkey are unnested
-- together WITH ORDINALITY (for a foreign key the two lists pair up), named, and aggregated back
-- in order. Constraints cloned from a parent (on partitions, or onto the referencing table for
-- each partition of a referenced partitioned table) have conparentid <> 0 and are left out: the
-- parent's constraint stands for them.
SELECT n.nspname::text AS namespace, c.relname::text AS relation, k.conname::text AS name,
       k.contype::text AS kind,
       COALESCE(array_agg(a.attname::text ORDER BY u.ord) FILTER (WHERE u.attnum IS NOT NULL),
                ARRAY[]::text[]) AS columns,
       rn.nspname::text AS referenced_namespace, r.relname::text AS referenced_table,
       COALESCE(array_agg(fa.attname::text ORDER BY u.ord) FILTER (WHERE u.fattnum IS NOT NULL),
                ARRAY[]::text[]) AS referenced_columns,
       CASE WHEN k.contype = 'c' THEN pg_catalog.pg_get_constraintdef(k.oid) END AS definition
FROM pg_catalog.pg_constraint AS k
JOIN pg_catalog.pg_class AS c ON c.oid = k.conrelid
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class AS r ON r.oid = k.confrelid
LEFT JOIN pg_catalog.pg_namespace AS rn ON rn.oid = r.relnamespace
LEFT JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(attnum, fattnum, ord) ON true
LEFT JOIN pg_catalog.pg_attribute AS a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
LEFT JOIN pg_catalog.pg_attribute AS fa ON fa.attrelid = k.confrelid AND fa.attnum = u.fattnum
WHERE n.nspname = ANY($1::text[])
  AND c.relkind NOT IN ('i', 'I', 'S', 'c', 't')
  AND NOT c.relispartition
  AND k.conparentid = 0
GROUP BY k.oid, k.conrelid, n.nspname, c.relname, k.conname, k.contype, rn.nspname, r.relname
ORDER BY k.conrelid, k.conname

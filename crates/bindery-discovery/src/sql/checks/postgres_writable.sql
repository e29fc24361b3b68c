-- Tables in the chosen schemas ($1; all non-system when empty) the login could change, and one
-- example name.
SELECT count(*)::bigint, min(n.nspname || '.' || c.relname)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND CASE WHEN cardinality($1::text[]) > 0 THEN n.nspname = ANY($1::text[])
           ELSE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') END
  AND has_schema_privilege(n.oid, 'USAGE')
  AND (has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE')
       OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE'))

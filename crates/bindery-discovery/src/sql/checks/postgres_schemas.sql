-- Schemas the login can see: the requested ones ($1), or every non-system schema when $1 is
-- empty, with whether the login may use them.
SELECT n.nspname::text, has_schema_privilege(n.oid, 'USAGE')
FROM pg_catalog.pg_namespace n
WHERE CASE WHEN cardinality($1::text[]) > 0 THEN n.nspname = ANY($1::text[])
           ELSE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%' END
ORDER BY n.nspname

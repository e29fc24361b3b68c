-- Whether the login is a superuser, owns the database, and how many tables of the chosen
-- schemas ($1; all non-system when empty) it owns.
SELECT r.rolsuper,
       (SELECT d.datdba = r.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database()),
       (SELECT count(*)::bigint FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p', 'v', 'm') AND c.relowner = r.oid
           AND CASE WHEN cardinality($1::text[]) > 0 THEN n.nspname = ANY($1::text[])
                    ELSE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') END)
FROM pg_catalog.pg_roles r
WHERE r.rolname = current_user

-- The server version and every schema of the database except the system ones, with whether the
-- login may use it (USAGE). Always at least one row: the version comes back with no schema.
SELECT v.server_version, n.nspname::text AS name, has_schema_privilege(n.oid, 'USAGE') AS usable
FROM (SELECT current_setting('server_version') AS server_version) AS v
LEFT JOIN pg_catalog.pg_namespace AS n
  ON n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
 AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
ORDER BY name

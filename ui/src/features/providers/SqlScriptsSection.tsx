import { useState, type KeyboardEvent } from "react";
import { useSqlScripts } from "../../api/hooks";
import type { SqlScript } from "../../api/types";
import { Button, CopyButton, ErrorPanel, IconKey, IconRefresh, TextField } from "../../components/ui";

export type DatabaseEngine = "postgres" | "mysql";

const engineLabel: Record<DatabaseEngine, string> = { postgres: "PostgreSQL", mysql: "MySQL / MariaDB" };

/** `a, b,,c ` -> `a,b,c`. */
export function tablesParam(input: string): string {
  return input
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter(Boolean)
    .join(",");
}

/**
 * "Create a least-privilege login…" in the Add dialog of a database: the SQL an administrator runs
 * (a read-only login, and optionally one that may write some tables), with the password generated
 * for it. Nothing here is stored: the scripts and the password go when the dialog closes, and each
 * generation makes a new password.
 */
export function SqlScriptsSection({ engine, database, id }: { engine: DatabaseEngine; database: string; id?: string }) {
  const [open, setOpen] = useState(false);
  const [tables, setTables] = useState("");
  const scripts = useSqlScripts();
  const db = database.trim();

  const generate = () => {
    if (!db) return;
    const t = tablesParam(tables);
    scripts.mutate({ kind: engine, query: { database: db, ...(t ? { tables: t } : {}) } });
  };

  if (!open) {
    return (
      <section id={id} tabIndex={-1} className="sql-scripts sql-scripts-closed" data-testid="sql-scripts" aria-label="Least-privilege login">
        <Button
          size="sm"
          icon={<IconKey size={14} />}
          onClick={() => {
            setOpen(true);
            generate();
          }}
          data-testid="sql-scripts-open"
        >
          Create a least-privilege login…
        </Button>
        <span className="faint">SQL to run as an administrator, so Bindery reads with the fewest rights.</span>
      </section>
    );
  }

  const data = scripts.data;
  const shownFor = scripts.variables?.query;
  const stale = data !== undefined && shownFor !== undefined && (shownFor.database !== db || (shownFor.tables ?? "") !== tablesParam(tables));

  return (
    <section id={id} tabIndex={-1} className="sql-scripts" data-testid="sql-scripts" data-open aria-labelledby="sql-scripts-title">
      <div className="sql-scripts-head">
        <h3 className="sql-scripts-title" id="sql-scripts-title">
          Least-privilege login for {engineLabel[engine]}
        </h3>
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Hide
        </Button>
      </div>
      {!db ? (
        <p className="muted" data-testid="sql-scripts-need-database">
          Type the database name above first: the scripts grant access to that database.
        </p>
      ) : (
        <p className="muted">
          Run the script as an administrator of <code>{shownFor?.database ?? db}</code>, then type the login and its password in
          this form.
        </p>
      )}

      <div className="sql-scripts-tables">
        <TextField
          label="Tables this login may write"
          help="Optional, comma-separated. Adds a second script for a login that may also insert and update these tables only."
          mono
          spellCheck={false}
          autoComplete="off"
          placeholder="orders, order_items"
          value={tables}
          onChange={(e) => setTables(e.target.value)}
          onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
            // Enter here makes the scripts; it must not submit the connect form around it.
            if (e.key === "Enter") {
              e.preventDefault();
              generate();
            }
          }}
          name="sql-tables"
          data-testid="sql-scripts-tables"
        />
        <Button
          size="sm"
          icon={<IconRefresh size={14} />}
          onClick={generate}
          disabled={!db}
          loading={scripts.isPending}
          data-testid="sql-scripts-generate"
        >
          {data ? "Generate again" : "Generate scripts"}
        </Button>
      </div>

      {scripts.isError && <ErrorPanel error={scripts.error} title="Could not make the scripts" compact />}
      {stale && (
        <p className="sql-scripts-stale" role="status" data-testid="sql-scripts-stale">
          These scripts are for what you typed before. Generate them again for the current database and tables (with a new
          password).
        </p>
      )}

      {data && (
        <>
          <ScriptBlock title="Read-only login" script={data.readOnly} testId="sql-script-readonly" target="readonly" />
          {data.write && (
            <ScriptBlock
              title={`Login that may write ${data.write.tables?.join(", ") ?? "some tables"}`}
              script={data.write}
              testId="sql-script-write"
              target="write"
            />
          )}
          {data.generatedPassword !== undefined && (
            <div className="generated-password" data-testid="generated-password">
              <div className="generated-password-row">
                <span className="generated-password-label">Password in the scripts</span>
                <code className="generated-password-value" data-testid="generated-password-value">
                  {data.generatedPassword}
                </code>
                <CopyButton text={data.generatedPassword} data-testid="sql-script-copy" data-target="password" aria-label="Copy the password" />
              </div>
              <p className="faint">
                Shown once: Bindery does not store it. Keep it until you type it in the password field; generating the scripts again
                makes a new one.
              </p>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ScriptBlock({ title, script, testId, target }: { title: string; script: SqlScript; testId: string; target: string }) {
  return (
    <div className="sql-script" data-role={script.role}>
      <div className="sql-script-head">
        <span className="sql-script-title">
          {title} <code>{script.role}</code>
        </span>
        <CopyButton text={script.sql} data-testid="sql-script-copy" data-target={target} aria-label={`Copy the script for ${script.role}`} />
      </div>
      <pre className="sql-script-code" data-testid={testId} tabIndex={0}>
        <code>{script.sql}</code>
      </pre>
    </div>
  );
}

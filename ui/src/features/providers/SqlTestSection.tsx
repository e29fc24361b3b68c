import { useState, type ReactNode } from "react";
import { useSqlConnectionTest } from "../../api/hooks";
import type { SqlCheck, SqlCheckStatus, SqlEngine, SqlTestResult } from "../../api/types";
import { Badge, Button, ErrorPanel, IconAlert, IconArrowRight, IconCheck, IconKey, IconMinus, IconPlug, IconX, type BadgeTone } from "../../components/ui";
import { formatDuration, plural } from "../../lib/format";

/** What a person reads for each check of `sql/test`. */
export const checkLabels: Readonly<Record<string, string>> = {
  settings: "Settings",
  hostResolves: "Host resolves",
  portReachable: "Port reachable",
  authentication: "Authentication",
  tls: "TLS",
  serverVersion: "Server version",
  schemasVisible: "Schemas visible",
  cannotWrite: "Cannot write",
  notSuperuser: "Not a superuser",
};

/** A check a newer core added: its name, as it is. */
export const checkLabel = (name: string): string => (Object.prototype.hasOwnProperty.call(checkLabels, name) ? checkLabels[name]! : name);

const statusView: Record<SqlCheckStatus, { label: string; tone: BadgeTone; icon: ReactNode }> = {
  passed: { label: "Passed", tone: "success", icon: <IconCheck size={12} /> },
  failed: { label: "Failed", tone: "danger", icon: <IconX size={12} /> },
  skipped: { label: "Skipped", tone: "neutral", icon: <IconMinus size={12} /> },
};

/** The form fields the test needs before it can run. */
export const SQL_TEST_REQUIRED = ["host", "database", "user"] as const;

/** `a`, `a and b`, `a, b and c`. */
const andList = (items: readonly string[]): string =>
  items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}` : (items[0] ?? "");

/** Checks whose failure means the login has more rights than Bindery needs. */
const PRIVILEGE_CHECKS = new Set(["cannotWrite", "notSuperuser"]);

export interface SqlTestSectionProps {
  engine: SqlEngine;
  /** The form's credentials, shaped as for connect (strings, trimmed, empty ones left out). */
  credentials: Record<string, string>;
  /** Which of `SQL_TEST_REQUIRED` the form has; each of them must be filled. */
  required: readonly string[];
  /** Changes whenever a credential of the form changes: a result for an older revision is dropped. */
  revision: number;
  /** The id of the least-privilege scripts section, for "create a least-privilege login". */
  scriptsId?: string;
}

/**
 * "Test connection" in the Add dialog of a database: the core tries the form's values (nothing is
 * stored) and answers with every check, in order. The password stays in the form (only connecting
 * clears it); the result goes as soon as a value of the form changes.
 */
export function SqlTestSection({ engine, credentials, required, revision, scriptsId }: SqlTestSectionProps) {
  const test = useSqlConnectionTest();
  const [testedRevision, setTestedRevision] = useState<number | null>(null);
  const ready = required.every((name) => (credentials[name] ?? "") !== "");
  const stale = testedRevision !== null && testedRevision !== revision;

  const run = () => {
    if (!ready) return;
    setTestedRevision(revision);
    test.mutate({ kind: engine, request: { sourceKind: engine, credentials: { ...credentials } } });
  };

  return (
    <section className="sql-test" data-testid="sql-test" aria-label="Test connection">
      <div className="sql-test-head">
        <Button size="sm" icon={<IconPlug size={14} />} onClick={run} disabled={!ready} loading={test.isPending} data-testid="sql-test-run">
          {test.data && !stale ? "Test again" : "Test connection"}
        </Button>
        <span className="faint">
          {ready
            ? "Tries these settings without saving anything."
            : `Type the ${andList(required)} to test the connection.`}
        </span>
      </div>
      {stale ? (
        <p className="sql-test-stale" role="status" data-testid="sql-test-stale">
          Settings changed since the test. Test again to check the current values.
        </p>
      ) : (
        <>
          {test.isError && <ErrorPanel error={test.error} title="Could not test the connection" compact />}
          {test.data && <SqlTestResultView result={test.data} scriptsId={scriptsId} />}
        </>
      )}
    </section>
  );
}

function SqlTestResultView({ result, scriptsId }: { result: SqlTestResult; scriptsId?: string }) {
  const failed = result.checks.filter((c) => c.status === "failed");
  const privilege = failed.filter((c) => PRIVILEGE_CHECKS.has(c.name)).map((c) => c.name);
  const summary = result.ok ? "All checks passed" : failed.length > 0 ? `${plural(failed.length, "check")} failed` : "Not every check passed";

  return (
    <div className="sql-test-result" data-testid="sql-test-result" data-ok={String(result.ok)}>
      <div className={["sql-test-banner", result.ok ? "sql-test-banner-ok" : "sql-test-banner-failed"].join(" ")} role="status">
        {result.ok ? <IconCheck size={16} /> : <IconAlert size={16} />}
        <span>{summary}</span>
      </div>
      {privilege.length > 0 && <PrivilegeNote failed={privilege} scriptsId={scriptsId} />}
      <ol className="sql-test-checks">
        {result.checks.map((check, i) => (
          <CheckRow key={`${check.name}-${i}`} check={check} />
        ))}
      </ol>
    </div>
  );
}

function CheckRow({ check }: { check: SqlCheck }) {
  const view = statusView[check.status] ?? { label: String(check.status), tone: "neutral" as const, icon: null };
  return (
    <li className="sql-test-check" data-testid="sql-test-check" data-name={check.name} data-status={check.status}>
      <Badge tone={view.tone} className="sql-test-status">
        {view.icon}
        {view.label}
      </Badge>
      <div className="sql-test-check-body">
        <span className="sql-test-check-name">{checkLabel(check.name)}</span>
        {check.detail && <span className="sql-test-check-detail">{check.detail}</span>}
        {check.code && <code className="sql-test-check-code">{check.code}</code>}
      </div>
      <span className="sql-test-check-time" title="Time the check took">
        {check.status === "skipped" ? "—" : formatDuration(check.elapsedMs)}
      </span>
    </li>
  );
}

/** Moves to the least-privilege scripts (above in the form) and puts the focus there. */
function showScripts(scriptsId: string) {
  const section = document.getElementById(scriptsId);
  if (!section) return;
  section.scrollIntoView?.({ behavior: "smooth", block: "center" });
  const target = section.querySelector<HTMLElement>("[data-testid='sql-scripts-open']") ?? section;
  target.focus({ preventScroll: true });
}

function PrivilegeNote({ failed, scriptsId }: { failed: string[]; scriptsId?: string }) {
  const canWrite = failed.includes("cannotWrite");
  const superuser = failed.includes("notSuperuser");
  const what =
    canWrite && superuser
      ? "This login is a superuser and can change data."
      : superuser
        ? "This login is a superuser: it bypasses every permission."
        : "This login can change data.";
  return (
    <div className="sql-test-privilege" data-testid="sql-test-privilege">
      <IconKey size={14} className="sql-test-privilege-icon" />
      <div className="sql-test-privilege-body">
        <p>
          {what} Bindery only needs to read. You can still connect, but a least-privilege login keeps a mistake from changing your
          database: the scripts above create one (run them as an administrator), then type that login and its password here.
        </p>
        {scriptsId && (
          <Button
            size="sm"
            variant="ghost"
            icon={<IconArrowRight size={14} />}
            onClick={() => showScripts(scriptsId)}
            data-testid="sql-test-scripts-link"
          >
            Go to the least-privilege login scripts
          </Button>
        )}
      </div>
    </div>
  );
}

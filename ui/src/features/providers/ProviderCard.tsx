import { navigate } from "../../app/router";
import { useConnectionHealth, useDiscover } from "../../api/hooks";
import type { ConnectionHealth, Integration } from "../../api/types";
import { Badge, Button, Card, ErrorPanel, IconAlert, IconArrowRight, IconCheck, IconDatabase, IconPlug, IconRefresh, IconX, type BadgeTone } from "../../components/ui";
import { formatCount, formatDateTime, plural } from "../../lib/format";
import { sourceLabel, statusLabel, statusTone } from "../../lib/labels";
import { DiagnosticsList } from "./DiagnosticsList";

export interface ProviderCardProps {
  integration: Integration;
  /** Opens the connect dialog for this provider again; absent when the catalog has no entry to connect it with. */
  onReconnect?: () => void;
  /** Asks to disconnect it (the screen confirms first). */
  onDisconnect?: () => void;
}

const healthTone: Record<ConnectionHealth["status"], BadgeTone> = { ok: "success", needs_reconnect: "warning", error: "danger" };
const healthTitle: Record<ConnectionHealth["status"], string> = {
  ok: "Connection works",
  needs_reconnect: "Needs a new sign-in",
  error: "Connection check failed",
};

export function ProviderCard({ integration: i, onReconnect, onDisconnect }: ProviderCardProps) {
  const discover = useDiscover();
  const health = useConnectionHealth(i.kind);
  const needsReconnect = i.status === "needs_reconnect" || health.data?.status === "needs_reconnect";
  const stats: [string, number | undefined][] = [
    ["Objects", i.summary?.objectCount],
    ["Fields", i.summary?.fieldCount],
    ["Relationships", i.summary?.edgeCount],
    ["Operations", i.summary?.operationCount],
  ];

  return (
    <Card className="provider-card" data-testid="provider-card" data-kind={i.kind} data-status={i.status}>
      <div className="provider-card-head">
        <div className="provider-icon" aria-hidden="true">
          <IconDatabase size={18} />
        </div>
        <div className="provider-title-block">
          <h3 className="provider-name">{i.displayName}</h3>
          <div className="provider-meta">
            <code>{i.kind}</code>
            <span aria-hidden="true">·</span>
            <span>{sourceLabel(i.sourceKind)}</span>
            {i.accountLabel && (
              <>
                <span aria-hidden="true">·</span>
                <span className="provider-account" data-testid="provider-account" title="The account this connection signed in as">
                  {i.accountLabel}
                </span>
              </>
            )}
          </div>
        </div>
        <div className="provider-badges">
          {i.demo && <Badge tone="violet">demo</Badge>}
          <Badge tone={statusTone[i.status] ?? "neutral"} data-testid="provider-status" data-status={i.status}>
            {statusLabel[i.status] ?? i.status}
          </Badge>
        </div>
      </div>

      {needsReconnect && (
        <div className="provider-needs-reconnect" data-testid="provider-needs-reconnect" role="alert">
          <IconAlert size={16} className="provider-needs-reconnect-icon" />
          <div className="provider-needs-reconnect-body">
            <strong>Needs a new sign-in.</strong>{" "}
            <span data-testid="provider-status-detail">
              {i.statusDetail ?? health.data?.detail ?? "The provider no longer accepts the stored sign-in."}
            </span>
          </div>
          {onReconnect && (
            <Button size="sm" variant="primary" icon={<IconPlug size={14} />} onClick={onReconnect} data-testid="provider-reconnect">
              Reconnect
            </Button>
          )}
        </div>
      )}

      <div className="provider-location mono" title={i.location}>
        {/* rtl on the box keeps the end of a long path visible; bdi keeps the path itself in order */}
        <bdi>{i.location}</bdi>
      </div>

      {i.summary ? (
        <dl className="provider-stats">
          {stats.map(([label, value]) => (
            <div key={label} className="provider-stat">
              <dt>{label}</dt>
              <dd data-stat={label.toLowerCase()}>{value === undefined ? "—" : formatCount(value)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <div className="provider-undiscovered">Not discovered yet. Run discovery to read its schema.</div>
      )}

      <div className="provider-foot">
        <span className="faint">
          {i.discoveredAt ? <>Discovered {formatDateTime(i.discoveredAt)}</> : <>Added {formatDateTime(i.createdAt)}</>}
          {i.fingerprint && (
            <>
              {" · "}
              <code title={`Schema fingerprint ${i.fingerprint}`}>{i.fingerprint.slice(0, 12)}</code>
            </>
          )}
        </span>
        <div className="provider-actions">
          <Button
            size="sm"
            icon={<IconRefresh size={14} />}
            loading={discover.isPending}
            onClick={() => discover.mutate({ kind: i.kind })}
            data-testid="rediscover"
          >
            {i.discoveredAt ? "Re-discover" : "Discover"}
          </Button>
          <Button
            size="sm"
            variant="primary"
            icon={<IconArrowRight size={14} />}
            onClick={() => navigate({ name: "browser", kind: i.kind, object: null })}
            data-testid="browse-schema"
          >
            Browse schema
          </Button>
        </div>
      </div>

      <div className="provider-manage">
        <Button
          size="sm"
          variant="ghost"
          icon={<IconCheck size={14} />}
          loading={health.isPending}
          onClick={() => health.mutate()}
          data-testid="provider-health"
        >
          Check connection
        </Button>
        {onDisconnect && (
          <Button size="sm" variant="ghost" className="provider-disconnect" icon={<IconX size={14} />} onClick={onDisconnect} data-testid="provider-disconnect">
            Disconnect
          </Button>
        )}
      </div>

      {health.isError && (
        <ErrorPanel compact error={health.error} title="Could not check the connection" onRetry={() => health.mutate()} retrying={health.isPending} />
      )}
      {health.data && !health.isPending && (
        <div className={`provider-health provider-health-${health.data.status}`} role="status" data-testid="health-result" data-status={health.data.status}>
          <Badge tone={healthTone[health.data.status]}>{health.data.status === "ok" ? "ok" : health.data.status.replace("_", " ")}</Badge>
          <span className="provider-health-text">
            <strong>{healthTitle[health.data.status]}:</strong> {health.data.detail}
            {health.data.code && (
              <>
                {" "}
                <code className="provider-health-code">{health.data.code}</code>
              </>
            )}
          </span>
          <button type="button" className="provider-health-dismiss" aria-label="Dismiss" onClick={() => health.reset()}>
            <IconX size={12} />
          </button>
        </div>
      )}

      {discover.isError && (
        <ErrorPanel
          compact
          error={discover.error}
          title="Discovery failed"
          onRetry={() => discover.mutate({ kind: i.kind })}
          retrying={discover.isPending}
        />
      )}
      {discover.isSuccess && (
        <div className="provider-discovered" role="status" data-testid="discover-result">
          Discovered {plural(discover.data.objectCount, "object")}, {plural(discover.data.operationCount, "operation")}
          {" · "}
          {plural(discover.data.diagnostics.length, "diagnostic")}
          <DiagnosticsList diagnostics={discover.data.diagnostics} max={5} />
        </div>
      )}
    </Card>
  );
}

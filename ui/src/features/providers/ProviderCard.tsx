import { navigate } from "../../app/router";
import { useDiscover } from "../../api/hooks";
import type { Integration } from "../../api/types";
import { Badge, Button, Card, ErrorPanel, IconArrowRight, IconDatabase, IconRefresh } from "../../components/ui";
import { formatCount, formatDateTime, plural } from "../../lib/format";
import { sourceLabel, statusTone } from "../../lib/labels";
import { DiagnosticsList } from "./DiagnosticsList";

export function ProviderCard({ integration: i }: { integration: Integration }) {
  const discover = useDiscover();
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
          </div>
        </div>
        <div className="provider-badges">
          {i.demo && <Badge tone="violet">demo</Badge>}
          <Badge tone={statusTone[i.status] ?? "neutral"} data-testid="provider-status">
            {i.status}
          </Badge>
        </div>
      </div>

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

import { useSubscriptions } from "../../api/hooks";
import { Badge } from "../../components/ui";
import { formatCount } from "../../lib/format";
import { DeprecatedBadge } from "./DeprecatedBadge";
import { OperationKindBadge } from "./OperationRow";

/**
 * GraphQL subscriptions: listed so people see what the API offers, never bindable (a skill is one
 * request and one answer). Renders nothing while loading, when there are none (every non-GraphQL
 * provider) and when the core answers an error (a core without the endpoint).
 */
export function SubscriptionsSection({ kind, onNavigate }: { kind: string; onNavigate: (object: string) => void }) {
  const subscriptions = useSubscriptions(kind);
  const list = subscriptions.data;
  if (!Array.isArray(list) || list.length === 0) return null;
  return (
    <section className="ops-group subscriptions" data-testid="subscriptions" data-count={list.length} aria-labelledby="subscriptions-title">
      <header className="subscriptions-head">
        <h3 id="subscriptions-title">Subscriptions</h3>
        <span className="faint">{formatCount(list.length)}</span>
        <Badge tone="neutral" title="A skill is one request and one answer; a subscription is a stream" data-testid="subscriptions-not-bindable">
          not bindable
        </Badge>
      </header>
      <p className="subscriptions-note muted">Listed for reference: subscriptions stream events and cannot be bound to a skill.</p>
      <ul className="ops-group-list">
        {list.map((op) => (
          <li
            key={op.id}
            className="ops-line"
            data-testid="subscription-row"
            data-id={op.id}
            data-deprecated={op.deprecated !== undefined || undefined}
            title={op.description}
          >
            <OperationKindBadge kind="subscription" />
            <code className={op.deprecated !== undefined ? "ops-line-path is-deprecated" : "ops-line-path"}>{op.id}</code>
            <span className="ops-line-title">
              {op.deprecated !== undefined && (
                <>
                  <DeprecatedBadge reason={op.deprecated} testId="operation-deprecated" />{" "}
                </>
              )}
              {op.title}
            </span>
            {op.object ? (
              <button type="button" className="link mono ops-line-object" onClick={() => onNavigate(op.object as string)}>
                {op.object}
              </button>
            ) : (
              <span />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

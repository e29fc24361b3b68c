import type { Argument, Field, Operation } from "../../api/types";
import { Badge } from "../../components/ui";
import { operationClassTone } from "../../lib/labels";
import { referencedObject, typeLabel } from "../../lib/typeLabel";
import { DeprecatedBadge } from "./DeprecatedBadge";

/** The HTTP method of a REST operation, coloured by what it does. */
export function HttpMethodBadge({ method }: { method: string }) {
  return (
    <span className={`http-method http-method-${method.toLowerCase()}`} data-testid="http-method">
      {method}
    </span>
  );
}

export type GraphqlOperationKind = "query" | "mutation" | "subscription";

const ROOT_KINDS: Record<string, GraphqlOperationKind> = { query: "query", mutation: "mutation", subscription: "subscription" };

/** Query, mutation or subscription, from the root type in the id (`Query.customers`) or the tag; null for other transports. */
export function graphqlOperationKind(op: Operation): GraphqlOperationKind | null {
  if (op.transport !== "native_graphql") return null;
  const root = op.id.includes(".") ? op.id.slice(0, op.id.indexOf(".")) : "";
  return ROOT_KINDS[root.toLowerCase()] ?? ROOT_KINDS[(op.tags?.[0] ?? "").toLowerCase()] ?? (op.class === "read" ? "query" : "mutation");
}

/** QUERY / MUTATION / SUBSCRIPTION: what the HTTP method badge is for REST. */
export function OperationKindBadge({ kind }: { kind: GraphqlOperationKind }) {
  return (
    <span className={`op-kind op-kind-${kind}`} data-testid="operation-kind-badge" data-kind={kind}>
      {kind.toUpperCase()}
    </span>
  );
}

/** The badge that says how an operation is called: HTTP method, GraphQL root, or nothing (SQL). */
export function OperationCallBadge({ op }: { op: Operation }) {
  const graphql = graphqlOperationKind(op);
  if (graphql) return <OperationKindBadge kind={graphql} />;
  if (op.http) return <HttpMethodBadge method={op.http.method} />;
  return null;
}

export function TypeLabel({ type, onNavigate }: { type: Field["type"]; onNavigate: (o: string) => void }) {
  const label = typeLabel(type);
  const target = referencedObject(type);
  if (target) {
    return (
      <button type="button" className="link mono type-label" onClick={() => onNavigate(target)} title={`Open ${target}`}>
        {label}
      </button>
    );
  }
  return (
    <code className="type-label" title={label}>
      {label}
    </code>
  );
}

function ArgumentChip({ arg }: { arg: Argument }) {
  return (
    <li className="arg" data-testid="argument" data-name={arg.name} data-deprecated={arg.deprecated !== undefined || undefined} title={arg.description}>
      <code className={arg.deprecated !== undefined ? "arg-name is-deprecated" : "arg-name"}>
        {arg.name}
        {arg.required && <span className="arg-required" title="required">*</span>}
      </code>
      <code className="faint">{typeLabel(arg.type)}</code>
      {arg.default !== undefined && <code className="faint arg-default">= {arg.default}</code>}
      <span className="arg-loc">{arg.location}</span>
      {arg.deprecated !== undefined && <DeprecatedBadge reason={arg.deprecated} testId="argument-deprecated" />}
      {arg.leadingIndex ? (
        <span className="arg-loc arg-index" title="Leading column of an index">
          leading index
        </span>
      ) : arg.indexed ? (
        <span className="arg-loc arg-index">indexed</span>
      ) : null}
    </li>
  );
}

export function OperationRow({ op, onNavigate }: { op: Operation; onNavigate: (o: string) => void }) {
  const inputObject = op.inputObject;
  return (
    <li
      className="op-row"
      data-testid="operation-row"
      data-id={op.id}
      data-class={op.class}
      data-deprecated={op.deprecated !== undefined || undefined}
    >
      <div className="op-head">
        <Badge tone={operationClassTone[op.class] ?? "neutral"} solid data-testid="operation-class">
          {op.class}
        </Badge>
        <OperationCallBadge op={op} />
        <span className={op.deprecated !== undefined ? "op-title is-deprecated" : "op-title"}>{op.title}</span>
        <span className="op-badges">
          {op.deprecated !== undefined && <DeprecatedBadge reason={op.deprecated} testId="operation-deprecated" />}
          {op.idempotent && <Badge>idempotent</Badge>}
          <Badge mono>{op.transport}</Badge>
          {op.limit !== undefined && <Badge mono>limit {op.limit}</Badge>}
          {op.index !== undefined && (
            <Badge mono title="The index that makes this operation fast" data-testid="operation-index">
              via {op.index}
            </Badge>
          )}
        </span>
      </div>
      <code className="op-id">
        {op.http && <span className="op-path">{op.http.path}</span>}
        {op.id}
      </code>
      {op.description && <p className="op-description">{op.description}</p>}
      {op.arguments.length > 0 ? (
        <ul className="args">
          {op.arguments.map((a) => (
            <ArgumentChip key={`${a.location}-${a.name}`} arg={a} />
          ))}
        </ul>
      ) : (
        <div className="faint op-noargs">No arguments</div>
      )}
      {(inputObject || op.returns) && (
        <div className="op-io">
          {inputObject && (
            <span>
              input{" "}
              <button type="button" className="link mono" onClick={() => onNavigate(inputObject)}>
                {inputObject}
              </button>
            </span>
          )}
          {op.returns && (
            <span>
              returns <TypeLabel type={op.returns} onNavigate={onNavigate} />
            </span>
          )}
        </div>
      )}
    </li>
  );
}

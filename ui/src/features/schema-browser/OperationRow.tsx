import type { Argument, Field, Operation } from "../../api/types";
import { Badge } from "../../components/ui";
import { operationClassTone } from "../../lib/labels";
import { referencedObject, typeLabel } from "../../lib/typeLabel";

/** The HTTP method of a REST operation, coloured by what it does. */
export function HttpMethodBadge({ method }: { method: string }) {
  return (
    <span className={`http-method http-method-${method.toLowerCase()}`} data-testid="http-method">
      {method}
    </span>
  );
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
    <li className="arg" data-testid="argument" data-name={arg.name} title={arg.description}>
      <code className="arg-name">
        {arg.name}
        {arg.required && <span className="arg-required" title="required">*</span>}
      </code>
      <code className="faint">{typeLabel(arg.type)}</code>
      <span className="arg-loc">{arg.location}</span>
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
    <li className="op-row" data-testid="operation-row" data-id={op.id} data-class={op.class}>
      <div className="op-head">
        <Badge tone={operationClassTone[op.class] ?? "neutral"} solid data-testid="operation-class">
          {op.class}
        </Badge>
        {op.http && <HttpMethodBadge method={op.http.method} />}
        <span className="op-title">{op.title}</span>
        <span className="op-badges">
          {op.idempotent && <Badge>idempotent</Badge>}
          <Badge mono>{op.transport}</Badge>
          {op.limit !== undefined && <Badge mono>limit {op.limit}</Badge>}
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

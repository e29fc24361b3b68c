import { useState } from "react";
import type { Argument, Field } from "../../api/types";
import { Badge, Button, IconBan } from "../../components/ui";
import { piiLabel } from "../../lib/labels";
import { DeprecatedBadge } from "./DeprecatedBadge";
import { TypeLabel } from "./OperationRow";

export interface FieldRowProps {
  field: Field;
  pk: boolean;
  fk: boolean;
  reference: boolean;
  onNavigate: (o: string) => void;
  /** "Block column": leave this field out of the schema. Absent: no actions column. */
  onBlock?: () => void;
  blockDisabled?: boolean;
}

/** One row of the fields table: name and markers, type, native type, null/required, default, data flags. */
export function FieldRow({ field: f, pk, fk, reference, onNavigate, onBlock, blockDisabled }: FieldRowProps) {
  const deprecated = f.deprecated !== undefined;
  return (
    <tr
      data-testid="field-row"
      data-name={f.name}
      data-pk={pk || undefined}
      data-fk={fk || undefined}
      data-pii={f.pii}
      data-sensitive={f.sensitive || undefined}
      data-deprecated={deprecated || undefined}
      className={deprecated ? "is-deprecated-row" : undefined}
    >
      <td className="field-name-cell">
        <div className="field-name">
          <code className={deprecated ? "is-deprecated" : undefined}>{f.name}</code>
          {pk && (
            <Badge tone="warning" title="Primary key" data-testid="badge-pk">
              PK
            </Badge>
          )}
          {fk && (
            <Badge tone="info" title="Foreign key: part of an outgoing relationship" data-testid="badge-fk">
              FK
            </Badge>
          )}
          {reference && (
            <Badge tone="info" title="Refers to another object" data-testid="badge-ref">
              ref
            </Badge>
          )}
          {f.deprecated !== undefined && <DeprecatedBadge reason={f.deprecated} testId="field-deprecated" />}
        </div>
        {f.description && <div className="field-description">{f.description}</div>}
        {f.arguments && f.arguments.length > 0 && <FieldArguments args={f.arguments} onNavigate={onNavigate} />}
        {!f.origin.startsWith("sqlite:") && (
          <div className="field-origin" title="Where the field is defined in the source" data-testid="field-origin">
            {f.origin}
          </div>
        )}
      </td>
      <td>
        <div className="field-type">
          <TypeLabel type={f.type} onNavigate={onNavigate} />
          {f.connection && (
            <Badge
              tone="teal"
              title={`Relay connection ${f.connection.object} via ${f.connection.path}`}
              data-testid="field-connection"
              data-object={f.connection.object}
              data-path={f.connection.path}
            >
              connection
            </Badge>
          )}
        </div>
      </td>
      <td>{f.nativeType ? <code className="faint">{f.nativeType}</code> : <span className="faint">—</span>}</td>
      <td>
        {f.required ? (
          <Badge tone="accent" data-testid="badge-required">
            required
          </Badge>
        ) : f.nullable ? (
          <span className="muted">nullable</span>
        ) : (
          <span className="muted">optional</span>
        )}
      </td>
      <td>{f.default !== undefined ? <code className="field-default">{f.default}</code> : <span className="faint">—</span>}</td>
      <td>
        <div className="field-flags">
          {f.role === "userErrors" && (
            <Badge
              tone="danger"
              title="The mutation's userErrors: why a write was refused. Never projected onto a parameter."
              data-testid="field-user-errors"
            >
              userErrors — not projectable
            </Badge>
          )}
          {f.pii !== "none" && (
            <Badge tone="violet" title={`Personal data: ${piiLabel[f.pii] ?? f.pii}`} data-testid="badge-pii">
              PII · {piiLabel[f.pii] ?? f.pii}
            </Badge>
          )}
          {f.sensitive && (
            <Badge tone="danger" title="Sensitive: never exported without a decision" data-testid="badge-sensitive">
              sensitive
            </Badge>
          )}
        </div>
      </td>
      {onBlock && (
        <td className="field-actions">
          <Button
            size="sm"
            variant="ghost"
            icon={<IconBan size={13} />}
            onClick={onBlock}
            disabled={blockDisabled}
            title={`Block ${f.name}: leave it out of the schema`}
            aria-label={`Block column ${f.name}`}
            data-testid="scoping-block-column"
          >
            Block
          </Button>
        </td>
      )}
    </tr>
  );
}

/** A GraphQL field's own arguments, collapsed to "(n args)" until opened. */
function FieldArguments({ args, onNavigate }: { args: Argument[]; onNavigate: (o: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="field-args" data-testid="field-arguments" data-count={args.length} data-expanded={open || undefined}>
      <button type="button" className="field-args-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="field-args-caret" aria-hidden="true">
          {open ? "▾" : "▸"}
        </span>
        ({args.length} {args.length === 1 ? "arg" : "args"})
      </button>
      {open && (
        <ul className="field-args-list">
          {args.map((a) => (
            <li
              key={a.name}
              className="field-arg"
              data-testid="field-argument"
              data-name={a.name}
              data-deprecated={a.deprecated !== undefined || undefined}
              title={a.description}
            >
              <code className={a.deprecated !== undefined ? "arg-name is-deprecated" : "arg-name"}>
                {a.name}
                {a.required && (
                  <span className="arg-required" title="required">
                    *
                  </span>
                )}
              </code>
              <span className="faint">: </span>
              <TypeLabel type={a.type} onNavigate={onNavigate} />
              {a.default !== undefined && (
                <>
                  <span className="faint"> = </span>
                  <code className="field-default">{a.default}</code>
                </>
              )}
              {a.deprecated !== undefined && <DeprecatedBadge reason={a.deprecated} testId="argument-deprecated" />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

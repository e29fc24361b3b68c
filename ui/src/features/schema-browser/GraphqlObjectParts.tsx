import type { EnumValue } from "../../api/types";
import { DeprecatedBadge } from "./DeprecatedBadge";

/** An enumeration's values in source order; deprecated ones struck through with the reason as tooltip. */
export function EnumValuesList({ values }: { values: EnumValue[] }) {
  return (
    <ul className="enum-values" data-testid="enum-values">
      {values.map((v) => (
        <li key={v.name} className="enum-value" data-testid="enum-value" data-name={v.name} data-deprecated={v.deprecated !== undefined || undefined}>
          <code className={v.deprecated !== undefined ? "enum-value-name is-deprecated" : "enum-value-name"}>{v.name}</code>
          {v.deprecated !== undefined && <DeprecatedBadge reason={v.deprecated} testId="enum-value-deprecated" />}
          {v.description && <span className="enum-value-description muted">{v.description}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Names of other objects as links (a union's members, an interface's implementations, implemented interfaces). */
export function ObjectLinkList({
  names,
  testId,
  linkTestId,
  label,
  onNavigate,
}: {
  names: string[];
  testId: string;
  linkTestId: string;
  label: string;
  onNavigate: (object: string) => void;
}) {
  return (
    <ul className="object-links" data-testid={testId} aria-label={label}>
      {names.map((name) => (
        <li key={name}>
          <button type="button" className="link mono" onClick={() => onNavigate(name)} data-testid={linkTestId} data-name={name}>
            {name}
          </button>
        </li>
      ))}
    </ul>
  );
}

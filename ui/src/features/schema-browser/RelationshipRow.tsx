import type { Relationship } from "../../api/types";
import { Badge, IconArrowLeft, IconArrowRight } from "../../components/ui";

const sourceLabel: Record<Relationship["source"], string> = {
  foreignKey: "foreign key",
  ref: "$ref",
  graphqlField: "GraphQL field",
  inferred: "inferred",
  implements: "implements",
  unionMember: "union member",
};

/** One relationship of an object, with a link to the object at the other end. */
export function RelationshipRow({ self, rel: r, onNavigate }: { self: string; rel: Relationship; onNavigate: (o: string) => void }) {
  const out = r.direction === "outgoing";
  return (
    <li className="rel-row" data-testid="relationship-row" data-direction={r.direction} data-other={r.otherObject} data-source={r.source}>
      <span className={`rel-dir rel-dir-${r.direction}`} title={out ? "Outgoing" : "Incoming"} aria-label={r.direction}>
        {out ? <IconArrowRight size={14} /> : <IconArrowLeft size={14} />}
      </span>
      <span className="rel-path">
        {r.fields.length > 0 ? (
          <>
            <code className="faint">{self}.</code>
            <code>{r.fields.join(", ")}</code>
          </>
        ) : (
          <code className="faint">{self}</code>
        )}
        <span className="rel-arrow" aria-hidden="true">
          {out ? "→" : "←"}
        </span>
        <button type="button" className="link mono" onClick={() => onNavigate(r.otherObject)} data-testid="relationship-link">
          {r.otherObject}
        </button>
        {r.otherFields.length > 0 && <code className="faint">.{r.otherFields.join(", ")}</code>}
        {r.name && <span className="faint rel-name">{r.name}</span>}
      </span>
      <span className="rel-badges">
        <Badge tone={r.cardinality === "many" ? "teal" : "neutral"}>{r.cardinality === "many" ? "many" : "one"}</Badge>
        <Badge>{sourceLabel[r.source] ?? r.source}</Badge>
        {r.joinable ? <Badge tone="success">joinable</Badge> : <Badge tone="neutral">not joinable</Badge>}
      </span>
    </li>
  );
}

import type { Index } from "../../api/types";
import { Badge } from "../../components/ui";

/** One index of a SQL object: name, columns, and whether it is the primary key / unique / partial. */
export function IndexRow({ index: ix }: { index: Index }) {
  return (
    <tr data-testid="index-row" data-name={ix.name}>
      <td>
        <code>{ix.name}</code>
      </td>
      <td>
        <code>{ix.columns.join(", ")}</code>
      </td>
      <td>
        <div className="field-flags">
          {ix.origin === "primaryKey" && <Badge tone="warning">primary key</Badge>}
          {ix.unique && <Badge tone="accent">unique</Badge>}
          {ix.partial && <Badge>partial</Badge>}
          {ix.method !== "btree" && (
            <Badge mono title="Access method: not used for equality lookups unless b-tree or hash" data-testid="index-method">
              {ix.method}
            </Badge>
          )}
          {!ix.unique && ix.origin !== "primaryKey" && <span className="muted">index</span>}
        </div>
      </td>
    </tr>
  );
}

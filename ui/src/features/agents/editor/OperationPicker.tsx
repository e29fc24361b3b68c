import { useMemo, useState } from "react";
import { useOperations } from "../../../api/hooks";
import type { Operation } from "../../../api/types";
import { Badge, ErrorPanel, IconSearch, Input, Loading } from "../../../components/ui";
import { useDebounced } from "./useDebounced";

const classTone = { read: "success", create: "warning", update: "warning", delete: "danger" } as const;

/** A searchable list of the provider's operations, narrowed to one object on request. */
export function OperationPicker({ kind, selected, onPick }: { kind: string; selected: string; onPick: (op: Operation) => void }) {
  const [q, setQ] = useState("");
  const [object, setObject] = useState("");
  const objectQ = useDebounced(object.trim(), 250);
  const ops = useOperations(kind, objectQ || undefined);
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const list = ops.data ?? [];
    return needle ? list.filter((o) => o.id.toLowerCase().includes(needle) || o.title.toLowerCase().includes(needle)) : list;
  }, [ops.data, q]);

  return (
    <div className="editor-op-picker card" data-testid="editor-op-picker">
      <div className="editor-op-filters">
        <Input
          leading={<IconSearch size={13} />}
          placeholder="Search operations"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-label="Search operations"
          data-testid="editor-op-search"
          autoFocus
        />
        <Input placeholder="Object (table, type)" value={object} onChange={(e) => setObject(e.target.value)} aria-label="Only the operations of the object" data-testid="editor-op-object" />
      </div>
      {ops.isPending ? (
        <Loading label="Loading operations…" lines={4} />
      ) : ops.isError ? (
        <ErrorPanel compact error={ops.error} title="Could not list the operations" onRetry={() => void ops.refetch()} retrying={ops.isFetching} />
      ) : (
        <ul className="editor-op-list" role="listbox" aria-label="Operations">
          {shown.slice(0, 200).map((o) => (
            <li key={o.id} role="option" aria-selected={o.id === selected}>
              <button type="button" className="editor-op" onClick={() => onPick(o)} data-testid="editor-op" data-id={o.id}>
                <span className="editor-op-title">{o.title}</span>
                <code className="editor-op-id">{o.id}</code>
                <Badge tone={classTone[o.class]}>{o.class}</Badge>
              </button>
            </li>
          ))}
          {shown.length === 0 && <li className="faint">No operation matches.</li>}
          {shown.length > 200 && <li className="faint">{shown.length - 200} more: narrow the search.</li>}
        </ul>
      )}
    </div>
  );
}

import type { ObjectKind, RelayRole } from "../../api/types";
import { Badge } from "../../components/ui";
import { objectKindDescription, objectKindLabel, objectKindTone, relayRoleLabel } from "../../lib/labels";

/** The kind of an object (table, view, type, input, interface, union, enum…), styled per kind. */
export function KindBadge({ kind }: { kind: ObjectKind }) {
  return (
    <Badge
      tone={objectKindTone[kind] ?? "neutral"}
      className={`kind-badge kind-badge-${kind}`}
      title={objectKindDescription[kind] ?? kind}
      data-testid="kind-badge"
      data-kind={kind}
    >
      {objectKindLabel[kind] ?? kind}
    </Badge>
  );
}

/** Marks a Relay pagination wrapper type (connection, edge, pageInfo); `compact` leaves out "relay". */
export function RelayBadge({ relay, compact = false }: { relay: RelayRole; compact?: boolean }) {
  const role = relayRoleLabel[relay] ?? relay;
  return (
    <Badge mono title={`Relay pagination wrapper: ${role}`} data-testid="relay-badge" data-relay={relay}>
      {compact ? role : `relay ${role}`}
    </Badge>
  );
}

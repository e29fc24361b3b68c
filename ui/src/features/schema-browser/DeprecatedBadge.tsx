import { Badge } from "../../components/ui";

/** Marks something deprecated; the reason is the tooltip. `reason` may be empty (no reason given). */
export function DeprecatedBadge({ reason, testId }: { reason: string; testId: string }) {
  return (
    <Badge tone="warning" title={reason ? `Deprecated: ${reason}` : "Deprecated"} data-testid={testId}>
      deprecated
    </Badge>
  );
}

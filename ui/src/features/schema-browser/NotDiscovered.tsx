import { useDiscover } from "../../api/hooks";
import { Button, EmptyState, ErrorPanel, IconDatabase, IconRefresh } from "../../components/ui";

/** A provider that is connected but has no schema yet: offer to discover it. */
export function NotDiscovered({ kind }: { kind: string }) {
  const discover = useDiscover();
  return (
    <div className="not-discovered" data-testid="not-discovered">
      <EmptyState
        icon={<IconDatabase />}
        title="Not discovered yet"
        action={
          <Button
            variant="primary"
            icon={<IconRefresh size={14} />}
            loading={discover.isPending}
            onClick={() => discover.mutate({ kind })}
            data-testid="discover-now"
          >
            Discover now
          </Button>
        }
      >
        Bindery has connected <code>{kind}</code> but has not read its schema yet.
      </EmptyState>
      {discover.isError && <ErrorPanel compact error={discover.error} title="Discovery failed" />}
    </div>
  );
}

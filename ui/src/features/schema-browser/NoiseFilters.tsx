import { Checkbox } from "../../components/ui";
import { formatCount } from "../../lib/format";
import type { BrowserFilters } from "./browserFilters";

/** GraphQL noise filters of the object list; the core applies them before paging. */
export function ObjectListFilters({
  filters,
  onChange,
}: {
  filters: BrowserFilters;
  onChange: (patch: Partial<BrowserFilters>) => void;
}) {
  return (
    <div className="object-filters" role="group" aria-label="Filters">
      <Checkbox
        label="Hide Relay wrappers"
        title="Leave out Relay connection, edge and pageInfo types"
        checked={filters.hideRelay}
        onChange={(e) => onChange({ hideRelay: e.target.checked })}
        data-testid="filter-hide-relay"
      />
      <Checkbox
        label="Hide input types"
        title="Leave out input types (arguments of mutations)"
        checked={filters.hideInput}
        onChange={(e) => onChange({ hideInput: e.target.checked })}
        data-testid="filter-hide-input"
      />
    </div>
  );
}

/** The object detail's "Hide deprecated fields" switch, with how many it hides. */
export function HideDeprecatedToggle({
  hide,
  deprecatedCount,
  onChange,
}: {
  hide: boolean;
  deprecatedCount: number;
  onChange: (hide: boolean) => void;
}) {
  return (
    <span className="fields-filter">
      <Checkbox
        label="Hide deprecated fields"
        checked={hide}
        onChange={(e) => onChange(e.target.checked)}
        data-testid="filter-hide-deprecated"
      />
      {hide && deprecatedCount > 0 && (
        <span className="faint" data-testid="deprecated-hidden-count" data-count={deprecatedCount}>
          {formatCount(deprecatedCount)} deprecated hidden
        </span>
      )}
    </span>
  );
}

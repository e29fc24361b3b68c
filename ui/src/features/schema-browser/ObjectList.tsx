import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { ErrorCodes } from "../../api/errors";
import { useObjectSearch } from "../../api/hooks";
import type { ObjectHit, SourceKind } from "../../api/types";
import { EmptyState, ErrorPanel, IconSearch, IconX, Loading, Spinner } from "../../components/ui";
import { formatCount } from "../../lib/format";
import { useDebouncedValue } from "../../lib/useDebouncedValue";
import { hiddenObjectKinds, useBrowserFilters } from "./browserFilters";
import { KindBadge, RelayBadge } from "./KindBadge";
import { ObjectListFilters } from "./NoiseFilters";
import { NotDiscovered } from "./NotDiscovered";

export const SEARCH_DEBOUNCE_MS = 80;
const ROW_HEIGHT = 52;

/** Marks the first time the object list shows rows (read by the first-paint benchmark). */
function markFirstPaint() {
  if (!document.body.dataset.firstPaint) {
    document.body.dataset.firstPaint = String(performance.now());
  }
}

function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT";
}

export interface ObjectListProps {
  kind: string;
  /** The object open in the detail pane. */
  selected: string | null;
  onOpen: (name: string) => void;
  /** The provider's source. GraphQL gets the noise filters (Relay wrappers, input types). */
  sourceKind?: SourceKind | null;
  /**
   * False while the provider's source is still loading: the list waits, so a GraphQL list is
   * filtered from its first page on.
   */
  sourceKnown?: boolean;
}

export function ObjectList({ kind, selected, onOpen, sourceKind = null, sourceKnown = true }: ObjectListProps) {
  const [query, setQuery] = useState("");
  const q = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const graphql = sourceKind === "graphql";
  const [filters, setFilters] = useBrowserFilters(kind);
  const hide = graphql ? hiddenObjectKinds(filters) : [];
  const search = useObjectSearch(kind, q, { hide, enabled: sourceKnown });

  const items: ObjectHit[] = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);
  const total = search.data?.pages[search.data.pages.length - 1]?.total ?? 0;

  // The keyboard cursor. It follows the open object whenever that changes from elsewhere.
  const [active, setActive] = useState<string | null>(selected);
  const [lastSelected, setLastSelected] = useState(selected);
  if (selected !== lastSelected) {
    setLastSelected(selected);
    setActive(selected);
  }
  const activeIndex = active === null ? -1 : items.findIndex((i) => i.name === active);

  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const hasMore = !!search.hasNextPage;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.name ?? `__more-${index}`,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastRendered = virtualRows[virtualRows.length - 1]?.index ?? -1;

  // Infinite scroll: the "loading more" row came into view.
  const { fetchNextPage, isFetchingNextPage } = search;
  useEffect(() => {
    if (hasMore && !isFetchingNextPage && lastRendered >= items.length - 1 && items.length > 0) {
      void fetchNextPage();
    }
  }, [hasMore, isFetchingNextPage, lastRendered, items.length, fetchNextPage]);

  const rowsShown = virtualRows.length > 0 && items.length > 0;
  useEffect(() => {
    if (rowsShown) markFirstPaint();
  }, [rowsShown]);

  // Keep the open object in view when it was chosen elsewhere (a relationship link).
  const selectedIndex = selected === null ? -1 : items.findIndex((i) => i.name === selected);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  // "/" focuses the search from anywhere on the page.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === "/" && !e.metaKey && !e.ctrlKey && !e.altKey && !isTypingTarget(e.target)) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const moveTo = (index: number) => {
    if (items.length === 0) return;
    const i = Math.max(0, Math.min(items.length - 1, index));
    const hit = items[i];
    if (!hit) return;
    setActive(hit.name);
    virtualizer.scrollToIndex(i, { align: "auto" });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        moveTo(activeIndex + 1);
        break;
      case "ArrowUp":
        e.preventDefault();
        moveTo(activeIndex <= 0 ? 0 : activeIndex - 1);
        break;
      case "PageDown":
        e.preventDefault();
        moveTo(activeIndex + 10);
        break;
      case "PageUp":
        e.preventDefault();
        moveTo(activeIndex - 10);
        break;
      case "Enter": {
        const target = items[activeIndex] ?? (activeIndex === -1 ? items[0] : undefined);
        if (target) {
          e.preventDefault();
          setActive(target.name);
          onOpen(target.name);
        }
        break;
      }
      case "Escape":
        if (e.currentTarget === searchRef.current && query) {
          e.preventDefault();
          setQuery("");
        }
        break;
    }
  };

  const activeId = activeIndex >= 0 ? `object-option-${activeIndex}` : undefined;

  return (
    <div className="object-list-pane">
      <div className="object-search">
        <div className="input object-search-input">
          <span className="input-adorn">
            <IconSearch size={14} />
          </span>
          <input
            ref={searchRef}
            type="search"
            placeholder="Search objects and fields"
            aria-label="Search objects and fields"
            aria-controls="object-listbox"
            aria-activedescendant={activeId}
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
            data-testid="object-search"
          />
          <span className="input-adorn input-adorn-end">
            {search.isFetching && !search.isFetchingNextPage ? (
              <Spinner size={12} />
            ) : query ? (
              <button type="button" className="clear-search" aria-label="Clear search" onClick={() => setQuery("")}>
                <IconX size={12} />
              </button>
            ) : (
              <kbd>/</kbd>
            )}
          </span>
        </div>
        {graphql && <ObjectListFilters filters={filters} onChange={setFilters} />}
        <div className="object-count" aria-live="polite">
          {search.data ? (
            <>
              <span data-testid="object-total" data-total={total}>
                {total}
              </span>{" "}
              {q ? (total === 1 ? "match" : "matches") : total === 1 ? "object" : "objects"}
              {items.length < total && <span className="faint"> · {formatCount(items.length)} loaded</span>}
            </>
          ) : (
            "\u00a0"
          )}
        </div>
      </div>

      {search.isPending ? (
        <Loading label="Loading objects…" lines={8} />
      ) : search.isError && items.length === 0 && search.error.code === ErrorCodes.providerNotDiscovered ? (
        <NotDiscovered kind={kind} />
      ) : search.isError && items.length === 0 ? (
        <div className="object-list-state">
          <ErrorPanel compact error={search.error} title="Could not list objects" onRetry={() => void search.refetch()} retrying={search.isFetching} />
        </div>
      ) : items.length === 0 ? (
        <EmptyState icon={<IconSearch />} title={q ? "No matches" : "No objects"}>
          {q ? (
            <>
              Nothing in <code>{kind}</code> matches “{q}”.{hide.length > 0 && " Some types are hidden by the filters above."}
            </>
          ) : hide.length > 0 ? (
            "The filters above hide every object of this schema."
          ) : (
            "This schema has no objects."
          )}
        </EmptyState>
      ) : (
        <div
          ref={scrollRef}
          className="object-list"
          id="object-listbox"
          role="listbox"
          aria-label="Objects"
          tabIndex={0}
          aria-activedescendant={activeId}
          onKeyDown={onKeyDown}
          data-testid="object-list"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualRows.map((row) => {
              const hit = items[row.index];
              const style = { transform: `translateY(${row.start}px)`, height: row.size };
              if (!hit) {
                return (
                  <div key={row.key} className="object-row object-row-more" style={style} data-testid="object-list-more">
                    {search.isFetchNextPageError ? (
                      <ErrorPanel compact error={search.error} title="Could not load more" onRetry={() => void fetchNextPage()} />
                    ) : (
                      <>
                        <Spinner size={12} /> Loading more…
                      </>
                    )}
                  </div>
                );
              }
              return (
                <ObjectRow
                  key={row.key}
                  id={`object-option-${row.index}`}
                  hit={hit}
                  q={q}
                  style={style}
                  active={row.index === activeIndex}
                  selected={hit.name === selected}
                  onClick={() => {
                    setActive(hit.name);
                    onOpen(hit.name);
                  }}
                />
              );
            })}
          </div>
        </div>
      )}
      {search.isError && items.length > 0 && !search.isFetchNextPageError && (
        <div className="object-list-state">
          <ErrorPanel compact error={search.error} title="Search failed" onRetry={() => void search.refetch()} />
        </div>
      )}
    </div>
  );
}

function Highlight({ text, q }: { text: string; q: string }) {
  if (!q) return <>{text}</>;
  const at = text.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

interface ObjectRowProps {
  id: string;
  hit: ObjectHit;
  q: string;
  style: CSSProperties;
  active: boolean;
  selected: boolean;
  onClick: () => void;
}

function ObjectRow({ id, hit, q, style, active, selected, onClick }: ObjectRowProps) {
  const cls = ["object-row", active && "is-active", selected && "is-selected"].filter(Boolean).join(" ");
  return (
    <div
      id={id}
      className={cls}
      style={style}
      role="option"
      aria-selected={selected}
      data-testid="object-row"
      data-name={hit.name}
      data-kind={hit.kind}
      data-relay={hit.relay}
      data-active={active || undefined}
      onClick={onClick}
      title={hit.description}
    >
      <div className="object-row-line">
        <span className="object-row-name">
          <Highlight text={hit.name} q={q} />
        </span>
        {hit.relay && <RelayBadge relay={hit.relay} compact />}
        <KindBadge kind={hit.kind} />
      </div>
      <div className="object-row-line object-row-sub">
        <span className="object-row-counts">
          <span title="Fields">{hit.fieldCount} fields</span>
          <span title="Relationships">{hit.relationshipCount} rel</span>
          <span title="Operations">{hit.operationCount} ops</span>
        </span>
        {hit.matchedFields && hit.matchedFields.length > 0 && (
          <span className="object-row-matches" data-testid="matched-fields" title={hit.matchedFields.join(", ")}>
            {hit.matchedFields.map((f, i) => (
              <span key={f}>
                {i > 0 && ", "}
                <Highlight text={f} q={q} />
              </span>
            ))}
          </span>
        )}
      </div>
    </div>
  );
}

import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { useObjectSearch } from "../../../api/hooks";
import { Input, Spinner } from "../../../components/ui";
import { useDebouncedValue } from "../../../lib/useDebouncedValue";

const SUGGESTIONS = 8;

export interface ObjectPickerProps {
  kind: string;
  label: string;
  value: string | null;
  onChange: (name: string | null) => void;
  placeholder?: string;
  testId: string;
}

/**
 * A search box that picks one object: suggestions come from the core's object search
 * (`list_objects` with `q`), a page of {@link SUGGESTIONS}. ↑/↓ move, Enter picks, Escape closes.
 */
export function ObjectPicker({ kind, label, value, onChange, placeholder, testId }: ObjectPickerProps) {
  const id = useId();
  const [text, setText] = useState(value ?? "");
  const [lastValue, setLastValue] = useState(value);
  const [open, setOpen] = useState(false);
  const [cursor, setCursor] = useState(0);
  if (value !== lastValue) {
    setLastValue(value);
    setText(value ?? "");
  }
  const q = useDebouncedValue(text.trim(), 120);
  const search = useObjectSearch(kind, q, { limit: SUGGESTIONS, enabled: open && q !== "" });
  const hits = useMemo(() => (open && q !== "" ? (search.data?.pages[0]?.items ?? []) : []), [open, q, search.data]);

  const pick = (name: string) => {
    setText(name);
    setOpen(false);
    onChange(name);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" && hits.length > 0) {
      setOpen(true);
      setCursor((c) => Math.min(hits.length - 1, c + 1));
    } else if (e.key === "ArrowUp" && hits.length > 0) {
      setCursor((c) => Math.max(0, c - 1));
    } else if (e.key === "Enter") {
      const hit = hits[Math.min(cursor, hits.length - 1)];
      if (hit) pick(hit.name);
      else if (text.trim() !== "") pick(text.trim());
    } else if (e.key === "Escape" && open) {
      setOpen(false);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const listId = `${id}-list`;
  const activeId = hits[cursor] ? `${id}-opt-${cursor}` : undefined;
  return (
    <div className="graph-picker" data-testid={testId}>
      <label className="graph-picker-label" htmlFor={id}>
        {label}
      </label>
      <div className="graph-picker-box">
        <Input
          id={id}
          type="search"
          value={text}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          onChange={(e) => {
            setText(e.target.value);
            setCursor(0);
            setOpen(true);
            if (e.target.value.trim() === "") onChange(null);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          trailing={search.isFetching && open ? <Spinner size={12} /> : undefined}
          data-testid={`${testId}-input`}
        />
        {hits.length > 0 && (
          <ul className="graph-picker-list" id={listId} role="listbox" aria-label={`${label} suggestions`}>
            {hits.map((h, i) => (
              <li
                key={h.name}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === cursor}
                className={i === cursor ? "is-active" : undefined}
                data-testid={`${testId}-option`}
                data-name={h.name}
                // mousedown, not click: it runs before the input's blur closes the list.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(h.name);
                }}
                onMouseEnter={() => setCursor(i)}
              >
                <span className="graph-picker-name">{h.name}</span>
                <span className="faint">{h.kind}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

import type { PathStep } from "./bindingModel";
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";

/** What is being carried: a parameter (onto a target) or a response field (out to the outputs). */
export type DragItem = { kind: "param"; name: string } | { kind: "field"; steps: PathStep[] };

export interface DragState {
  item: DragItem;
  x: number;
  y: number;
  /** The pointer moved far enough to be a drag, not a click. */
  moved: boolean;
}

/**
 * Drag and drop on pointer events (mouse, pen and touch alike). A source starts it on pointerdown;
 * a drop target takes it on pointerup over itself (`drop`); a pointerup anywhere else ends it.
 */
export function usePointerDrag() {
  const [drag, setDrag] = useState<DragState | null>(null);
  const ref = useRef<DragState | null>(null);

  const update = (next: DragState | null) => {
    ref.current = next;
    setDrag(next);
  };

  const active = drag !== null;
  useEffect(() => {
    if (!active) return;
    const move = (e: PointerEvent) => {
      const cur = ref.current;
      if (!cur) return;
      const moved = cur.moved || Math.abs(e.clientX - cur.x) + Math.abs(e.clientY - cur.y) > 3;
      update({ ...cur, x: e.clientX, y: e.clientY, moved });
    };
    // After the targets' own handlers (they run first, on the element), so a drop is seen there.
    const end = () => update(null);
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", end);
    window.addEventListener("pointercancel", end);
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", end);
      window.removeEventListener("pointercancel", end);
    };
  }, [active]);

  const start = useCallback((item: DragItem, e: ReactPointerEvent) => {
    if (e.button > 0) return;
    update({ item, x: e.clientX, y: e.clientY, moved: false });
  }, []);

  /** The carried item, if one of `kind` is being dragged; ends the drag. */
  const take = useCallback(<K extends DragItem["kind"]>(kind: K): Extract<DragItem, { kind: K }> | null => {
    const cur = ref.current;
    if (!cur || cur.item.kind !== kind) return null;
    update(null);
    return cur.item as Extract<DragItem, { kind: K }>;
  }, []);

  return { drag, start, take };
}

import { useCallback, useReducer } from "react";

interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** What the last step edited (typing in one field is one step). */
  merge: string | null;
}

type Action<T> = { type: "set"; value: T; merge: string | null } | { type: "reset"; value: T } | { type: "undo" } | { type: "redo" };

function reducer<T>(h: History<T>, a: Action<T>): History<T> {
  switch (a.type) {
    case "set":
      if (a.value === h.present) return h;
      if (a.merge !== null && a.merge === h.merge) return { ...h, present: a.value, future: [] };
      return { past: [...h.past, h.present].slice(-200), present: a.value, future: [], merge: a.merge };
    case "reset":
      return { past: [], present: a.value, future: [], merge: null };
    case "undo": {
      const prev = h.past[h.past.length - 1];
      return prev === undefined ? h : { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], merge: null };
    }
    case "redo": {
      const [next, ...rest] = h.future;
      return next === undefined ? h : { past: [...h.past, h.present], present: next, future: rest, merge: null };
    }
  }
}

/** A value with undo and redo: every `set` is one step (or joins the last); `reset` forgets the history. */
export function useHistory<T>(initial: () => T) {
  const [h, dispatch] = useReducer(reducer<T>, undefined, () => ({ past: [], present: initial(), future: [], merge: null }));
  /** One undoable step; steps with the same `merge` key in a row (typing in one field) make one. */
  const set = useCallback((value: T, merge: string | null = null) => dispatch({ type: "set", value, merge }), []);
  const reset = useCallback((value: T) => dispatch({ type: "reset", value }), []);
  const undo = useCallback(() => dispatch({ type: "undo" }), []);
  const redo = useCallback(() => dispatch({ type: "redo" }), []);
  return { value: h.present, set, reset, undo, redo, canUndo: h.past.length > 0, canRedo: h.future.length > 0 };
}

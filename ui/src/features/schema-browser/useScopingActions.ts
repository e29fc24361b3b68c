import { useState } from "react";
import { navigate } from "../../app/router";
import { useScoping, useSetScoping } from "../../api/hooks";
import type { Scoping } from "../../api/types";
import { columnEntry, emptyScoping, withColumn, withTable, withoutColumn, withoutTable } from "./scoping";

/** What the last change did, with what it replaced (for Undo). */
export interface ScopingNotice {
  /** The provider it is about: another provider's browser does not show it. */
  kind: string;
  message: string;
  previous: Scoping;
  /** The object to open again when the change is undone (a blocked table that was open). */
  reopen?: string;
}

/**
 * Blocking and unblocking for one provider. Every change sends the full lists; when the object
 * that is open gets blocked, the browser goes back to the list.
 */
export function useScopingActions(kind: string, openObject: string | null) {
  const scoping = useScoping(kind);
  const [notice, setNotice] = useState<ScopingNotice | null>(null);
  // The provider the last change was for: another provider's browser does not show its error.
  const [changedKind, setChangedKind] = useState<string | null>(null);
  const save = useSetScoping(kind, {
    onSaved: (result) => {
      if (openObject && result.blockedTables.includes(openObject)) navigate({ name: "browser", kind, object: null });
    },
  });

  const current = scoping.data;
  const shown = notice?.kind === kind ? notice : null;
  const ready = current !== undefined && !save.isPending;

  const change = (make: (s: Scoping) => Scoping, message: string, reopen?: string) => {
    if (!current || save.isPending) return;
    const previous = current;
    setChangedKind(kind);
    save.mutate(make(current), { onSuccess: () => setNotice({ kind, message, previous, ...(reopen ? { reopen } : {}) }) });
  };

  return {
    scoping,
    /** The current lists; empty until loaded. */
    lists: current ?? emptyScoping,
    /** Whether a change can be made now (lists loaded, nothing saving). */
    ready,
    saving: save.isPending,
    saveError: changedKind === kind ? save.error : null,
    notice: shown,
    dismissNotice: () => setNotice(null),
    blockTable: (table: string) =>
      change((s) => withTable(s, table), `Blocked ${table}: it is left out of the schema.`, openObject === table ? table : undefined),
    blockColumn: (object: string, field: string) =>
      change((s) => withColumn(s, object, field), `Blocked ${columnEntry(object, field)}: it is left out of the schema.`),
    unblockTable: (table: string) => change((s) => withoutTable(s, table), `Unblocked ${table}.`),
    unblockColumn: (entry: string) => change((s) => withoutColumn(s, entry), `Unblocked ${entry}.`),
    unblockAll: () => change(() => emptyScoping, "Unblocked everything."),
    undo: () => {
      if (!shown || !current || save.isPending) return;
      const { previous, reopen } = shown;
      save.mutate(previous, {
        onSuccess: () => {
          setNotice(null);
          if (reopen && !previous.blockedTables.includes(reopen)) navigate({ name: "browser", kind, object: reopen });
        },
      });
    },
  };
}

export type ScopingActions = ReturnType<typeof useScopingActions>;

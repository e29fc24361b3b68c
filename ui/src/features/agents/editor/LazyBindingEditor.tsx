import { lazy, Suspense } from "react";
import { Loading } from "../../../components/ui";
import type { BindingEditorProps } from "./BindingEditor";

const Editor = lazy(() => import("./BindingEditor").then((m) => ({ default: m.BindingEditor })));

/** The binding editor, loaded on first use (it brings the canonical parameters with it). */
export function LazyBindingEditor(props: BindingEditorProps) {
  return (
    <Suspense fallback={<Loading label="Loading the editor…" lines={6} />}>
      <Editor {...props} />
    </Suspense>
  );
}

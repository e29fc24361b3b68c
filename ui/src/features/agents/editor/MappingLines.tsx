import { useEffect, useLayoutEffect, useRef, type RefObject } from "react";

/** One line: from an anchor (`param:caller_phone`, `node:first_name`) to another (`target:t:phone`, `leaf:0`). */
export interface Mapping {
  key: string;
  kind: "input" | "output";
  from: string;
  to: string;
}

const anchorIn = (root: HTMLElement, id: string): HTMLElement | null =>
  root.querySelector<HTMLElement>(`[data-anchor="${id.replace(/["\\]/g, "\\$&")}"]`);

/** A tree node not on screen (collapsed): its nearest shown ancestor. */
function findAnchor(root: HTMLElement, id: string): HTMLElement | null {
  let cur = id;
  for (;;) {
    const el = anchorIn(root, cur);
    if (el) return el;
    if (!cur.startsWith("node:") || cur === "node:") return null;
    const dot = cur.lastIndexOf(".");
    cur = dot < 0 ? "node:" : cur.slice(0, dot);
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Redraws every line of `svg` from the anchors on screen under `root` (the DOM is the state here). */
function draw(root: HTMLElement, svg: SVGSVGElement, mappings: readonly Mapping[]) {
  const box = root.getBoundingClientRect();
  svg.setAttribute("width", String(box.width));
  svg.setAttribute("height", String(box.height));
  const paths: SVGPathElement[] = [];
  for (const m of mappings) {
    const a = findAnchor(root, m.from);
    const b = findAnchor(root, m.to);
    if (!a || !b) continue;
    const ra = a.getBoundingClientRect();
    const rb = b.getBoundingClientRect();
    const x1 = ra.right - box.left;
    const y1 = ra.top + ra.height / 2 - box.top;
    const x2 = rb.left - box.left;
    const y2 = rb.top + rb.height / 2 - box.top;
    const dx = Math.max(24, Math.abs(x2 - x1) / 2);
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`);
    path.setAttribute("class", `editor-line editor-line-${m.kind}`);
    path.setAttribute("data-testid", "editor-line");
    path.setAttribute("data-key", m.key);
    paths.push(path);
  }
  svg.replaceChildren(...paths);
}

/**
 * Every mapping as a curve over the columns, measured from the rows on screen; redrawn after each
 * render (trees expand, diagnostics appear), on scroll of any column and on resize.
 */
export function MappingLines({ container, mappings }: { container: RefObject<HTMLElement | null>; mappings: readonly Mapping[] }) {
  const svg = useRef<SVGSVGElement>(null);
  const latest = useRef(mappings);

  useLayoutEffect(() => {
    latest.current = mappings;
    if (container.current && svg.current) draw(container.current, svg.current, mappings);
  });

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    let frame = 0;
    const onChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (svg.current) draw(root, svg.current, latest.current);
      });
    };
    root.addEventListener("scroll", onChange, true);
    window.addEventListener("resize", onChange);
    const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(onChange);
    ro?.observe(root);
    return () => {
      cancelAnimationFrame(frame);
      root.removeEventListener("scroll", onChange, true);
      window.removeEventListener("resize", onChange);
      ro?.disconnect();
    };
  }, [container]);

  return <svg ref={svg} className="editor-lines" aria-hidden="true" data-testid="editor-lines" />;
}

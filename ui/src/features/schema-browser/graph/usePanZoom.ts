import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import type { Layout } from "./layout";

export interface Transform {
  x: number;
  y: number;
  k: number;
}

export const MIN_ZOOM = 0.2;
export const MAX_ZOOM = 2.5;
const FIT_PADDING = 48;

const clampZoom = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** The transform that shows all of `bounds` in a `width`×`height` viewport (never above 1.25×). */
export function fitTransform(bounds: Layout["bounds"], width: number, height: number): Transform {
  const w = Math.max(1, bounds.maxX - bounds.minX + FIT_PADDING * 2);
  const h = Math.max(1, bounds.maxY - bounds.minY + FIT_PADDING * 2);
  const k = clampZoom(Math.min(width / w, height / h, 1.25));
  const cx = (bounds.minX + bounds.maxX) / 2;
  const cy = (bounds.minY + bounds.maxY) / 2;
  return { x: width / 2 - cx * k, y: height / 2 - cy * k, k };
}

/** Zooms by `factor` keeping the viewport point (px, py) still. */
export function zoomAround(t: Transform, factor: number, px: number, py: number): Transform {
  const k = clampZoom(t.k * factor);
  const f = k / t.k;
  return { k, x: px - (px - t.x) * f, y: py - (py - t.y) * f };
}

const size = (el: HTMLElement | null) => ({ w: el?.clientWidth || 800, h: el?.clientHeight || 600 });

/**
 * Pan (drag the background), zoom (wheel, buttons, keys) and fit, for an SVG inside `viewport`.
 * Fits again whenever `fitKey` changes (a new focus, objects added).
 */
export function usePanZoom(bounds: Layout["bounds"], fitKey: string) {
  const viewport = useRef<HTMLDivElement | null>(null);
  const [transform, setTransform] = useState<Transform>({ x: 0, y: 0, k: 1 });
  const drag = useRef<{ id: number; x: number; y: number; t: Transform } | null>(null);
  const [dragging, setDragging] = useState(false);
  const boundsRef = useRef(bounds);
  useLayoutEffect(() => {
    boundsRef.current = bounds;
  });

  const fit = useCallback(() => {
    const { w, h } = size(viewport.current);
    setTransform(fitTransform(boundsRef.current, w, h));
  }, []);

  // Before paint, so a new focus never flashes at the old zoom.
  useLayoutEffect(() => {
    fit();
  }, [fit, fitKey]);

  const zoomBy = useCallback((factor: number) => {
    const { w, h } = size(viewport.current);
    setTransform((t) => zoomAround(t, factor, w / 2, h / 2));
  }, []);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      setTransform((t) => zoomAround(t, factor, e.clientX - rect.left, e.clientY - rect.top));
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, []);

  const onPointerDown = useCallback(
    (e: ReactPointerEvent<SVGSVGElement>) => {
      if (e.button !== 0 || (e.target instanceof Element && e.target.closest("[data-graph-node]"))) return;
      drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, t: transform };
      e.currentTarget.setPointerCapture?.(e.pointerId);
      setDragging(true);
    },
    [transform],
  );
  const onPointerMove = useCallback((e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    setTransform({ ...d.t, x: d.t.x + e.clientX - d.x, y: d.t.y + e.clientY - d.y });
  }, []);
  const onPointerUp = useCallback((e: ReactPointerEvent<SVGSVGElement>) => {
    if (drag.current?.id !== e.pointerId) return;
    drag.current = null;
    setDragging(false);
  }, []);

  return {
    viewport,
    transform,
    dragging,
    fit,
    zoomBy,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp },
  };
}

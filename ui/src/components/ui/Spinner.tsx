import type { CSSProperties } from "react";

export function Spinner({ size = 16, label }: { size?: number; label?: string }) {
  return (
    <span
      className="spinner"
      role={label ? "status" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      style={{ width: size, height: size } as CSSProperties}
    />
  );
}

export function Skeleton({ width, height = 12, className }: { width?: number | string; height?: number; className?: string }) {
  return <span className={["skeleton", className].filter(Boolean).join(" ")} style={{ width, height }} aria-hidden="true" />;
}

/** The loading state of a region: skeleton lines, announced once to assistive tech. */
export function Loading({ label = "Loading…", lines = 3, className }: { label?: string; lines?: number; className?: string }) {
  return (
    <div className={["loading", className].filter(Boolean).join(" ")} data-testid="loading" role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} width={`${90 - ((i * 17) % 45)}%`} />
      ))}
    </div>
  );
}

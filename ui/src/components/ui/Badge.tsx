import type { HTMLAttributes } from "react";

export type BadgeTone =
  | "neutral"
  | "accent"
  | "success"
  | "warning"
  | "danger"
  | "info"
  | "violet"
  | "teal";

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone;
  mono?: boolean;
  solid?: boolean;
}

export function Badge({ tone = "neutral", mono, solid, className, ...rest }: BadgeProps) {
  const cls = ["badge", `badge-${tone}`, mono && "badge-mono", solid && "badge-solid", className]
    .filter(Boolean)
    .join(" ");
  return <span className={cls} {...rest} />;
}

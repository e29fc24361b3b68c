import type { SVGProps } from "react";

/** Three linked nodes (the design system's icons have no graph glyph). */
export function IconGraph({ size = 16, ...rest }: SVGProps<SVGSVGElement> & { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <circle cx="6" cy="6" r="2.5" />
      <circle cx="18" cy="9" r="2.5" />
      <circle cx="9" cy="18" r="2.5" />
      <path d="M8.4 6.6 15.6 8.4M7 8.4 8.3 15.6M16.4 11 10.8 16.3" />
    </svg>
  );
}

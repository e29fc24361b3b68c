import type { InputHTMLAttributes, ReactNode } from "react";

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  label: ReactNode;
}

/** A labelled checkbox; the whole label is the click target. Test ids go on the input. */
export function Checkbox({ label, className, ...rest }: CheckboxProps) {
  return (
    <label className={["checkbox", className].filter(Boolean).join(" ")}>
      <input type="checkbox" {...rest} />
      <span className="checkbox-label">{label}</span>
    </label>
  );
}

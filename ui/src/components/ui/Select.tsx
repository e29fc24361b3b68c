import { useId, type ReactNode, type SelectHTMLAttributes } from "react";

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "children"> {
  label: string;
  help?: ReactNode;
  /** The choices, in order; a plain string is its own label. */
  options: readonly (string | { value: string; label: string })[];
}

/** A labelled native select, styled like {@link TextField}. */
export function SelectField({ label, help, options, id, required, className, ...rest }: SelectFieldProps) {
  const auto = useId();
  const selectId = id ?? auto;
  const helpId = `${selectId}-help`;
  return (
    <div className="text-field">
      <label htmlFor={selectId} className="text-field-label">
        {label}
        {required && <span className="text-field-required" aria-hidden="true"> *</span>}
      </label>
      <div className="select">
        <select id={selectId} required={required} aria-describedby={help ? helpId : undefined} className={className} {...rest}>
          {options.map((o) => {
            const { value, label: text } = typeof o === "string" ? { value: o, label: o } : o;
            return (
              <option key={value} value={value}>
                {text}
              </option>
            );
          })}
        </select>
      </div>
      {help && (
        <div id={helpId} className="text-field-help">
          {help}
        </div>
      )}
    </div>
  );
}

import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes } from "react";

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  ref?: Ref<HTMLInputElement>;
  leading?: ReactNode;
  trailing?: ReactNode;
  mono?: boolean;
}

export function Input({ leading, trailing, mono, className, ref, ...rest }: InputProps) {
  return (
    <div className={["input", mono && "input-mono", className].filter(Boolean).join(" ")}>
      {leading && <span className="input-adorn">{leading}</span>}
      <input ref={ref} {...rest} />
      {trailing && <span className="input-adorn input-adorn-end">{trailing}</span>}
    </div>
  );
}

export interface TextFieldProps extends InputProps {
  label: string;
  help?: ReactNode;
  error?: ReactNode;
}

/** A labelled input with help text and a field-level error. */
export function TextField({ label, help, error, id, required, ...rest }: TextFieldProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const helpId = `${inputId}-help`;
  return (
    <div className="text-field">
      <label htmlFor={inputId} className="text-field-label">
        {label}
        {required && <span className="text-field-required" aria-hidden="true"> *</span>}
      </label>
      <Input id={inputId} required={required} aria-describedby={help || error ? helpId : undefined} aria-invalid={error ? true : undefined} {...rest} />
      {(error || help) && (
        <div id={helpId} className={error ? "text-field-error" : "text-field-help"}>
          {error ?? help}
        </div>
      )}
    </div>
  );
}

export interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  help?: ReactNode;
}

/** A labelled multi-line input (pasted documents), styled like {@link TextField}. */
export function TextAreaField({ label, help, id, required, className, ...rest }: TextAreaFieldProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const helpId = `${inputId}-help`;
  return (
    <div className="text-field">
      <label htmlFor={inputId} className="text-field-label">
        {label}
        {required && <span className="text-field-required" aria-hidden="true"> *</span>}
      </label>
      <textarea
        id={inputId}
        required={required}
        aria-describedby={help ? helpId : undefined}
        className={["textarea", className].filter(Boolean).join(" ")}
        {...rest}
      />
      {help && (
        <div id={helpId} className="text-field-help">
          {help}
        </div>
      )}
    </div>
  );
}

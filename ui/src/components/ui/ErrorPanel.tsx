import type { ReactNode } from "react";
import { errorHint } from "../../api/errors";
import { toBinderyError } from "../../platform";
import { Button } from "./Button";
import { IconAlert, IconRefresh } from "./icons";

export interface ErrorPanelProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
  compact?: boolean;
  /** What to do about it; by default the hint for the code (`api/errors.ts`), if any. */
  hint?: ReactNode;
  children?: ReactNode;
}

/** Shows what the core said went wrong: its stable code, its message, what to do, and a way to try again. */
export function ErrorPanel({ error, title = "Something went wrong", onRetry, retrying, compact, hint, children }: ErrorPanelProps) {
  const err = toBinderyError(error);
  const help = hint ?? errorHint(err.code);
  return (
    <div className={["error-panel", compact && "error-panel-compact"].filter(Boolean).join(" ")} role="alert" data-testid="error-panel" data-code={err.code}>
      <IconAlert className="error-panel-icon" size={compact ? 16 : 20} />
      <div className="error-panel-body">
        <div className="error-panel-title">
          {title}
          <code className="error-panel-code">{err.code}</code>
          {err.status > 0 && <span className="error-panel-status">HTTP {err.status}</span>}
        </div>
        <p className="error-panel-message">{err.message}</p>
        {help && (
          <p className="error-panel-hint" data-testid="error-hint">
            {help}
          </p>
        )}
        {children}
      </div>
      {onRetry && (
        <Button size="sm" onClick={onRetry} loading={retrying} icon={<IconRefresh size={14} />}>
          Retry
        </Button>
      )}
    </div>
  );
}

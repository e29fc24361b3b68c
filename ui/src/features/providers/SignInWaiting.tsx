import { useEffect, useState, type MouseEvent } from "react";
import { SIGN_IN_TIMEOUT_MS, type SignInStarted } from "../../api/hooks";
import { Button, CopyButton, IconArrowRight, Spinner } from "../../components/ui";

/** `m:ss` of a duration in ms (never negative). */
export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The host of the sign-in page, for people ("127.0.0.1:4100", "accounts.google.com"). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * "Approve in your browser": the sign-in page is open (or its link is here to open or copy) and
 * Bindery waits for the approval. Test ids: `oauth-waiting` (`data-opened`), `oauth-url` (the
 * link), `oauth-url-copy`, `oauth-open`, `oauth-remaining`, `oauth-not-opened`.
 */
export function SignInWaiting({
  started,
  providerName,
  cancelling,
  onOpenAgain,
}: {
  started: SignInStarted;
  providerName: string;
  cancelling: boolean;
  onOpenAgain: () => void;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const remaining = started.startedAt + SIGN_IN_TIMEOUT_MS - now;
  const openLink = (e: MouseEvent<HTMLAnchorElement>) => {
    // Through the platform: in the desktop app the shell opens the system browser.
    e.preventDefault();
    onOpenAgain();
  };

  return (
    <div className="oauth-waiting" data-testid="oauth-waiting" data-opened={String(started.opened)} aria-busy="true">
      <div className="oauth-waiting-head">
        <Spinner size={22} label={cancelling ? "Cancelling the sign-in" : "Waiting for the approval"} />
        <div>
          <h3 className="oauth-waiting-title">{cancelling ? "Cancelling the sign-in…" : "Approve in your browser"}</h3>
          <p className="muted">
            {started.opened ? (
              <>
                Bindery opened the sign-in page of <strong>{hostOf(started.url)}</strong> in your browser. Sign in there and allow
                access for {providerName}; this dialog carries on by itself.
              </>
            ) : (
              <span data-testid="oauth-not-opened">
                Bindery could not open your browser. Open the link below in a browser on this computer, sign in and allow access for{" "}
                {providerName}; this dialog carries on by itself.
              </span>
            )}
          </p>
        </div>
      </div>

      <div className="oauth-link">
        <a href={started.url} target="_blank" rel="noopener noreferrer" className="oauth-link-url mono" onClick={openLink} data-testid="oauth-url">
          {started.url}
        </a>
        <div className="oauth-link-actions">
          <CopyButton text={started.url} label="Copy link" data-testid="oauth-url-copy" />
          <Button size="sm" icon={<IconArrowRight size={13} />} onClick={onOpenAgain} disabled={cancelling} data-testid="oauth-open">
            Open again
          </Button>
        </div>
      </div>

      <p className="faint oauth-remaining" data-testid="oauth-remaining">
        {remaining > 0 ? (
          <>Waiting for the approval: {formatRemaining(remaining)} left. The page is only good on this computer (it answers to 127.0.0.1).</>
        ) : (
          <>Time is up: Bindery stopped waiting.</>
        )}
      </p>
    </div>
  );
}

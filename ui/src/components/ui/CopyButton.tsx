import { useEffect, useRef, useState } from "react";
import { copyText } from "../../lib/clipboard";
import { Button, type ButtonProps } from "./Button";
import { IconCheck, IconCopy } from "./icons";

export interface CopyButtonProps extends Omit<ButtonProps, "onClick" | "children"> {
  /** What to copy. */
  text: string;
  label?: string;
}

/** Copies `text` and says "Copied" for a moment (or that copying failed). */
export function CopyButton({ text, label = "Copy", size = "sm", ...rest }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    const ok = await copyText(text);
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  };

  return (
    <Button
      size={size}
      icon={state === "copied" ? <IconCheck size={13} /> : <IconCopy size={13} />}
      onClick={() => void copy()}
      data-copied={state === "copied" || undefined}
      {...rest}
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text" : label}</span>
    </Button>
  );
}

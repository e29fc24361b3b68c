import { useState, type FormEvent } from "react";
import { usePublishAgent, useVersionDiff, useVersions } from "../../api/agentHooks";
import type { AgentVersion, DiffEntry } from "../../api/agentTypes";
import { Badge, Button, Dialog, EmptyState, ErrorPanel, IconUpload, Loading, TextField, type BadgeTone } from "../../components/ui";
import { formatDateTime, plural } from "../../lib/format";
import { rememberedApprover } from "./SkillDialogs";
import { jsonText } from "./skillModel";

export interface VersionsSectionProps {
  agentId: string;
  approvedCount: number;
  skillCount: number;
}

/** The agent's published versions, newest first, and the way to publish the next one. */
export function VersionsSection({ agentId, approvedCount, skillCount }: VersionsSectionProps) {
  const versions = useVersions(agentId);
  const [publishing, setPublishing] = useState(false);
  const [comparing, setComparing] = useState<string | null>(null);

  return (
    <section className="section" aria-labelledby="versions-title">
      <div className="section-header">
        <h3 className="section-title" id="versions-title">
          Versions
        </h3>
        {versions.data && <Badge>{versions.data.length}</Badge>}
        <div className="section-header-end">
          <span className="faint" data-testid="publish-summary">
            {approvedCount} of {plural(skillCount, "skill")} approved
          </span>
          <Button size="sm" variant="primary" icon={<IconUpload size={14} />} onClick={() => setPublishing(true)} data-testid="publish-open">
            Publish
          </Button>
        </div>
      </div>
      {versions.isPending ? (
        <Loading label="Loading versions…" lines={2} className="card" />
      ) : versions.isError ? (
        <ErrorPanel error={versions.error} title="Could not load versions" onRetry={() => void versions.refetch()} retrying={versions.isFetching} />
      ) : versions.data.length === 0 ? (
        <div className="card">
          <EmptyState title="Not published yet">Publishing freezes the approved skills into version 1; later changes never alter it.</EmptyState>
        </div>
      ) : (
        <ol className="card versions" data-testid="versions">
          {versions.data.map((v) => (
            <VersionRow
              key={v.id}
              agentId={agentId}
              version={v}
              comparing={comparing === v.id}
              onCompare={() => setComparing((c) => (c === v.id ? null : v.id))}
            />
          ))}
        </ol>
      )}
      {publishing && (
        <PublishDialog
          agentId={agentId}
          approvedCount={approvedCount}
          skillCount={skillCount}
          nextVersion={(versions.data?.[0]?.version ?? 0) + 1}
          onClose={() => setPublishing(false)}
        />
      )}
    </section>
  );
}

function VersionRow({ agentId, version: v, comparing, onCompare }: { agentId: string; version: AgentVersion; comparing: boolean; onCompare: () => void }) {
  return (
    <li className="version" data-testid="version" data-version={v.version}>
      <div className="version-line">
        <Badge tone="success" className="version-number">
          v{v.version}
        </Badge>
        <span className="version-when">{formatDateTime(v.publishedAt)}</span>
        {v.publishedBy && <span className="muted">by {v.publishedBy}</span>}
        <span className="muted">· {plural(v.skills.length, "skill")}</span>
        <Button size="sm" variant="ghost" className="version-compare" aria-expanded={comparing} onClick={onCompare} data-testid="version-compare">
          {comparing ? "Hide changes" : "Changes since"}
        </Button>
      </div>
      {v.note && <p className="version-note">{v.note}</p>}
      {v.skills.length > 0 && (
        <div className="version-skills">
          {v.skills.map((s) => (
            <Badge key={s.skillId} tone={s.isEnabled ? "accent" : "neutral"} title={`Approved by ${s.approval.by}: ${s.approval.contentHash}`}>
              {s.toolName}
            </Badge>
          ))}
        </div>
      )}
      {comparing && <VersionDiffView agentId={agentId} version={v.id} label={`v${v.version}`} />}
    </li>
  );
}

const diffTone: Record<DiffEntry["kind"], BadgeTone> = { added: "success", removed: "danger", changed: "warning" };

function VersionDiffView({ agentId, version, label }: { agentId: string; version: string; label: string }) {
  const diff = useVersionDiff(agentId, version);
  if (diff.isPending) return <Loading label="Comparing…" lines={2} />;
  if (diff.isError) return <ErrorPanel compact error={diff.error} title="Could not compare" />;
  if (diff.data.entries.length === 0) {
    return <p className="version-diff-empty muted">No changes from {label} to the skills as they are now.</p>;
  }
  return (
    <div className="version-diff" data-testid="version-diff">
      <div className="faint">
        {diff.data.from} → {diff.data.to}: {plural(diff.data.entries.length, "change")}
      </div>
      <ul className="diff-entries">
        {diff.data.entries.map((e) => (
          <li key={`${e.field}-${e.kind}`} className="diff-entry" data-kind={e.kind}>
            <Badge tone={diffTone[e.kind]}>{e.kind}</Badge>
            <code className="diff-field">{e.field}</code>
            {e.kind === "changed" && (
              <span className="diff-values">
                <code className="diff-before" title={jsonText(e.before)}>
                  {jsonText(e.before)}
                </code>
                <span aria-hidden="true">→</span>
                <code className="diff-after" title={jsonText(e.after)}>
                  {jsonText(e.after)}
                </code>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface PublishDialogProps {
  agentId: string;
  approvedCount: number;
  skillCount: number;
  nextVersion: number;
  onClose: () => void;
}

function PublishDialog({ agentId, approvedCount, skillCount, nextVersion, onClose }: PublishDialogProps) {
  const publish = usePublishAgent(agentId);
  const [note, setNote] = useState("");
  const [by, setBy] = useState(rememberedApprover);
  const formId = "publish-form";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (publish.isPending) return;
    publish.mutate(
      { ...(note.trim() ? { note: note.trim() } : {}), ...(by.trim() ? { by: by.trim() } : {}) },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog
      open
      title={`Publish version ${nextVersion}`}
      description="Freezes every approved skill, with its approval, into a numbered version that never changes."
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" loading={publish.isPending} data-testid="publish-submit">
            Publish v{nextVersion}
          </Button>
        </>
      }
    >
      <form id={formId} className="agent-form" onSubmit={submit}>
        <p className={approvedCount === 0 ? "publish-warning" : "muted"} data-testid="publish-count">
          {approvedCount === 0
            ? `None of the ${plural(skillCount, "skill")} is approved: the version would hold no skills.`
            : `${plural(approvedCount, "approved skill")} of ${skillCount} go into it; the others are left out.`}
        </p>
        <TextField label="What changed" value={note} onChange={(e) => setNote(e.target.value)} placeholder="First version" data-testid="publish-note" />
        <TextField label="Published by" value={by} onChange={(e) => setBy(e.target.value)} placeholder="Your name" data-testid="publish-by" />
        {publish.isError && <ErrorPanel compact error={publish.error} title="Could not publish" />}
      </form>
    </Dialog>
  );
}

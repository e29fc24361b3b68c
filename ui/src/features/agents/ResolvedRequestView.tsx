import type { RequestHeader, ResolvedRequest } from "../../api/agentTypes";
import { Badge, CopyButton } from "../../components/ui";
import { jsonText, prettyJson } from "./skillModel";

/** The request as the core built it: secrets are already `<redacted>` by the core. */
export function ResolvedRequestView({ request }: { request: ResolvedRequest | null }) {
  if (!request) {
    return (
      <p className="muted" data-testid="request-none">
        Nothing could be built from these inputs: see the diagnostics.
      </p>
    );
  }
  switch (request.transport) {
    case "native_sql":
      return (
        <div className="resolved" data-testid="resolved-request" data-transport={request.transport}>
          <div className="plan-facts">
            <Badge tone="accent">{request.dialect}</Badge>
            <Badge tone={request.readOnly ? "success" : "warning"}>{request.readOnly ? "read-only transaction" : "writes"}</Badge>
            <span className="muted">timeout {request.statementTimeoutMs} ms</span>
            <span className="muted">
              at most {request.rowLimit} {request.rowLimit === 1 ? "row" : "rows"}
            </span>
          </div>
          <Pre text={request.statement} testId="request-statement" />
          {request.parameters.length > 0 && (
            <table className="plan-table">
              <thead>
                <tr>
                  <th scope="col">Placeholder</th>
                  <th scope="col">Column</th>
                  <th scope="col">Type</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {request.parameters.map((p) => (
                  <tr key={p.placeholder} data-testid="request-parameter" data-column={p.column}>
                    <td>
                      <code>{p.placeholder}</code>
                    </td>
                    <td>
                      <code>{p.column}</code>
                    </td>
                    <td>
                      <code>{p.type}</code>
                    </td>
                    <td>
                      <code className="request-value">{jsonText(p.value)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      );
    case "native_rest":
      return (
        <div className="resolved" data-testid="resolved-request" data-transport={request.transport}>
          <div className="request-line">
            <Badge tone={request.method === "GET" ? "success" : "warning"} mono>
              {request.method}
            </Badge>
            <code className="request-url" data-testid="request-url">
              {request.url}
            </code>
            <CopyButton text={request.url} variant="ghost" label="Copy URL" />
          </div>
          <Headers headers={request.headers} />
          {request.body !== null && (
            <>
              <div className="faint">Body{request.bodyMediaType && <> · {request.bodyMediaType}</>}</div>
              <Pre text={prettyBody(request.body, request.bodyMediaType)} testId="request-body" />
            </>
          )}
        </div>
      );
    case "native_graphql":
      return (
        <div className="resolved" data-testid="resolved-request" data-transport={request.transport}>
          <div className="request-line">
            <Badge tone="violet">GraphQL</Badge>
            <code className="request-url" data-testid="request-url">
              {request.url}
            </code>
            <span className="muted">
              operation <code>{request.operationName}</code>
            </span>
          </div>
          <Headers headers={request.headers} />
          <Pre text={request.document} testId="request-document" />
          <div className="faint">Variables</div>
          <Pre text={prettyJson(request.variables)} testId="request-variables" />
        </div>
      );
  }
}

/** A JSON body pretty-printed; anything else as sent. */
function prettyBody(body: string, mediaType: string | null): string {
  if (mediaType && !/json/i.test(mediaType)) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Pre({ text, testId }: { text: string; testId: string }) {
  return (
    <div className="code-block">
      <div className="code-block-head code-block-head-end">
        <CopyButton text={text} variant="ghost" />
      </div>
      <pre className="code" data-testid={testId}>
        {text}
      </pre>
    </div>
  );
}

function Headers({ headers }: { headers: RequestHeader[] }) {
  if (headers.length === 0) return <div className="faint">No headers.</div>;
  return (
    <table className="plan-table request-headers">
      <thead>
        <tr>
          <th scope="col">Header</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {headers.map((h, i) => (
          <tr key={`${h.name}-${i}`} data-testid="request-header" data-name={h.name} data-secret={h.secret}>
            <td>
              <code>{h.name}</code>
            </td>
            <td>
              <code className={h.secret ? "request-value redacted" : "request-value"} data-testid="request-header-value">
                {h.value}
              </code>
              {h.secret && (
                <Badge tone="neutral" className="secret-badge" title="A secret: the core never returns its value">
                  secret
                </Badge>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

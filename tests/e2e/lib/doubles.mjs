// The test doubles of tests/doubles/ (real third-party servers on loopback) for the e2e tests:
// the OAuth/OIDC server (oidc-provider) and the GraphQL server (graphql-yoga). Each runs as
// `node <script>` in its own process group (never through npx) and prints `READY <url>` once
// listening.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, missing } from "./env.mjs";
import { spawnGroup, stopGroup } from "./proc.mjs";

export const DOUBLES_DIR = join(REPO_ROOT, "tests/doubles");

/** What is missing to run the doubles (messages, as `browserPrereqs()`); feed it to `gate()`. */
export function doublesPrereqs(...packages) {
  return missing(
    packages.map((p) => [
      existsSync(join(DOUBLES_DIR, "node_modules", p, "package.json")),
      `tests/doubles/node_modules/${p} is missing (cd tests/doubles && npm ci)`,
    ]),
  );
}

/**
 * Starts `node tests/doubles/<script> ...args` and waits for its `READY <url>` line. Returns
 * { url, proc, stop() }; stop is SIGTERM to the group (SIGKILL for what is left).
 */
export async function startDouble(script, args = [], { timeoutMs = 30000 } = {}) {
  const proc = spawnGroup(process.execPath, [join(DOUBLES_DIR, script), ...args], { cwd: DOUBLES_DIR, env: { ...process.env, NO_COLOR: "1" } });
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error(`${script}: no READY line after ${timeoutMs} ms\n${proc.stderr()}`)), timeoutMs);
    const onData = (d) => {
      buf += d;
      const m = /^READY (\S+)$/m.exec(buf);
      if (m) {
        clearTimeout(timer);
        proc.child.stdout.off("data", onData);
        resolve(m[1]);
      }
    };
    proc.child.stdout.on("data", onData);
    proc.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (code ${code}, signal ${signal}) before READY:\n${proc.stderr()}`));
    });
  }).catch(async (e) => {
    await stopGroup(proc, { graceMs: 2000 });
    throw e;
  });
  let stopped = null;
  return {
    url,
    proc,
    stop() {
      stopped ??= stopGroup(proc, { graceMs: 3000 });
      return stopped;
    },
  };
}

/**
 * The OAuth 2.0 / OpenID Connect server (oidc-server.mjs). `confidentialSecret` replaces
 * bindery-confidential's secret; `exposeTokens` turns on GET /test/issued-tokens. Returns the
 * double plus { issuer, config (the discovery document), issuedTokens(), introspect(token) }.
 */
export async function startOidc({ accessTokenTtl = 3600, confidentialSecret, exposeTokens = false } = {}) {
  const args = ["--port", "0", "--access-token-ttl", String(accessTokenTtl)];
  if (confidentialSecret) args.push("--confidential-secret", confidentialSecret);
  if (exposeTokens) args.push("--expose-issued-tokens");
  const double = await startDouble("oidc-server.mjs", args);
  const issuer = double.url;
  let config;
  try {
    const r = await fetch(`${issuer}/.well-known/openid-configuration`);
    if (!r.ok) throw new Error(`openid-configuration answered ${r.status}`);
    config = await r.json();
  } catch (e) {
    await double.stop();
    throw e;
  }
  const secret = confidentialSecret ?? "bindery-test-secret";
  return {
    ...double,
    issuer,
    config,
    /** { accessTokens: [...], refreshTokens: [...] } issued so far (needs exposeTokens). */
    async issuedTokens() {
      const r = await fetch(`${issuer}/test/issued-tokens`);
      if (!r.ok) throw new Error(`/test/issued-tokens answered ${r.status} (start with exposeTokens)`);
      return r.json();
    },
    /** RFC 7662 introspection as bindery-confidential: { active, ... }. */
    async introspect(token) {
      const r = await fetch(config.introspection_endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`bindery-confidential:${secret}`).toString("base64")}`,
        },
        body: new URLSearchParams({ token }),
      });
      if (!r.ok) throw new Error(`introspection answered ${r.status}: ${await r.text()}`);
      return r.json();
    },
  };
}

/** The GraphQL server (graphql-server.mjs) over an SDL file; `token` makes it require that bearer token. */
export async function startGraphql({ schema, token }) {
  const args = ["--schema", schema, "--port", "0"];
  if (token) args.push("--token", token);
  return startDouble("graphql-server.mjs", args);
}

// A real OAuth 2.0 / OpenID Connect authorization server (panva's oidc-provider) on loopback.
//
//   node oidc-server.mjs [--port 0] [--access-token-ttl SECONDS] [--confidential-secret SECRET]
//                        [--expose-issued-tokens]
//
// Listens on 127.0.0.1 only; the issuer is http://127.0.0.1:PORT. When ready it prints exactly
// one line to stdout:
//   READY http://127.0.0.1:PORT
// Endpoints are the ones in /.well-known/openid-configuration (/auth, /token, /token/revocation,
// /token/introspection, /me, /jwks).
//
// - devInteractions: the built-in login form (any login, any password) and consent form.
// - PKCE (S256) required for every authorization request.
// - Clients:
//     bindery-native        public native app: token_endpoint_auth_method 'none', redirect
//                           http://127.0.0.1/callback on any port; refresh tokens rotate.
//     bindery-confidential  native app with client_secret 'bindery-test-secret' (HTTP Basic),
//                           same loopback redirect; refresh tokens do not rotate; the only client
//                           allowed to introspect.
// - Scopes openid offline_access profile email. A refresh token is issued only for
//   offline_access with prompt=consent.
// - --access-token-ttl SECONDS: access token lifetime (default 3600), short to force a refresh;
//   no clock tolerance, so /me refuses an access token the second it expires.
// - GET /test/token-requests answers {"count": N}: the POST requests the token endpoint received,
//   so a test can prove that concurrent refreshes made one request.
// - --confidential-secret SECRET: the secret of bindery-confidential instead of
//   'bindery-test-secret' (a canary test gives a value of its own; it is never printed).
// - --expose-issued-tokens: GET /test/issued-tokens answers {"accessTokens": [...],
//   "refreshTokens": [...]}, every token value issued so far, so a canary test can look for them
//   where they must not be. Off by default: never expose tokens unless a test asks.
// Everything lives in memory: a restart forgets every grant. Exits 0 on SIGTERM/SIGINT.
// Node 20 makes oidc-provider warn "Unsupported runtime" on stderr: harmless, it runs.

import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const HOST = '127.0.0.1';
const LOOPBACK_REDIRECT = `http://${HOST}/callback`;

function fail(message) {
  process.stderr.write(`oidc-server: ${message}\n`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'access-token-ttl': { type: 'string', default: '3600' },
      'confidential-secret': { type: 'string', default: 'bindery-test-secret' },
      'expose-issued-tokens': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail(
    `${error.message}\nusage: node oidc-server.mjs [--port 0] [--access-token-ttl SECONDS] ` +
      '[--confidential-secret SECRET] [--expose-issued-tokens]',
  );
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be an integer 0..65535');
const accessTokenTtl = Number(args['access-token-ttl']);
if (!Number.isInteger(accessTokenTtl) || accessTokenTtl < 1) {
  fail('--access-token-ttl must be a whole number of seconds, at least 1');
}
const confidentialSecret = args['confidential-secret'];
if (!confidentialSecret) fail('--confidential-secret must not be empty');
const exposeIssuedTokens = args['expose-issued-tokens'];

function configuration() {
  return {
    clients: [
      {
        client_id: 'bindery-native',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [LOOPBACK_REDIRECT],
      },
      {
        client_id: 'bindery-confidential',
        client_secret: confidentialSecret,
        application_type: 'native',
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [LOOPBACK_REDIRECT],
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
    },
    ttl: { AccessToken: accessTokenTtl },
    // No grace period: an access token is refused the second it expires (the default 15 s
    // tolerance would hide a short lifetime).
    clockTolerance: 0,
    findAccount: async (ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, email: `${sub}@example.test`, email_verified: true, name: sub }),
    }),
    cookies: { keys: ['bindery-test-only-cookie-key'] },
  };
}

let tokenRequests = 0;
/** Token values issued so far (opaque tokens: the value is the jti), kept for --expose-issued-tokens. */
const issued = { accessTokens: [], refreshTokens: [] };
const server = createServer();
server.on('error', (error) => fail(`cannot listen: ${error.message}`));
server.listen(port, HOST, () => {
  const issuer = `http://${HOST}:${server.address().port}`;
  let provider;
  try {
    provider = new Provider(issuer, configuration());
  } catch (error) {
    fail(`cannot configure oidc-provider: ${error.message}`);
  }
  if (exposeIssuedTokens) {
    provider.on('access_token.saved', (token) => issued.accessTokens.push(token.jti));
    provider.on('refresh_token.saved', (token) => issued.refreshTokens.push(token.jti));
  }
  const handle = provider.callback();
  server.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (req.method === 'GET' && path === '/test/token-requests') {
      const body = JSON.stringify({ count: tokenRequests });
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    if (exposeIssuedTokens && req.method === 'GET' && path === '/test/issued-tokens') {
      const body = JSON.stringify(issued);
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    if (req.method === 'POST' && path === '/token') tokenRequests += 1;
    handle(req, res);
  });
  process.stdout.write(`READY ${issuer}\n`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  // Never hang on shutdown: whatever is still open after 1 s is cut.
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

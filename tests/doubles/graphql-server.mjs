// A real GraphQL server over an SDL file, answering with deterministic mock data.
//
//   node graphql-server.mjs --schema FILE.graphql [--port 0] [--token SECRET] [--no-introspection]
//
// Listens on 127.0.0.1 only, at /graphql. When ready it prints exactly one line to stdout:
//   READY http://127.0.0.1:PORT/graphql
// --token SECRET      every request without `Authorization: Bearer SECRET` gets 401
//                     {"errors":[{"message":"unauthorized"}]}; the token is never printed.
// --no-introspection  introspection queries fail validation ({"errors":[...]}, no data).
// Exits 0 on SIGTERM/SIGINT; exits 1 with a message on stderr if the schema cannot be built.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { parseArgs } from 'node:util';

import { NoSchemaIntrospectionCustomRule, isScalarType, isSpecifiedScalarType } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { addMocksToSchema } from '@graphql-tools/mock';

const HOST = '127.0.0.1';
const PATH = '/graphql';

function fail(message) {
  process.stderr.write(`graphql-server: ${message}\n`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      schema: { type: 'string' },
      port: { type: 'string', default: '0' },
      token: { type: 'string' },
      'no-introspection': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  // The parser's message names the offending option, never a value.
  fail(`${error.message}\nusage: node graphql-server.mjs --schema FILE.graphql [--port 0] [--token SECRET] [--no-introspection]`);
}
if (!args.schema) fail('--schema FILE.graphql is required');
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be an integer 0..65535');

let schema;
try {
  const typeDefs = readFileSync(args.schema, 'utf8');
  const executable = makeExecutableSchema({ typeDefs });
  const mocks = {
    String: () => 'mock-string',
    ID: () => 'mock-id',
    Int: () => 7,
    Float: () => 1.5,
    Boolean: () => true,
  };
  for (const type of Object.values(executable.getTypeMap())) {
    if (isScalarType(type) && !isSpecifiedScalarType(type)) {
      const value = `mock-${type.name}`;
      mocks[type.name] = () => value;
    }
  }
  // 'deterministic': enums and abstract types take their first value/implementation.
  schema = addMocksToSchema({ schema: executable, mocks, mockGenerationBehavior: 'deterministic' });
} catch (error) {
  fail(`cannot build a schema from ${args.schema}: ${error.message}`);
}

const plugins = [];
if (args['no-introspection']) {
  plugins.push({
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  });
}

const yoga = createYoga({
  schema,
  graphqlEndpoint: PATH,
  graphiql: false,
  landingPage: false,
  logging: false,
  plugins,
});

const expected = args.token === undefined ? null : Buffer.from(`Bearer ${args.token}`);
function authorized(req) {
  if (expected === null) return true;
  const given = Buffer.from(req.headers.authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const UNAUTHORIZED = JSON.stringify({ errors: [{ message: 'unauthorized' }] });

const server = createServer((req, res) => {
  if (!authorized(req)) {
    // Drain the body so the client is not stuck writing it.
    req.resume();
    res.writeHead(401, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(UNAUTHORIZED),
      'www-authenticate': 'Bearer',
    });
    res.end(UNAUTHORIZED);
    return;
  }
  yoga(req, res);
});

server.on('error', (error) => fail(`cannot listen: ${error.message}`));
server.listen(port, HOST, () => {
  const { port: actual } = server.address();
  process.stdout.write(`READY http://${HOST}:${actual}${PATH}\n`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  // Never hang on shutdown: whatever is still open after 1 s is cut.
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

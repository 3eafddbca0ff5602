#!/usr/bin/env node
// Checks a live Waihu GraphQL API the way a client team's tools read it, and prints one JSON
// object on stdout:
//
//   node contract-check.mjs --url http://localhost:8081/graphql [--token <jwt>]
//       [--operations ../operations] [--pending conventions-pending.txt]
//   node contract-check.mjs --sdl schema.graphql [--pending <file>]     (no server: a schema file)
//
//   introspection  graphql-js getIntrospectionQuery() sent without and with the token: each
//                  {ok, errors}; the schema is built from the anonymous answer (buildClientSchema)
//   operations     every *.graphql file in --operations validated against that schema: {file, errors}
//   violations     the conventions (conventions.mjs) the schema breaks: [{key, detail}]
//   unexpected     violations not on the pending list: the schema got worse
//   fixed          pending entries that no longer break anything: take them off the list
//
// The pending list has one violation key a line ("<rule> <coordinate>", # starts a comment):
// what today's schema breaks and the API work will fix. It may only shrink.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildClientSchema, buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { checkConventions } from './conventions.mjs';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    sdl: { type: 'string' },
    operations: { type: 'string' },
    pending: { type: 'string' },
  },
});
if (!options.url && !options.sdl) {
  process.stderr.write('usage: contract-check.mjs --url <graphql endpoint> | --sdl <schema file> [--token <jwt>] '
    + '[--operations <dir>] [--pending <file>]\n');
  process.exit(2);
}

async function introspect(token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(options.url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: getIntrospectionQuery(), operationName: 'IntrospectionQuery' }),
  });
  const body = await response.json();
  return { ok: response.ok && !body.errors && !!body.data, errors: body.errors ?? [], data: body.data };
}

function readPending(file) {
  if (!file) {
    return [];
  }
  return readFileSync(file, 'utf8').split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
}

const result = {};
let schema;
if (options.url) {
  const anonymous = await introspect(null);
  const withToken = options.token ? await introspect(options.token) : null;
  result.introspection = {
    anonymous: { ok: anonymous.ok, errors: anonymous.errors },
    withToken: withToken && { ok: withToken.ok, errors: withToken.errors },
  };
  if (!anonymous.ok) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  }
  schema = buildClientSchema(anonymous.data);
} else {
  schema = buildSchema(readFileSync(options.sdl, 'utf8'));
}

if (options.operations) {
  result.operations = readdirSync(options.operations).filter((name) => name.endsWith('.graphql')).sort()
    .map((name) => {
      const text = readFileSync(join(options.operations, name), 'utf8');
      let errors;
      try {
        errors = validate(schema, parse(text)).map((error) => error.message);
      } catch (error) {
        errors = [error.message];
      }
      return { file: name, errors };
    });
}

const violations = checkConventions(schema);
const pending = readPending(options.pending);
const found = new Set(violations.map((violation) => violation.key));
result.violations = violations;
result.unexpected = violations.filter((violation) => !pending.includes(violation.key));
result.fixed = pending.filter((key) => !found.has(key));
process.stdout.write(`${JSON.stringify(result)}\n`);

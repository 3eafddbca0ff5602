// GraphQL over HTTP, sending only the operations checked into frontend-contract/operations/
// (served beside the page), so the client cannot drift from what the contract test validates.

const OPERATION_FILES = ['operations/auth.graphql', 'operations/softphone.graphql'];

/** A GraphQL error with the server's stable extensions.code (UNAUTHENTICATED, VALIDATION, ...). */
export class GraphQLError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'GraphQLError';
    this.code = code;
  }
}

export class GraphQLClient {
  constructor(endpoint) {
    this.endpoint = endpoint;
    this.token = null;
    this.documents = null;
  }

  async operations() {
    if (!this.documents) {
      this.documents = Promise.all(OPERATION_FILES.map(async (file) => {
        const response = await fetch(new URL(file, document.baseURI));
        if (!response.ok) {
          throw new Error(`cannot load ${file}: HTTP ${response.status}`);
        }
        return response.text();
      })).then((texts) => splitOperations(texts.join('\n')));
    }
    return this.documents;
  }

  async operation(name) {
    const text = (await this.operations()).get(name);
    if (!text) {
      throw new GraphQLError(`operation ${name} is not in ${OPERATION_FILES.join(', ')}`, 'CLIENT');
    }
    return text;
  }

  /** Runs the named operation; resolves to its data, rejects with a GraphQLError. */
  async run(operationName, variables = {}) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (this.token) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers,
      // One operation per request: a server validates the whole document it receives.
      body: JSON.stringify({ query: await this.operation(operationName), operationName, variables }),
    });
    let body;
    try {
      body = await response.json();
    } catch {
      throw new GraphQLError(`${operationName}: HTTP ${response.status} without a GraphQL answer`, 'HTTP');
    }
    if (body.errors && body.errors.length > 0) {
      const first = body.errors[0];
      throw new GraphQLError(first.message, first.extensions?.code ?? first.extensions?.classification ?? 'ERROR');
    }
    if (!response.ok) {
      throw new GraphQLError(`${operationName}: HTTP ${response.status}`, 'HTTP');
    }
    return body.data;
  }
}

/**
 * A mutation's payload from its data; rejects with a GraphQLError (the first user error's code,
 * its field path in the message) when the server refused input the user can fix: a payload with
 * userErrors carries no object.
 */
export function payloadOf(data, mutation) {
  const payload = data[mutation];
  const [first] = payload?.userErrors ?? [];
  if (first) {
    const field = first.field ? `${first.field.join('.')}: ` : '';
    throw new GraphQLError(`${field}${first.message}`, first.code);
  }
  return payload;
}

/**
 * The named operations of a document, each as its own text: top-level definitions end where
 * their braces close (comments and strings skipped). The operations use no fragments.
 */
export function splitOperations(text) {
  const operations = new Map();
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"') {
      const block = text.startsWith('"""', i);
      const end = block ? text.indexOf('"""', i + 3) : findStringEnd(text, i + 1);
      i = end < 0 ? text.length : end + (block ? 2 : 0);
    } else if (depth === 0 && start < 0 && /[A-Za-z]/.test(c)) {
      start = i;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0 && start >= 0) {
        const definition = text.slice(start, i + 1);
        const name = /^(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(definition);
        if (name) {
          operations.set(name[1], definition);
        }
        start = -1;
      }
    }
  }
  return operations;
}

function findStringEnd(text, from) {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
    } else if (text[i] === '"') {
      return i;
    }
  }
  return -1;
}

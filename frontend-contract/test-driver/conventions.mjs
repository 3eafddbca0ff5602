// The API's conventions, checked mechanically over a schema (graphql-js GraphQLSchema). Each
// violation is {key, detail}: the key ("<rule> <coordinate>") is what the pending list names,
// the detail says what is wrong. Rules:
//   described   every type (but GraphQL's own) and every field and input field has a description
//   node        every object type with an `id` field implements the `Node` interface (but NOT_NODES)
//   connection  every field taking pagination arguments (first/after/last/before) takes all four
//               and returns a `…Connection` of the one shape: edges { cursor node }, nodes,
//               pageInfo { hasNextPage hasPreviousPage startCursor endCursor }, totalCount
//   enum        no String whose values are a closed set: a field, input field or argument named
//               like one (status, state, type, kind, result, origin, endedBy, match, transport,
//               …Encryption, event, role(s), mode, direction, scope, stage — the name or its last
//               camel-case word) is an enum unless ALLOWED_STRINGS says why not
//   id          ids are ID: `id`, `ids`, `…Id`, `…Ids` fields, input fields and arguments (but NOT_IDS)
//   allowed     every ALLOWED_STRINGS entry still names a String that looks like a closed set
import {
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

const STAGES = 'pipeline stages are configured per deployment (waihu.pipeline.stages), not fixed in the schema';
const SCOPES = 'GLOBAL or a campaign id: campaigns are data, not schema';
const STORED_NAMES = 'the raw stored event name, also of types this version no longer has (an old or parked event): an '
  + 'enum could not carry it';

/** Strings that look like a closed set and are not, each with the reason. */
export const ALLOWED_STRINGS = new Map([
  ['Opportunity.stage', STAGES],
  ['OpenOpportunityInput.stage', STAGES],
  ['MoveOpportunityStageInput.stage', STAGES],
  ['StageTotal.stage', STAGES],
  ['Query.opportunities(stage)', STAGES],
  ['BlacklistEntry.scope', SCOPES],
  ['Query.blacklistEntries(scope)', SCOPES],
  ['Query.isBlacklisted(scope)', SCOPES],
  ['AddToBlacklistInput.scope', SCOPES],
  ['RemoveFromBlacklistInput.scope', SCOPES],
  ['StoredEvent.type', STORED_NAMES],
  ['ParkedEvent.eventType', STORED_NAMES],
]);

/** Names (or last camel-case words of names) that usually hold one of a few values. */
const CLOSED_SET_WORDS = new Set(['status', 'state', 'type', 'kind', 'result', 'origin', 'endedby', 'match',
  'transport', 'encryption', 'event', 'role', 'roles', 'mode', 'direction', 'scope', 'stage']);
const ID_NAME = /^(id|ids)$|[a-z](Id|Ids)$/;
/** Named like an id and not one, each with the reason. */
export const NOT_IDS = new Map([
  ['Trunk.callerId', 'the caller-ID number presented to the carrier, not an object\'s identifier'],
  ['ConfigureTrunkInput.callerId', 'the caller-ID number presented to the carrier, not an object\'s identifier'],
]);
const CHANGE_NOTICE = 'a change notice, not an object: its id names the changed object, which may be gone or no longer '
  + 'visible (the object itself is the notice\'s nullable field)';
/** Object types with an `id` that are not Nodes, each with the reason. */
export const NOT_NODES = new Map([
  ['CustomerChange', CHANGE_NOTICE],
  ['OpportunityChange', CHANGE_NOTICE],
  ['CallChange', CHANGE_NOTICE],
  ['CampaignChange', CHANGE_NOTICE],
]);
const PAGING = ['first', 'after', 'last', 'before'];
const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

export function checkConventions(schema) {
  const violations = [];
  const report = (key, detail) => violations.push({ key, detail });
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !BUILT_IN_SCALARS.has(type.name));
  const node = schema.getType('Node');
  const allowedSeen = new Set();
  for (const type of types) {
    if (!type.description) {
      report(`described ${type.name}`, 'the type has no description');
    }
    if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) {
      continue;
    }
    const fields = Object.values(type.getFields());
    if (isObjectType(type) && fields.some((field) => field.name === 'id') && !NOT_NODES.has(type.name)
        && !(node && isInterfaceType(node) && type.getInterfaces().includes(node))) {
      report(`node ${type.name}`, 'has an id but does not implement Node');
    }
    for (const field of fields) {
      const at = `${type.name}.${field.name}`;
      if (!field.description) {
        report(`described ${at}`, 'the field has no description');
      }
      checkValue(report, allowedSeen, at, field.name, field.type);
      for (const arg of field.args ?? []) {
        checkValue(report, allowedSeen, `${at}(${arg.name})`, arg.name, arg.type);
      }
      if ((field.args ?? []).some((arg) => PAGING.includes(arg.name))) {
        const problems = connectionProblems(field);
        if (problems.length > 0) {
          report(`connection ${at}`, problems.join('; '));
        }
      }
    }
  }
  for (const at of ALLOWED_STRINGS.keys()) {
    if (!allowedSeen.has(at)) {
      report(`allowed ${at}`, 'ALLOWED_STRINGS names a String that is gone or no longer looks like a closed set: remove it');
    }
  }
  return violations.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function checkValue(report, allowedSeen, at, name, type) {
  const named = getNamedType(type);
  if (named.name === 'String' && ID_NAME.test(name) && !NOT_IDS.has(at)) {
    report(`id ${at}`, 'an id typed String: ids are ID');
  }
  if (named.name === 'String' && closedSetName(name)) {
    allowedSeen.add(at);
  }
  if (named.name === 'String' && closedSetName(name) && !ALLOWED_STRINGS.has(at)) {
    report(`enum ${at}`, 'a String named like a closed set: an enum, or an entry in ALLOWED_STRINGS with the reason');
  }
}

function closedSetName(name) {
  const lastWord = /[A-Z][a-z]*$/.exec(name);
  return CLOSED_SET_WORDS.has(name.toLowerCase()) || (lastWord !== null && CLOSED_SET_WORDS.has(lastWord[0].toLowerCase()));
}

function connectionProblems(field) {
  const problems = [];
  const missing = PAGING.filter((name) => !field.args.some((arg) => arg.name === name));
  if (missing.length > 0) {
    problems.push(`no ${missing.join('/')} argument`);
  }
  const result = unwrapNonNull(field.type);
  if (!isObjectType(result) || !result.name.endsWith('Connection')) {
    problems.push(`returns ${String(field.type)}, not a …Connection`);
    return problems;
  }
  const fields = result.getFields();
  const edge = fields.edges && listOf(fields.edges.type);
  if (!edge || !isObjectType(edge) || !edge.getFields().cursor || !edge.getFields().node) {
    problems.push('no edges { cursor node }');
  }
  if (!fields.nodes || !listOf(fields.nodes.type)) {
    problems.push('no nodes list');
  }
  const pageInfo = fields.pageInfo && unwrapNonNull(fields.pageInfo.type);
  const pageFields = pageInfo && isObjectType(pageInfo) ? pageInfo.getFields() : {};
  const missingPage = ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'].filter((name) => !pageFields[name]);
  if (missingPage.length > 0) {
    problems.push(`pageInfo without ${missingPage.join(', ')}`);
  }
  if (!fields.totalCount) {
    problems.push('no totalCount');
  }
  return problems;
}

function unwrapNonNull(type) {
  return isNonNullType(type) ? type.ofType : type;
}

function listOf(type) {
  const list = unwrapNonNull(type);
  return isListType(list) ? getNamedType(list) : null;
}

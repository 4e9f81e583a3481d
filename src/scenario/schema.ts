/**
 * The JSON Schema of scenario files. The loader validates with it, and `scenarios/scenario.schema.json`
 * is this object written out (a test keeps the two identical) so editors can complete and validate
 * scenario files.
 */

const duration = {
  type: 'string',
  pattern: '^\\d+(\\.\\d+)?(ms|s|m|h)$',
  description: 'Virtual time: 500ms, 30s, 2m, 1h.',
};

const consoleName = { type: 'string', minLength: 1, description: 'A console of the lab: Hub, Spoke1, Spoke2, ISP …' };

const lines = {
  description: 'One line, several lines in a block (|), or a list of lines.',
  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
};

const step = {
  type: 'object',
  description: 'Type lines into a console (type), or let virtual time pass (wait).',
  properties: {
    console: consoleName,
    type: lines,
    wait: duration,
    say: { type: 'string', description: 'Narration shown while the step plays.' },
    expect: { type: 'string', description: 'Regular expression the output of the typed lines must match.' },
  },
  additionalProperties: false,
};

const checkCommon = {
  name: { type: 'string', description: 'What the check verifies, as the report prints it.' },
  points: { type: 'integer', minimum: 0, description: 'Points for passing (default 1).' },
  message: { type: 'string', description: 'Shown when the check fails.' },
  console: consoleName,
};

function checkOf(type: string, description: string, props: Record<string, unknown>, required: string[]): object {
  return {
    type: 'object',
    description,
    properties: { type: { const: type }, ...checkCommon, ...props },
    required: ['type', 'console', ...required],
    additionalProperties: false,
  };
}

const address = { type: 'string', pattern: '^\\d{1,3}(\\.\\d{1,3}){3}$' };

export const CHECK_SCHEMAS = {
  output: checkOf(
    'output',
    'Run a command (usually a show) and match its output.',
    {
      command: { type: 'string', minLength: 1 },
      match: { type: 'string', description: 'Regular expression the output must match.' },
      notMatch: { type: 'string', description: 'Regular expression the output must not match.' },
      field: {
        type: 'object',
        description: 'The first line matching `row`, split on spaces: field `column` (1-based) must equal `equals`.',
        properties: { row: { type: 'string' }, column: { type: 'integer', minimum: 1 }, equals: { type: 'string' } },
        required: ['row', 'column', 'equals'],
        additionalProperties: false,
      },
    },
    ['command'],
  ),
  'nhrp-registered': checkOf('nhrp-registered', 'A spoke has registered with its NHS (show ip nhrp nhs: RE).', { nhs: address }, []),
  'nhrp-peer': checkOf('nhrp-peer', 'The NHRP cache holds a peer’s tunnel address (a hub learning a spoke).', { address }, ['address']),
  'eigrp-neighbor': checkOf('eigrp-neighbor', 'An EIGRP adjacency is up.', { neighbor: address }, ['neighbor']),
  route: checkOf(
    'route',
    'The routing table has (or, with absent, lacks) a prefix.',
    {
      prefix: { type: 'string', pattern: '^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$' },
      code: { type: 'string', description: 'show ip route code: C, L, S, D …' },
      via: address,
      absent: { type: 'boolean' },
    },
    ['prefix'],
  ),
  ping: checkOf(
    'ping',
    'Ping from the console’s router succeeds.',
    {
      target: address,
      source: { type: 'string', description: 'Source interface or address.' },
      repeat: { type: 'integer', minimum: 1, maximum: 1000 },
      minSuccess: { type: 'integer', minimum: 0, maximum: 100, description: 'Lowest success rate in percent (default 80).' },
    },
    ['target'],
  ),
  'ipsec-sa': checkOf(
    'ipsec-sa',
    'An IPsec SA pair is up (with `peer`, when given) and has encrypted and decrypted packets.',
    { peer: address, minPackets: { type: 'integer', minimum: 0, description: 'Fewest packets each way (default 1).' } },
    [],
  ),
  interface: checkOf(
    'interface',
    'An interface’s line protocol is up (or down).',
    { interface: { type: 'string', minLength: 1 }, state: { enum: ['up', 'down'] } },
    ['interface'],
  ),
} as const;

export const CHECK_TYPES = Object.keys(CHECK_SCHEMAS);

export const SCENARIO_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://dmvpn-console.dev/scenario.schema.json',
  title: 'dmvpn-console scenario',
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 1 },
    kind: { enum: ['playback', 'lab', 'ticket'], description: 'Walk-through, graded build lab, or troubleshooting ticket.' },
    description: { type: 'string', description: 'The task, as the learner reads it.' },
    lab: { type: 'string', minLength: 1 },
    start: { enum: ['blank', 'underlay', 'solved'] },
    seed: { type: 'integer', minimum: 0 },
    spokes: { type: 'integer', minimum: 1 },
    settle: { ...duration, description: 'Virtual time to let pass before grading (default 60s).' },
    timeLimit: { ...duration, description: 'Exam countdown for `dmvpn-console lab`.' },
    faults: {
      type: 'array',
      description: 'Configuration applied before the learner starts, hidden from them.',
      items: {
        type: 'object',
        properties: { console: consoleName, config: lines },
        required: ['console', 'config'],
        additionalProperties: false,
      },
    },
    steps: { type: 'array', items: step },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        properties: { type: { enum: CHECK_TYPES } },
        // One schema per check type, chosen by `type` (editors complete the fields of the chosen type).
        allOf: Object.entries(CHECK_SCHEMAS).map(([type, schema]) => ({ if: { properties: { type: { const: type } } }, then: schema })),
      },
    },
    hints: { type: 'array', items: { type: 'string' } },
    solution: { type: 'array', description: 'What to type to solve it (a ticket’s documented fix).', items: step },
  },
  required: ['title', 'kind', 'description', 'lab', 'start'],
  additionalProperties: false,
} as const;

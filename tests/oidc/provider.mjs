// A real, independent OpenID provider (panva's oidc-provider, pinned in package.json) on
// loopback, for the kiosk's login tests: the device flow (the resident's phone signs in)
// and CIBA in poll mode (the resident approves on their phone), with fictional citizens.
//
//   node provider.mjs --port 0 [--kiosk-jwks FILE] [--device-ttl S] [--ciba-ttl S]
//
// Prints exactly one stdout line, "oidc-provider listening on http://127.0.0.1:PORT", once it
// accepts connections; everything else the library says goes to stderr. SIGTERM/SIGINT: exit 0.
// Test-only routes (served before the provider sees the request):
//   GET  /_test/ciba/pending   {"pending": [{auth_req_id, login_hint, binding_message}]}
//   POST /_test/ciba/approve   {"auth_req_id": "..."} -> 204
//   POST /_test/ciba/deny      {"auth_req_id": "..."} -> 204
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import { parseArgs } from 'node:util';

// The in-memory store the library uses by default, made explicitly (one per process) so it
// does not warn about the quick-start adapter: this harness is meant to forget everything.
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

// Notices the library prints for the quick-start parts this harness uses on purpose (the
// development login/consent pages and the default device-flow pages): not worth a line on
// stderr each run. Everything else (the "Unsupported runtime" warning on Node 20, errors)
// still shows. console.info (NOTICE) goes to stderr so that stdout carries only our line.
const EXPECTED_NOTICES = [
  /quick start development-only feature devInteractions is enabled/,
  /default features\.deviceFlow\.(userCodeInputSource|userCodeConfirmSource|successSource) function called/,
];
const quiet = (write) => (...args) => {
  const text = args.map(String).join(' ');
  if (!EXPECTED_NOTICES.some((re) => re.test(text))) write(...args);
};
console.warn = quiet(console.error.bind(console));
console.info = quiet(console.error.bind(console));
console.log = quiet(console.error.bind(console));

const { default: Provider, errors } = await import('oidc-provider');

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'kiosk-jwks': { type: 'string' },
    'device-ttl': { type: 'string', default: '600' },
    'ciba-ttl': { type: 'string', default: '120' },
  },
});

function positiveInt(name, text, { allowZero = false } = {}) {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < (allowZero ? 0 : 1)) {
    console.error(`--${name}: expected a ${allowZero ? 'non-negative' : 'positive'} integer, got ${text}`);
    process.exit(2);
  }
  return n;
}
const port = positiveInt('port', args.port, { allowZero: true });
const deviceTtl = positiveInt('device-ttl', args['device-ttl']);
const cibaTtl = positiveInt('ciba-ttl', args['ciba-ttl']);

// ---- fictional citizens: accountId = the 12-digit CCCD number ---------------------------
const ACCOUNTS = {
  '001190012345': {
    name: 'Nguyễn Thị Lan',
    birthdate: '1990-03-15',
    gender: 'female',
    phone_number: '0912345678',
    address: {
      formatted: 'Số 12, ngõ 34 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội',
      street_address: 'Số 12, ngõ 34 phố Đội Cấn',
      locality: 'Phường Ba Đình',
      region: 'Thành phố Hà Nội',
      country: 'VN',
    },
    cccd_number: '001190012345',
    identity_level: 2,
  },
  '001085004321': {
    name: 'Trần Văn Bình',
    birthdate: '1985-07-02',
    gender: 'male',
    phone_number: '0987654321',
    address: {
      formatted: 'Số 5 phố Liễu Giai, Phường Ba Đình, Thành phố Hà Nội',
      street_address: 'Số 5 phố Liễu Giai',
      locality: 'Phường Ba Đình',
      region: 'Thành phố Hà Nội',
      country: 'VN',
    },
    cccd_number: '001085004321',
    identity_level: 1,
  },
};

async function findAccount(ctx, id) {
  const claims = Object.hasOwn(ACCOUNTS, id) ? ACCOUNTS[id] : undefined;
  if (!claims) return undefined;
  return {
    accountId: id,
    // The library filters these by the granted scopes and the claims configuration.
    async claims(use, scope) { return { sub: id, ...structuredClone(claims) }; },
  };
}

// ---- clients ------------------------------------------------------------------------------
const GRANTS = ['urn:ietf:params:oauth:grant-type:device_code', 'urn:openid:params:grant-type:ciba'];
const common = {
  grant_types: GRANTS,
  response_types: [],
  redirect_uris: [],
  backchannel_token_delivery_mode: 'poll',
  id_token_signed_response_alg: 'RS256',
};
const clients = [{ client_id: 'kiosk-public', token_endpoint_auth_method: 'none', ...common }];
if (args['kiosk-jwks']) {
  const jwks = JSON.parse(readFileSync(args['kiosk-jwks'], 'utf8'));
  clients.push({ client_id: 'kiosk', token_endpoint_auth_method: 'private_key_jwt', jwks, ...common });
}

// ---- CIBA: requests wait here until a test approves or denies them ------------------------
const pending = new Set(); // auth_req_id values (each request's jti)

const ciba = {
  enabled: true,
  deliveryModes: ['poll'],
  async processLoginHint(ctx, loginHint) {
    if (!/^[0-9]{12}$/.test(loginHint)) {
      throw new errors.InvalidRequest('login_hint must be a 12-digit CCCD number');
    }
    // An unknown number: returning nothing makes the library answer unknown_user_id.
    return Object.hasOwn(ACCOUNTS, loginHint) ? loginHint : undefined;
  },
  async validateBindingMessage(ctx, bindingMessage) {
    // The library's default rule, kept (no Vietnamese letters: bind with digits).
    if (bindingMessage !== undefined && !/^[a-zA-Z0-9-._+/!?#]{1,20}$/.test(bindingMessage)) {
      throw new errors.InvalidBindingMessage(
        'the binding_message value, when provided, needs to be 1 - 20 characters in length and use only a basic set of characters (matching the regex: ^[a-zA-Z0-9-._+/!?#]{1,20}$ )',
      );
    }
  },
  async validateRequestContext(ctx, requestContext) {
    if (requestContext === undefined) return;
    try {
      JSON.parse(requestContext);
    } catch {
      throw new errors.InvalidRequest('request_context must be JSON');
    }
  },
  async verifyUserCode(ctx, account, userCode) {
    if (userCode !== undefined) {
      throw new errors.InvalidRequest('user_code is not supported');
    }
  },
  async triggerAuthenticationDevice(ctx, request, account, client) {
    pending.add(request.jti); // what the client got as auth_req_id
  },
};

// ---- signing keys, made fresh per run (RS256 for id_tokens, ES256 offered too) -------------
function signingKey(type, options, alg) {
  const { privateKey } = crypto.generateKeyPairSync(type, options);
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, alg, use: 'sig', kid: `${alg.toLowerCase()}-${crypto.randomBytes(4).toString('hex')}` };
}
const jwks = {
  keys: [
    signingKey('rsa', { modulusLength: 2048 }, 'RS256'),
    signingKey('ec', { namedCurve: 'P-256' }, 'ES256'),
  ],
};

// ---- the server ---------------------------------------------------------------------------
const CLOCK_TOLERANCE_S = 15;
let provider;
let callback;

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

// The pending request as the provider holds it now, or undefined (expired, answered, gone).
// Approve a request found in the store, not the instance triggerAuthenticationDevice got:
// that one has no `exp`, so saving it again (backchannelResult does) would restart its TTL.
async function stored(id) {
  if (!pending.has(id)) return undefined;
  // find() still returns it for clockTolerance seconds after it expires: check exp here.
  const r = await provider.BackchannelAuthenticationRequest.find(id);
  if (r && !r.isExpired && !r.grantId && !r.error) return r;
  pending.delete(id);
  return undefined;
}

async function testRoute(req, res, pathname) {
  if (pathname === '/_test/ciba/pending') {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' });
    const list = [];
    for (const id of pending.keys()) {
      const r = await stored(id);
      if (r) list.push({ auth_req_id: id, login_hint: r.params.login_hint, binding_message: r.params.binding_message });
    }
    return sendJson(res, 200, { pending: list });
  }
  const action = { '/_test/ciba/approve': 'approve', '/_test/ciba/deny': 'deny' }[pathname];
  if (!action) return sendJson(res, 404, { error: 'no such test route' });
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
  let body;
  try {
    body = await readJson(req);
  } catch {
    return sendJson(res, 400, { error: 'body must be JSON' });
  }
  const r = typeof body?.auth_req_id === 'string' ? await stored(body.auth_req_id) : undefined;
  if (!r) return sendJson(res, 404, { error: 'no pending CIBA request with that auth_req_id' });
  pending.delete(r.jti);
  if (action === 'approve') {
    const g = new provider.Grant({ accountId: r.accountId, clientId: r.clientId });
    g.addOIDCScope(r.scope);
    await g.save();
    await provider.backchannelResult(r, g);
  } else {
    await provider.backchannelResult(r, new errors.AccessDenied());
  }
  res.writeHead(204);
  return res.end();
}

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url, 'http://127.0.0.1');
  if (pathname.startsWith('/_test/')) {
    testRoute(req, res, pathname).catch((err) => {
      console.error(err);
      if (!res.headersSent) sendJson(res, 500, { error: String(err?.message ?? err) });
      else res.end();
    });
    return;
  }
  callback(req, res);
});

server.listen(port, '127.0.0.1', () => start().catch((err) => {
  const detail = err?.error_description ? `${err.message}: ${err.error_description}` : err?.stack ?? err;
  console.error(`oidc-provider harness did not start: ${detail}`);
  process.exit(1);
}));

async function start() {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, {
    // The library's default tolerance, also given to the store as its default adapter does:
    // an expired code stays findable that long, so polling it says expired_token.
    clockTolerance: CLOCK_TOLERANCE_S,
    adapter: createMemoryAdapter(CLOCK_TOLERANCE_S),
    clients,
    jwks,
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    findAccount,
    claims: {
      openid: ['sub'],
      profile: ['name', 'birthdate', 'gender'],
      phone: ['phone_number'],
      address: ['address'],
      cccd: ['cccd_number', 'identity_level'],
    },
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true, charset: 'digits', mask: '***-***-***' },
      ciba,
      revocation: { enabled: true },
      userinfo: { enabled: true },
    },
    ttl: {
      AccessToken: 3600,
      ClientCredentials: 600,
      IdToken: 3600,
      RefreshToken: 14 * 24 * 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      DeviceCode: deviceTtl,
      // A client may ask for less (requested_expiry), never for more.
      BackchannelAuthenticationRequest(ctx) {
        const requested = Number(ctx?.oidc?.params.requested_expiry);
        return requested > 0 ? Math.min(cibaTtl, requested) : cibaTtl;
      },
    },
  });
  // Static clients are checked on first use: check them now, so that a bad --kiosk-jwks
  // stops the harness here rather than as "invalid_client" in the middle of a test.
  for (const { client_id: clientId } of clients) {
    if (!await provider.Client.find(clientId)) throw new Error(`client ${clientId} not loaded`);
  }
  callback = provider.callback();
  process.stdout.write(`oidc-provider listening on ${issuer}\n`);
}

server.on('error', (err) => {
  console.error(`oidc-provider harness: ${err.message}`);
  process.exit(1);
});

function stop() {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

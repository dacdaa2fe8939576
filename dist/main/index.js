import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var net = __nccwpck_require__(278);
var tls = __nccwpck_require__(756);
var http = __nccwpck_require__(611);
var https = __nccwpck_require__(692);
var events = __nccwpck_require__(434);
var assert = __nccwpck_require__(613);
var util = __nccwpck_require__(23);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
__webpack_unused_export__ = debug; // for test


/***/ }),

/***/ 478:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ exitWhenFlushed)
/* harmony export */ });
/** Longest wait for the runner to take what is still buffered for stdout and stderr. */
const FLUSH_LIMIT_MS = 10_000;
/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream) {
    return new Promise((resolve) => stream.write('', () => resolve()));
}
/**
 * Ends the process once stdout and stderr have drained (a bare process.exit() cuts piped
 * output short: a large `::add-mask::` line was truncated), without waiting for sockets a
 * server left open after the deadline. The exit code is the one setFailed chose.
 */
async function exitWhenFlushed() {
    let timer;
    const limit = new Promise((resolve) => (timer = setTimeout(resolve, FLUSH_LIMIT_MS)));
    await Promise.race([Promise.all([flushed(process.stdout), flushed(process.stderr)]), limit]);
    clearTimeout(timer);
    process.exit();
}


/***/ }),

/***/ 999:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(916);
/* harmony import */ var _exit_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(478);
// The file ncc bundles as dist/main: it only runs the main step.


await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();
// A server that never answers can hold a socket open after the deadline: do not wait for it.
await (0,_exit_js__WEBPACK_IMPORTED_MODULE_1__/* .exitWhenFlushed */ .K)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

;// CONCATENATED MODULE: ./src/errors.ts
/**
 * Errors are values with a kind; `describeError` (describe-error.ts) turns one into the single
 * message a user reads. No secret is ever put into an error: callers pass only ids, codes and
 * summaries, and the steps scrub the final text with `Secrets.redact` as a second line of defence.
 */
/** An input is wrong: the message says which and what to do. */
class ConfigError extends Error {
    name = 'ConfigError';
}
/** Something the user must act on that is not an HTTP error (e.g. the wrong account). */
class errors_ActionError extends Error {
    name = 'ActionError';
}
/** What the action asks of IAM, as a reader sees it in messages. */
const errors_OPERATION = {
    token: 'token exchange',
    createKey: 'API key creation',
    lookupKey: 'API key lookup',
    deleteKey: 'API key deletion',
    listKeys: 'API key listing',
    instanceIdentity: 'VPC metadata instance identity token request',
    metadataIamToken: 'VPC metadata IAM token request'
};
/** IAM answered with an error status. */
class IamError extends Error {
    operation;
    status;
    details;
    attempts;
    name = 'IamError';
    constructor(operation, status, details, attempts) {
        super(`IAM ${operation} failed with HTTP ${status}`);
        this.operation = operation;
        this.status = status;
        this.details = details;
        this.attempts = attempts;
    }
}
/** The request never got an HTTP answer: refused, reset, timed out, TLS failure, DNS. */
class NetworkError extends Error {
    code;
    cause_;
    attempts;
    operation;
    url;
    name = 'NetworkError';
    constructor(code, cause_, attempts = 1, operation, url) {
        super(`${code}: ${cause_}`);
        this.code = code;
        this.cause_ = cause_;
        this.attempts = attempts;
        this.operation = operation;
        this.url = url;
    }
    withContext(attempts, operation, url) {
        return new NetworkError(this.code, this.cause_, attempts, operation, url);
    }
}

;// CONCATENATED MODULE: ./src/untrusted.ts
/**
 * Text that did not originate in the action (claims of a JWT, ids and names IAM returns,
 * values read back from GITHUB_STATE) is neutralised here before it is printed or put in the
 * job summary: it can neither start a line of its own (and so a workflow command) nor carry
 * one, nor add Markdown or HTML to the summary. `oneLine` is the one way any message quotes
 * outside text, inputs included (a refused input value is outside text too).
 */
/** Longest piece of outside text printed as is; the rest is cut. */
const MAX_OUTSIDE_CHARS = 200;
// C0 and C1 controls, DEL, line and paragraph separators, and bidirectional overrides.
// eslint-disable-next-line no-control-regex -- control characters are what is escaped
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/**
 * One line of plain text: control characters shown as `\n`, `\u0007`..., workflow-command
 * markers (`::` and the old `##[`) broken apart, cut to MAX_OUTSIDE_CHARS. `redact` (the step's
 * Secrets) runs first: a secret cut in half would match neither it nor the runner's masks.
 */
function untrusted_oneLine(text, redact = (t) => t) {
    const raw = redact(String(text));
    const cut = raw.length > MAX_OUTSIDE_CHARS ? `${raw.slice(0, MAX_OUTSIDE_CHARS - 1)}…` : raw;
    return cut
        .replace(UNPRINTABLE, (c) => {
        const escaped = JSON.stringify(c).slice(1, -1);
        return escaped.length > 1 ? escaped : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    })
        .replace(/:(?=:)/g, ': ')
        .replace(/##\[/g, '## [');
}
/**
 * Outside text as a Markdown code span for a table cell: no emphasis, links, HTML or
 * mentions inside it, and `|` escaped so that it cannot open another cell.
 */
function codeCell(text) {
    const line = untrusted_oneLine(text).replace(/\|/g, '\\|');
    const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${line}${pad}${fence}`;
}

;// CONCATENATED MODULE: ./src/iam/jwt.ts
/** Decodes a JWT's payload; undefined when the value is not a JWT with a JSON payload. */
function decodeJwtClaims(token) {
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p)))
        return undefined;
    try {
        const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
        const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
        if (!isObject(header) || !isObject(payload))
            return undefined;
        return payload;
    }
    catch {
        return undefined;
    }
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

;// CONCATENATED MODULE: ./src/iam/token.ts



/** What IAM returns as refresh_token without a client id: not a secret, never masked. */
const NO_REFRESH_TOKEN = 'not_supported';
/**
 * POSTs one grant's form to the token endpoint. The token (and any real refresh token) is
 * handed to `secrets` the moment the body is parsed, before it is validated or anything is
 * written. `tenant` becomes IBM-Cloud-Tenant: IAM then issues tokens only for that account.
 */
async function requestToken(iam, form, ctx) {
    const headers = {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json'
    };
    if (ctx.tenant)
        headers['IBM-Cloud-Tenant'] = ctx.tenant;
    const res = await iam.call({
        operation: errors_OPERATION.token,
        method: 'POST',
        path: '/identity/token',
        headers,
        body: new URLSearchParams(form).toString(),
        idempotent: true,
        ok: [200]
    });
    return parseTokenResponse(res.body, ctx.secrets, ctx.clock.now());
}
function parseTokenResponse(body, secrets, nowMs) {
    let json;
    try {
        json = JSON.parse(body);
    }
    catch {
        throw new errors_ActionError('IBM Cloud IAM answered 200 but the body is not JSON. Check that `iam-endpoint` points at IAM itself, not at a proxy or portal page.');
    }
    const accessToken = json?.access_token;
    if (typeof accessToken === 'string')
        secrets.add(accessToken);
    const refresh = json?.refresh_token;
    if (typeof refresh === 'string' && refresh !== NO_REFRESH_TOKEN)
        secrets.add(refresh);
    if (typeof accessToken !== 'string' || accessToken.length === 0) {
        throw new errors_ActionError('IBM Cloud IAM answered 200 without an access_token. Check `iam-endpoint`.');
    }
    const claims = decodeJwtClaims(accessToken);
    if (!claims) {
        throw new errors_ActionError('IBM Cloud IAM returned an access_token that is not a JWT. Check `iam-endpoint`.');
    }
    const { expiration, expiresIn } = checkExpiry(json, claims, nowMs);
    return {
        accessToken,
        tokenType: typeof json.token_type === 'string' ? json.token_type : 'Bearer',
        expiresIn,
        expiration,
        claims,
        accountId: claims.account?.bss ?? '',
        iamId: claims.iam_id ?? claims.sub ?? ''
    };
}
/** IAM's tokens live an hour; anything claiming more than this is not an IAM token. */
const MAX_TOKEN_LIFETIME_S = 3 * 3600;
/** How far this runner's clock and IAM's may disagree before a token is called expired. */
const CLOCK_SKEW_S = 5 * 60;
/**
 * The token's lifetime and expiry, checked before anything is published: finite, positive,
 * at most MAX_TOKEN_LIFETIME_S, and not already expired by this runner's clock (give or take
 * CLOCK_SKEW_S). When the clocks disagree the message says which way.
 */
function checkExpiry(json, claims, nowMs) {
    const now = Math.floor(nowMs / 1000);
    const refuse = (what) => new errors_ActionError(`IBM Cloud IAM returned a token ${what}. Check \`iam-endpoint\`.`);
    const givenIn = json.expires_in;
    if (givenIn !== undefined && !lifetime(givenIn)) {
        throw refuse(`whose expires_in (${untrusted_oneLine(givenIn)}) is not a lifetime of 1 s to 3 hours`);
    }
    if (json.expiration !== undefined && !epochSeconds(json.expiration)) {
        throw refuse(`whose expiration (${untrusted_oneLine(json.expiration)}) is not a time in epoch seconds`);
    }
    const expiration = epochSeconds(json.expiration) ?? epochSeconds(claims.exp);
    if (expiration === undefined)
        throw refuse('without an expiry (expiration/exp)');
    const expiresIn = lifetime(givenIn) ?? expiration - now;
    // When IAM issued the token, by IAM's clock: from expires_in, else from the JWT's iat.
    const issued = lifetime(givenIn) !== undefined ? expiration - expiresIn : epochSeconds(claims.iat);
    const ahead = issued === undefined ? undefined : Math.round((now - issued) / 60);
    const clocks = ahead === undefined || Math.abs(ahead) < 1
        ? "IAM's clock or this runner's is wrong"
        : `This runner's clock is about ${Math.abs(ahead)} min ${ahead > 0 ? 'ahead of' : 'behind'} ` +
            "IAM's: check the runner's time (NTP)";
    if (expiration <= now - CLOCK_SKEW_S || expiresIn <= 0) {
        throw new errors_ActionError(`IBM Cloud IAM returned a token that expired at ${iso(expiration)}, but this runner's clock ` +
            `says it is ${iso(now)}. ${clocks}, or check \`iam-endpoint\`.`);
    }
    if (expiration > now + MAX_TOKEN_LIFETIME_S + CLOCK_SKEW_S) {
        throw new errors_ActionError(`IBM Cloud IAM returned a token that expires at ${iso(expiration)}, more than 3 hours after ` +
            `this runner's ${iso(now)}; IAM tokens live at most an hour. ${clocks}, or check \`iam-endpoint\`.`);
    }
    return { expiration, expiresIn };
}
function lifetime(v) {
    return typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= MAX_TOKEN_LIFETIME_S
        ? Math.floor(v)
        : undefined;
}
/** Epoch seconds Date can show (to year 9999). */
function epochSeconds(v) {
    return typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 253_402_300_800
        ? Math.floor(v)
        : undefined;
}
function iso(seconds) {
    return new Date(seconds * 1000).toISOString();
}
/** The token must be for the pinned account: IAM checks IBM-Cloud-Tenant, and so do we. */
function checkAccount(token, pinned) {
    if (!pinned || token.accountId === pinned)
        return;
    const actual = token.accountId ? untrusted_oneLine(token.accountId) : '(none in the token)';
    const profile = token.claims.sub_type === 'Profile';
    throw new errors_ActionError(`The token is for account ${actual}, but account-id pins account ${pinned}. ` +
        (profile
            ? `Use a trusted profile of account ${pinned}, or correct account-id.`
            : `Use a key from account ${pinned}, or correct account-id.`));
}

;// CONCATENATED MODULE: ./src/credentials/source.ts
/** Why a source without a renewal rule (a long-lived API key) is not renewable. */
const NOT_RENEWABLE = 'renewing would need the API key, which is never written to disk (use ephemeral-key: true, ' +
    'cr-token-file or vpc-metadata for a renewable token)';

;// CONCATENATED MODULE: ./src/credentials/apikey.ts



/** IAM's API-key grant. */
const APIKEY_GRANT = 'urn:ibm:params:oauth:grant-type:apikey';
/** An API key (a user's or a service ID's) exchanged for a token: IAM's apikey grant. */
function exchangeApiKey(apikey, ctx) {
    return requestToken(ctx.iam, { grant_type: APIKEY_GRANT, apikey, response_type: 'cloud_iam' }, { secrets: ctx.secrets, clock: ctx.clock, tenant: ctx.accountId });
}
/**
 * The advice only the `apikey` input (alone or with a trusted profile) can produce: an empty
 * key (the main step) and IAM's answer to a key it does not know.
 */
const APIKEY_ADVICE = {
    emptyKey: {
        symptom: '`The apikey input is empty`',
        cause: 'GitHub passes no secrets to pull requests from forks (nor Actions secrets to Dependabot runs), or the secret name is misspelled.',
        text: 'GitHub passes no secrets to pull requests from forks (nor Actions secrets to Dependabot runs); otherwise check that the secret exists and that `with: apikey: ${{ secrets.NAME }}` names it exactly.'
    },
    emptyKeyDependabot: {
        symptom: '`The apikey input is empty` (run started by Dependabot)',
        cause: 'Dependabot runs read Dependabot secrets, not Actions secrets.',
        text: 'This run was started by Dependabot, which reads Dependabot secrets, not Actions secrets: add the key under Settings > Secrets > Dependabot.'
    },
    skipMissingKey: {
        symptom: '`The apikey input is empty` (on purpose)',
        cause: 'Runs without secrets (forks, Dependabot) should pass without IBM Cloud.',
        text: 'To let such runs pass without IBM Cloud, set `on-missing-apikey: skip` and test `steps.<id>.outputs.authenticated`.'
    },
    wrongKey: {
        codes: ['BXNIM0415E'],
        symptom: '`HTTP 400 BXNIM0415E`',
        cause: 'The key is mistyped, deleted, expired, disabled, or from another account or environment (staging keys only work at `https://iam.test.cloud.ibm.com`).',
        text: 'The API key was not found: it is mistyped, deleted, expired, disabled, or from another ' +
            'IBM Cloud account or environment. Check the secret passed as `apikey` (create a new key ' +
            'with `ibmcloud iam api-key-create` or `ibmcloud iam service-api-key-create` and store it ' +
            'again; a disabled key works again once it is enabled).'
    }
};
/**
 * The `apikey` input. A long-lived key is never renewable (it would have to be written down);
 * an ephemeral key exported to later steps is, by the name of its variable.
 */
const apikeySource = {
    kind: 'apikey',
    advice: APIKEY_ADVICE,
    exchange: (c, ctx) => exchangeApiKey(c.apikey, ctx),
    renewal: {
        saved: 'apikey-env',
        save: (_c, facts) => facts.ephemeral.enabled && facts.exportEnv
            ? { kind: 'apikey-env', envName: facts.ephemeral.envName }
            : { why: NOT_RENEWABLE },
        load: (saved, env, secrets) => {
            const apikey = env[saved.envName];
            secrets.add(apikey);
            if (!apikey?.trim()) {
                throw new errors_ActionError(`$${saved.envName} is empty in this step, so the token cannot be renewed: the ephemeral key ` +
                    'is exported only to the steps after the action (check env: overrides of this step).');
            }
            return { kind: 'apikey', apikey: apikey.trim() };
        },
        describe: (saved) => `with the ephemeral key in $${saved.envName}`
    }
};
/** The `apikey` input: with a profile it is the assume source's credential (assume.ts). */
const apikeyInputs = {
    selected: ({ apikey }) => (apikey ? 'apikey' : undefined),
    credential: ({ inputs, profile }) => profile
        ? { kind: 'apikey-profile', apikey: inputs.apikey, profile }
        : { kind: 'apikey', apikey: inputs.apikey },
    ownsApiKeys: true
};

;// CONCATENATED MODULE: ./src/credentials/credential.ts
/**
 * The credential the inputs name, parsed once (credentials/parse.ts). Each kind is one row of
 * the table in sources.ts and one module that turns it into a token.
 */
/** The form fields that name a profile on IAM's token endpoint. */
function profileForm(profile) {
    if ('id' in profile)
        return { profile_id: profile.id };
    if ('crn' in profile)
        return { profile_crn: profile.crn };
    return { profile_name: profile.name, account: profile.account };
}
/** The `apikey` input's key when the credential is one ('' for keyless sources and none). */
function apiKeyOf(credential) {
    return credential.kind === 'apikey' || credential.kind === 'apikey-profile'
        ? credential.apikey
        : '';
}

;// CONCATENATED MODULE: ./src/credentials/assume.ts



/** IAM's assume grant: a trusted profile, assumed with another identity's access token. */
const ASSUME_GRANT = 'urn:ibm:params:oauth:grant-type:assume';
/**
 * An API key's identity assumes a trusted profile (IBM's IamAssumeAuthenticator): the API-key
 * grant, then the assume grant with that token. The first token is masked when it arrives
 * (requestToken) and is never published. No IBM-Cloud-Tenant on either request: the key may
 * live in another account than the profile; account-id is checked on the final token.
 */
async function assumeWithApiKey(apikey, profile, ctx) {
    const io = { secrets: ctx.secrets, clock: ctx.clock };
    const own = await requestToken(ctx.iam, { grant_type: APIKEY_GRANT, apikey, response_type: 'cloud_iam' }, io);
    return requestToken(ctx.iam, { grant_type: ASSUME_GRANT, access_token: own.accessToken, ...profileForm(profile) }, io);
}
/** `apikey` with a profile: never renewable (the long-lived key would have to be written down). */
const assumeSource = {
    kind: 'apikey-profile',
    exchange: (c, ctx) => assumeWithApiKey(c.apikey, c.profile, ctx)
};

;// CONCATENATED MODULE: ./src/credentials/cr-token.ts




/** IAM's cr-token grant: a trusted profile, with a compute resource's token (Kubernetes, Code Engine). */
const CR_TOKEN_GRANT = 'urn:ibm:params:oauth:grant-type:cr-token';
/**
 * Reads a compute-resource token (a projected service-account token, Code Engine's token) and
 * masks it at once, before it is trimmed or checked. Read at every use: platforms rotate it.
 */
function readCrToken(path, secrets, readFile) {
    let content;
    try {
        content = readFile(path);
    }
    catch (err) {
        const code = err.code;
        throw new errors_ActionError(`Cannot read the compute-resource token in ${untrusted_oneLine(path)} (${typeof code === 'string' ? code : 'error'}). ` +
            'Check that the projected token volume is still mounted at that path.');
    }
    secrets.add(content);
    const token = content.trim();
    if (!token) {
        throw new errors_ActionError(`The compute-resource token file ${untrusted_oneLine(path)} is empty. Check the projected volume.`);
    }
    return token;
}
/** A compute resource's token for a trusted profile (IBM's ContainerAuthenticator): one request. */
function exchangeCrToken(crToken, profile, ctx) {
    return requestToken(ctx.iam, { grant_type: CR_TOKEN_GRANT, cr_token: crToken, ...profileForm(profile) }, { secrets: ctx.secrets, clock: ctx.clock, tenant: ctx.accountId });
}
/**
 * `cr-token-file` with a profile. Renewable: the config file holds the path (never the token),
 * and the token is read again at every renewal, since platforms rotate it.
 */
const crTokenSource = {
    kind: 'cr-token-file',
    exchange: (c, ctx) => exchangeCrToken(readCrToken(c.path, ctx.secrets, ctx.readFile), c.profile, ctx),
    renewal: {
        saved: 'cr-token-file',
        save: (c) => c,
        load: (saved) => saved,
        // A path is outside text: a line break in it must not start a workflow command.
        describe: (saved) => `from ${untrusted_oneLine(saved.path)}, re-read each time`
    }
};
/**
 * `cr-token-file`: needs a trusted profile; the file must exist, be readable and hold something.
 * Parsing asks the step to check it (checkTokenFile); the step reads it once, masks it, and
 * the exchange uses what it read. Its content is never quoted.
 */
const crTokenInputs = {
    selected: ({ get }) => (get('cr-token-file') ? 'cr-token-file' : undefined),
    check: ({ inputs, chosen, profileGiven, refuse, checkFile }) => {
        if (!chosen)
            return;
        if (!profileGiven) {
            refuse('cr-token-file needs a trusted profile: set profile-id (or profile-crn, or profile-name with ' +
                "account-id) to the profile whose compute-resource trust rule admits this runner's token.");
        }
        const path = inputs.get('cr-token-file');
        checkFile({ path, problem: (read) => checkTokenFile(path, read) });
    },
    credential: ({ inputs, profile }) => ({
        kind: 'cr-token-file',
        path: inputs.get('cr-token-file'),
        profile: profile
    }),
    ownsApiKeys: false
};
/** The token file must exist, be readable and not be empty; its content is not kept. */
function checkTokenFile(path, read) {
    const shown = untrusted_oneLine(path);
    if ('error' in read) {
        const code = read.error?.code;
        return code === 'ENOENT'
            ? `cr-token-file ${shown} does not exist. On Kubernetes, project a service-account token ` +
                'there (a projected volume, see README "Keyless on self-hosted runners"); check the path ' +
                'inside the runner container.'
            : `cr-token-file ${shown} cannot be read (${typeof code === 'string' ? code : 'error'}): ` +
                'check that it is a file the runner user may read.';
    }
    if (read.content.trim() === '') {
        return (`cr-token-file ${shown} is empty: the platform has not written a compute-resource token ` +
            'there (yet). Check the projected volume or the path.');
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/iam/read-body.ts

/** IAM's answers are a few KB; anything past this is not IAM and is refused unread. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** The answer is bigger than any IAM answer: refused, and not worth another attempt. */
function tooLarge(limit) {
    return new errors_ActionError(`The answer from iam-endpoint is larger than ${Math.round(limit / 1024)} KiB, and IBM Cloud ` +
        "IAM's answers are a few KB: refused without reading the rest. Check that `iam-endpoint` " +
        'points at IAM itself, not at a proxy or a portal page.');
}
/**
 * Reads a response body to the end, at most `limit` bytes, collecting the chunks and joining
 * them once. Settles exactly once: with the text, with NetworkError when the connection breaks
 * off or `signal` aborts (the attempt's deadline), or with tooLarge() past the limit. On any
 * failure the stream is destroyed, so nothing more is buffered.
 */
function readBodyCapped(message, signal, limit = MAX_RESPONSE_BYTES) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        let settled = false;
        /** True the first time only: then stops listening for the deadline. */
        const settling = () => {
            if (settled)
                return false;
            settled = true;
            signal.removeEventListener('abort', onAbort);
            return true;
        };
        const fail = (error) => {
            if (!settling())
                return;
            message.destroy();
            reject(error);
        };
        const onAbort = () => fail(new NetworkError('ETIMEDOUT', 'request timed out'));
        if (signal.aborted)
            return onAbort();
        signal.addEventListener('abort', onAbort);
        const declared = Number(message.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit)
            return fail(tooLarge(limit));
        message.on('data', (chunk) => {
            size += chunk.length;
            if (size > limit)
                return fail(tooLarge(limit));
            chunks.push(chunk);
        });
        message.on('end', () => {
            if (settling())
                resolve(Buffer.concat(chunks, size).toString('utf8'));
        });
        const brokenOff = () => fail(new NetworkError('ECONNRESET', 'the connection closed before the answer was complete'));
        message.on('error', brokenOff);
        message.on('aborted', brokenOff);
        message.on('close', () => {
            if (!message.complete)
                brokenOff();
        });
    });
}
/**
 * An answer's body as a JSON object, or undefined for anything else (not JSON, an array, null,
 * a number): every reader of IAM's and the metadata service's answers starts here, never a throw.
 * It lives with the body reader because it is the second half of reading an answer, shared by
 * every client of an HTTP answer (the IAM client's error bodies, the Identity API, VPC metadata).
 */
function read_body_parseJson(body) {
    try {
        const json = JSON.parse(body);
        return typeof json === 'object' && json !== null && !Array.isArray(json)
            ? json
            : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/inputs.ts


/** Parsers of single raw input values: each returns the value or throws a ConfigError that says what to write. */
/**
 * Variables a token must never be exported into, by family: the runner's own, the dynamic
 * loader's, the shell's start-up and prompt hooks, the options runtimes read at start-up,
 * search paths, proxies and CA bundles. Exporting a token there would break the job, or let
 * its value change what later steps run.
 */
const RESERVED_ENV_FAMILIES = [
    {
        what: 'GITHUB_*, RUNNER_* and ACTIONS_* (the runner)',
        test: (n) => /^(GITHUB|RUNNER|ACTIONS)_/.test(n)
    },
    { what: 'LD_* and DYLD_* (the dynamic loader)', test: (n) => /^(LD|DYLD)_/.test(n) },
    {
        what: 'shell hooks (BASH_ENV, ENV, PROMPT_COMMAND, IFS, PS1-PS4, BASH_FUNC_*, SHELLOPTS...)',
        test: (n) => /^(BASH_ENV|ENV|ZDOTDIR|PROMPT_COMMAND|IFS|PS[0-4]|SHELLOPTS|BASHOPTS|CDPATH|GLOBIGNORE|HISTFILE|INPUTRC|BASH_FUNC_.*|BASH_XTRACEFD|SHELL|HOME|USER|TERM|TMPDIR|TZ)$/.test(n)
    },
    {
        what: 'start-up settings of runtimes and tools (NODE_*, *_OPTIONS, *_OPTS, PYTHON*, GIT_*...)',
        test: (n) => /(^|_)(OPTIONS|OPTS)$/.test(n) ||
            /^(NODE_|PYTHON|PERL5|PERLLIB|RUBY|GIT_|NPM_CONFIG_|GEM_|BUNDLE_|PIP_|CARGO_|RUSTC|RUSTFLAGS|GO(FLAGS|PROXY|ROOT|TOOLCHAIN|ENV)$)/.test(n) ||
            /ASKPASS$/.test(n) ||
            /^(EDITOR|VISUAL|PAGER|BROWSER)$/.test(n)
    },
    {
        what: 'search paths (PATH, *PATH, *_HOME)',
        test: (n) => /PATH$/.test(n) || /_HOME$/.test(n)
    },
    {
        what: 'proxies and CA bundles (HTTPS_PROXY, NO_PROXY, *_CA_CERTS, *_CA_BUNDLE, SSL_*...)',
        test: (n) => /(^|_)PROXY$/.test(n) || /_CA_(CERTS?|BUNDLE|FILE)$/.test(n) || /^(SSL|TLS|CURL)_/.test(n)
    },
    { what: 'CI', test: (n) => n === 'CI' }
];
function validateEnvName(input, value) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
        throw new ConfigError(`${input} "${untrusted_oneLine(value)}" is not a valid environment variable name: use letters, digits ` +
            'and underscores, not starting with a digit (e.g. IBMCLOUD_IAM_TOKEN).');
    }
    const family = RESERVED_ENV_FAMILIES.find((f) => f.test(value.toUpperCase()));
    if (family) {
        throw new ConfigError(`${input} "${untrusted_oneLine(value)}" is reserved: ${family.what} belong to the runner, the shell or a ` +
            'runtime, and a token there would break later steps. Choose another name (e.g. IBMCLOUD_IAM_TOKEN).');
    }
    return value;
}
/**
 * Characters nobody can see, which a copy and paste brings along: format characters (Unicode
 * Cf: zero-width space and joiners, soft hyphen, bidirectional marks, BOM), every other control
 * or separator, private-use, surrogate and unassigned code points. An IBM Cloud API key is
 * ASCII letters, digits, '-' and '_'.
 */
const INVISIBLE = /[\p{C}\p{Z}]/u;
function codePoint(char) {
    return (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
/** IBM Cloud API keys are 44 characters; nothing shorter than this can be one. */
const MIN_APIKEY_LENGTH = 20;
const MAX_APIKEY_LENGTH = 512;
/**
 * The (trimmed) `apikey` input, refused before any request when it cannot be an IBM Cloud API
 * key. The message never quotes the value: only its length and what is wrong with it.
 */
function validateApiKey(value) {
    if (value === '')
        return value;
    const invisible = INVISIBLE.exec(value)?.[0];
    const problem = value.length < MIN_APIKEY_LENGTH
        ? `is only ${value.length} characters long`
        : value.length > MAX_APIKEY_LENGTH
            ? `is ${value.length} characters long`
            : // eslint-disable-next-line no-control-regex -- control characters are what is refused
                /[\u0000-\u001f\u007f-\u009f\s]/.test(value)
                    ? 'contains a space, a line break or another control character'
                    : invisible !== undefined
                        ? `contains an invisible or format character (U+${codePoint(invisible)}, e.g. a ` +
                            'zero-width space pasted with it)'
                        : undefined;
    if (!problem)
        return value;
    throw new ConfigError(`The \`apikey\` input cannot be an IBM Cloud API key: it ${problem} (IBM Cloud API keys are ` +
        "44 characters of letters, digits, '-' and '_'). Check that the secret holds the key " +
        'itself, as `ibmcloud iam api-key-create` or the console printed it, and nothing else.');
}
/** YAML 1.2 booleans, as @actions/core reads them. */
function parseBoolean(input, value, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new ConfigError(`${input} must be true or false (got "${untrusted_oneLine(value)}").`);
}
function parseInteger(input, value, fallback, min, max) {
    if (value === '')
        return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new ConfigError(`${input} must be a whole number from ${min} to ${max} (got "${untrusted_oneLine(value)}").`);
    }
    return Number(value);
}
function parseChoice(input, value, choices) {
    if (value === '')
        return choices[0];
    if (choices.includes(value))
        return value;
    throw new ConfigError(`${input} must be one of ${choices.join(', ')} (got "${untrusted_oneLine(value)}").`);
}

;// CONCATENATED MODULE: ./src/iam/endpoints.ts


const PUBLIC_ENDPOINT = 'https://iam.cloud.ibm.com';
const PRIVATE_ENDPOINT = 'https://private.iam.cloud.ibm.com';
/** Regions with a private regional IAM endpoint (private.<region>.iam.cloud.ibm.com). */
const REGIONS = [
    'au-syd',
    'br-sao',
    'ca-mon',
    'ca-tor',
    'eu-de',
    'eu-es',
    'eu-gb',
    'jp-osa',
    'jp-tok',
    'us-east',
    'us-south'
];
function isRegion(value) {
    return REGIONS.includes(value);
}
/**
 * localhost, 127.0.0.0/8 and ::1: the only hosts plain http is allowed to. `URL.hostname` gives
 * IPv6 in brackets (`[::1]`); a bare `::1` is accepted too.
 */
function isLoopbackHost(hostname) {
    const host = hostname.toLowerCase();
    if (host === 'localhost' || host === '[::1]' || host === '::1')
        return true;
    return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
/**
 * The one base-URL validator under every endpoint input (`iam-endpoint`,
 * `vpc-metadata-endpoint`): a URL, no user name, password, ?query or #fragment (paths are
 * appended to it), http only to the hosts `rules` allow. Returns it without a trailing slash.
 */
function parseBaseUrl(input, value, rules) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new ConfigError(`${input} "${untrusted_oneLine(value)}" is not a URL. ${rules.notAUrl}`);
    }
    // ?query and #fragment on the raw text: `URL` drops a bare trailing '?' or '#'.
    if (url.username || url.password || /[?#]/.test(value)) {
        throw new ConfigError(`${input} must be a base URL without user name, password, ?query or #fragment.`);
    }
    // `URL` gives the host name in lower case.
    if (url.protocol === 'http:' && !rules.plainHttpTo(url.hostname)) {
        throw new ConfigError(`${input} ${url.origin} uses plain http, ${rules.plainHttpRefused}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new ConfigError(`${input} must start with ${rules.schemes} (got ${url.protocol}//).`);
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
/** Validates an `iam-endpoint` value and returns it without a trailing slash. */
function parseEndpoint(value) {
    return parseBaseUrl('iam-endpoint', value, {
        notAUrl: `Give a base URL such as ${PUBLIC_ENDPOINT}.`,
        plainHttpTo: isLoopbackHost,
        plainHttpRefused: 'which would send the API key unencrypted. Use https:// (plain http is accepted only for ' +
            'a loopback emulator: localhost, 127.0.0.1, ::1).',
        schemes: 'https://'
    });
}
/**
 * `iam-endpoint` wins; else `private` (with or without `region`); else the public endpoint.
 * IAM's public endpoint is global, so `region` means something only with `private: true`:
 * without it the region is refused rather than silently ignored.
 */
function resolveEndpoint(choice) {
    if (choice.region && !isRegion(choice.region)) {
        throw new ConfigError(`region "${untrusted_oneLine(choice.region)}" is not an IBM Cloud region with an IAM endpoint. ` +
            `Valid regions: ${REGIONS.join(', ')}.`);
    }
    if (choice.region && !choice.private) {
        throw new ConfigError(`region "${choice.region}" selects a private regional IAM endpoint and needs private: true ` +
            `(runners inside IBM Cloud: https://private.${choice.region}.iam.cloud.ibm.com). ` +
            `IAM's public endpoint (${PUBLIC_ENDPOINT}) is global: on other runners remove region.`);
    }
    if (choice.iamEndpoint)
        return parseEndpoint(choice.iamEndpoint);
    if (choice.private) {
        return choice.region ? `https://private.${choice.region}.iam.cloud.ibm.com` : PRIVATE_ENDPOINT;
    }
    return PUBLIC_ENDPOINT;
}

;// CONCATENATED MODULE: ./src/credentials/metadata-endpoint.ts

const DEFAULT_METADATA_ENDPOINT = 'http://169.254.169.254';
/**
 * Hosts the VPC instance metadata service answers on without TLS: the link-local address,
 * its name, and loopback (an emulator). Plain http to anything else could send an instance
 * identity token across a network.
 */
const PLAIN_HTTP_HOSTS = new Set(['169.254.169.254', 'api.metadata.cloud.ibm.com']);
/** Validates `vpc-metadata-endpoint` and returns it without a trailing slash. */
function parseMetadataEndpoint(value) {
    return parseBaseUrl('vpc-metadata-endpoint', value, {
        notAUrl: `Leave it empty for ${DEFAULT_METADATA_ENDPOINT}.`,
        plainHttpTo: (host) => PLAIN_HTTP_HOSTS.has(host) || isLoopbackHost(host),
        plainHttpRefused: 'which is accepted only for 169.254.169.254, api.metadata.cloud.ibm.com and loopback (an ' +
            `emulator). Use https://, or leave it empty for ${DEFAULT_METADATA_ENDPOINT}.`,
        schemes: 'http:// or https://'
    });
}

;// CONCATENATED MODULE: ./src/credentials/vpc-metadata.ts






/** The metadata service API version IBM's VpcInstanceAuthenticator sends by default. */
const METADATA_VERSION = '2022-03-01';
/** Seconds the instance identity token lives: it is used once, at once. */
const IDENTITY_TOKEN_LIFETIME = 300;
/**
 * A VPC virtual server's trusted-profile token from the instance metadata service, as IBM's
 * VpcInstanceAuthenticator gets it: an instance identity token (PUT), then an IAM token for the
 * profile (POST; no body means the profile linked to the instance by default). Both tokens are
 * masked the moment they arrive; the expiry comes from the JWT (the answer has no `expiration`).
 * Both requests go straight to the service, never through a proxy: it is link-local, and a
 * proxy (HTTP_PROXY, possibly set by an earlier step) would read both tokens in clear.
 */
async function vpcInstanceToken(endpoint, profile, ctx) {
    const imds = ctx.connect(endpoint);
    const headers = {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Metadata-Flavor': 'ibm'
    };
    const identity = await imds.call({
        operation: errors_OPERATION.instanceIdentity,
        method: 'PUT',
        path: `/instance_identity/v1/token?version=${METADATA_VERSION}`,
        headers,
        body: JSON.stringify({ expires_in: IDENTITY_TOKEN_LIFETIME }),
        idempotent: true,
        direct: true,
        ok: [200, 201]
    });
    const identityToken = accessTokenOf(identity.body);
    ctx.secrets.add(identityToken);
    if (!identityToken) {
        throw new errors_ActionError(`The VPC instance metadata service at ${endpoint} answered without an instance identity ` +
            'token. Check vpc-metadata-endpoint, and that the metadata service is on for this instance.');
    }
    const res = await imds.call({
        operation: errors_OPERATION.metadataIamToken,
        method: 'POST',
        path: `/instance_identity/v1/iam_token?version=${METADATA_VERSION}`,
        headers: { ...headers, Authorization: `Bearer ${identityToken}` },
        ...(profile ? { body: JSON.stringify({ trusted_profile: metadataProfile(profile) }) } : {}),
        idempotent: true,
        direct: true,
        ok: [200, 201]
    });
    return parseTokenResponse(res.body, ctx.secrets, ctx.clock.now());
}
/** The answer's access_token, or '' when there is none (or the body is not a JSON object). */
function accessTokenOf(body) {
    const token = read_body_parseJson(body)?.access_token;
    return typeof token === 'string' ? token : '';
}
/** The metadata service names a profile within the instance's account: no `account` field. */
function metadataProfile(profile) {
    if ('id' in profile)
        return { id: profile.id };
    if ('crn' in profile)
        return { crn: profile.crn };
    return { name: profile.name };
}
/** `vpc-metadata: true`. Renewable: the config file holds the endpoint and profile. */
const vpcMetadataSource = {
    kind: 'vpc-metadata',
    exchange: (c, ctx) => vpcInstanceToken(c.endpoint, c.profile, ctx),
    renewal: {
        saved: 'vpc-metadata',
        save: (c) => c,
        load: (saved) => saved,
        describe: () => 'from the VPC instance metadata service'
    }
};
/** A ConfigError becomes a refusal; anything else is a bug and is thrown. */
function refused(refuse, parse) {
    try {
        parse();
    }
    catch (err) {
        if (!(err instanceof ConfigError))
            throw err;
        refuse(err.message);
    }
}
/** `vpc-metadata: true`, and `vpc-metadata-endpoint`, which means nothing without it. */
const vpcMetadataInputs = {
    selected: ({ get }, refuse) => {
        let vpc = false;
        refused(refuse, () => (vpc = parseBoolean('vpc-metadata', get('vpc-metadata'), false)));
        return vpc ? 'vpc-metadata: true' : undefined;
    },
    check: ({ inputs, chosen, refuse }) => {
        const endpoint = inputs.get('vpc-metadata-endpoint');
        if (endpoint && !chosen) {
            refuse('vpc-metadata-endpoint is set but vpc-metadata is not true: set vpc-metadata: true, or remove vpc-metadata-endpoint.');
        }
        else if (endpoint) {
            refused(refuse, () => parseMetadataEndpoint(endpoint));
        }
    },
    credential: ({ inputs, profile }) => {
        const endpoint = inputs.get('vpc-metadata-endpoint');
        return {
            kind: 'vpc-metadata',
            endpoint: endpoint ? parseMetadataEndpoint(endpoint) : DEFAULT_METADATA_ENDPOINT,
            ...(profile ? { profile } : {})
        };
    },
    ownsApiKeys: false
};

;// CONCATENATED MODULE: ./src/credentials/sources.ts





/**
 * The ways the action can prove who it is, one row per kind of credential (credential.ts),
 * each the `source` its module exports. A new source is a new module and a new row here.
 */
const SOURCES = {
    apikey: apikeySource,
    'apikey-profile': assumeSource,
    'cr-token-file': crTokenSource,
    'vpc-metadata': vpcMetadataSource
};
/**
 * The sources' inputs, in the order their problems are reported: `apikey` (with a profile, the
 * assume source), `cr-token-file`, `vpc-metadata`. parse.ts loops over these.
 */
const INPUT_SOURCES = [
    apikeyInputs,
    crTokenInputs,
    vpcMetadataInputs
];
/**
 * Every source's own advice rows, in the table's order (advice.ts puts them into ADVICE): a
 * new source with its own IAM codes adds its rows to its module only.
 */
const SOURCE_ADVICE = Object.assign({}, ...Object.values(SOURCES).map((row) => row.advice ?? {}));
const rows = Object.values(SOURCES);
const rowOf = (kind) => SOURCES[kind];
function credentialSource(credential) {
    if (credential.kind === 'none')
        return undefined;
    const source = rowOf(credential.kind);
    return (ctx) => source.exchange(credential, ctx);
}
/** What the token command's config file holds for `credential`, or why it is not renewable. */
function saveForRenewal(credential, facts) {
    const renewal = rowOf(credential.kind).renewal;
    return renewal
        ? renewal.save(credential, facts)
        : { why: NOT_RENEWABLE };
}
/** The row that wrote `saved` into a config file, or undefined when none did. */
function renewalOf(saved) {
    return rows.find((row) => row.renewal?.saved === saved.kind)?.renewal;
}
/** Whether a config file's credential is one some source wrote. */
function sources_isSavedCredential(saved) {
    const kind = saved?.kind;
    return rows.some((row) => row.renewal !== undefined && row.renewal.saved === kind);
}
/** The credential to renew from, given what the config file saved. */
function loadForRenewal(saved, env, secrets) {
    return renewalOf(saved).load(saved, env, secrets);
}
/** How the install message says the token is renewed. */
function describeRenewal(saved) {
    return renewalOf(saved).describe(saved);
}

;// CONCATENATED MODULE: ./src/advice.ts

/** What IAM, the Identity API and the network say, whichever source asked. */
const IAM_ADVICE = {
    missingProperty: {
        codes: ['BXNIM0109E'],
        symptom: '`HTTP 400 BXNIM0109E`',
        cause: 'A required form field was empty when IAM read it.',
        text: 'IAM says a required property of the request is missing or empty.'
    },
    unsupportedGrant: {
        codes: ['BXNIM0106E'],
        symptom: '`HTTP 400 BXNIM0106E`',
        cause: '`iam-endpoint` points at something that speaks another dialect of IAM.',
        text: 'IAM does not support the grant or response type that was sent.'
    },
    accountPinned: {
        symptom: '`account-id pins account X`',
        cause: 'IAM refused the key, and `account-id` names an account the key may not belong to.',
        text: 'account-id pins account {account}: check that the key belongs to that account.'
    },
    rateLimited: {
        symptom: '`HTTP 429 ... after N attempts`',
        cause: "Many jobs shared IAM's rate limit.",
        text: 'IAM kept answering "too many requests" for {attempts} attempt(s), until the retry budget ' +
            '(max-attempts × timeout-seconds) ran out. Many jobs starting at once share the rate limit: ' +
            'raise `max-attempts` or `timeout-seconds` for a longer budget, or stagger the matrix with ' +
            '`max-parallel`.'
    },
    maybeCreated: {
        symptom: '`API key creation failed` with HTTP 5xx or a lost answer',
        cause: 'IAM may have made the key before the answer was lost; a retry could make a second one.',
        text: 'IAM may have created the key before failing, so it was not retried. Such a key expires at ' +
            '`ephemeral-key-ttl`, and `sweep-stale-keys: true` deletes it on a later run once stale.'
    },
    iamFailing: {
        symptom: '`HTTP 5xx ... after N attempts`',
        cause: 'IAM, or a proxy in front of it, kept failing.',
        text: 'IAM kept failing for {attempts} attempt(s). Check https://cloud.ibm.com/status; ' +
            'if you set `iam-endpoint` or go through a proxy, check that it reaches IAM.'
    },
    keyNotPermitted: {
        symptom: '`API key creation failed ... HTTP 403`',
        cause: 'The identity may not manage its own API keys.',
        text: 'The identity behind `apikey` may not manage its own API keys. For a service ID, grant it ' +
            'the Operator (or Administrator) role on the IAM Identity Service for that service ID; for ' +
            'a user, the "User API key creator" role where the account restricts API key creation. ' +
            'Or set `ephemeral-key: false`.'
    },
    tokenRefused: {
        symptom: '`API key creation failed ... HTTP 401` (or lookup, deletion, listing)',
        cause: 'The IAM Identity API did not accept the access token sent with the request: it was missing, expired or invalid (a 401 is not about roles; a missing role is a 403).',
        text: 'The IAM Identity API did not accept the access token: it was missing, expired or not ' +
            'valid there (a 401, not a missing role). Check that `iam-endpoint` (or `region`) names the ' +
            'IAM that issued the token and that no proxy strips the Authorization header; a rerun ' +
            'gets a fresh token.'
    },
    keyLimit: {
        symptom: '`API key creation failed ... HTTP 400`',
        cause: 'A limit on API keys is reached.',
        text: 'IAM refused to create the key: a limit on API keys may be reached. Delete unused keys ' +
            '(`sweep-stale-keys: true` removes the ones this action left behind).'
    },
    invalidValue: {
        codes: ['BXNIM0110E'],
        symptom: '`HTTP 400 BXNIM0110E`',
        cause: 'IAM read a field of the request with the wrong type or format (not a key limit): the action builds the request, so an endpoint that is not IBM Cloud IAM, or a bug.',
        text: 'IAM says a field of the request has the wrong type or format (not a key limit). The ' +
            'action builds that request itself (the key name, its description, `expires_at` from ' +
            '`ephemeral-key-ttl`): check that `iam-endpoint` is IBM Cloud IAM, and report this with ' +
            'the IAM request id if it is.'
    },
    redirect: {
        symptom: '`HTTP 307, a redirect to ...`',
        cause: 'The endpoint is not the service itself: an old address, a portal page, or a proxy or gateway that redirects.',
        text: 'The action never follows a redirect, so that a key or token is never re-sent to a host ' +
            'the workflow did not name. Check {input}: it must be the base URL of the service ' +
            'itself, not an address that redirects (an old host, a portal page, a gateway).'
    },
    timeout: {
        symptom: '`ETIMEDOUT`',
        cause: 'No answer within `timeout-seconds`.',
        text: 'IAM did not answer within `timeout-seconds`. Raise it, or check the network path (proxy, firewall).'
    },
    dns: {
        symptom: '`ENOTFOUND`',
        cause: 'The host does not resolve. Private endpoints resolve only inside IBM Cloud.',
        text: 'The host name did not resolve. Check `iam-endpoint`/`region`; private endpoints resolve only inside IBM Cloud (VPC with a VPE).'
    },
    tls: {
        symptom: '`TLS certificate was not trusted`',
        cause: 'A TLS-inspecting proxy, or an endpoint whose certificate does not match its name.',
        text: 'The TLS certificate was not trusted. Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA bundle.'
    },
    network: {
        symptom: '`Could not reach IBM Cloud IAM` (ECONNRESET and others)',
        cause: 'The connection broke: a proxy, a firewall, or a private endpoint outside IBM Cloud.',
        text: "Check the runner's network: a proxy needs HTTPS_PROXY (and NO_PROXY for exceptions); a private endpoint needs a runner inside IBM Cloud."
    }
};
/**
 * Every row, in the order of the troubleshooting page: each source's own rows (its `advice`,
 * collected from the sources table in its order), then what any source may meet.
 */
const ADVICE = { ...SOURCE_ADVICE, ...IAM_ADVICE };
/** The advice's text with its placeholders filled in. */
function advise(id, fill = {}) {
    return ADVICE[id].text
        .replace('{attempts}', String(fill.attempts ?? 'N'))
        .replace('{account}', fill.account ?? 'X')
        .replace('{input}', fill.input ?? 'the endpoint input (`iam-endpoint`, `vpc-metadata-endpoint`)');
}
/** The row that names IAM error code `code`, if one does. */
function adviceForCode(code) {
    return Object.keys(ADVICE).find((id) => ADVICE[id].codes?.includes(code));
}

;// CONCATENATED MODULE: ./src/credentials/parse.ts


/**
 * The credential the inputs name. Every refusal is pushed onto `problems` (so that the step
 * reports it with the other input problems, before any request); then the result is
 * `{ kind: 'none' }`. Files the inputs name are not read here: their checks are pushed onto
 * `fileChecks` for the step to run (parsing does no I/O). Each source's inputs are its module's (INPUT_SOURCES in sources.ts); only
 * the trusted profile, shared by several, and the rules across sources are parsed here.
 */
function parseCredential(inputs, problems, fileChecks = []) {
    const before = problems.length;
    const refuse = (message) => problems.push(message);
    const rows = INPUT_SOURCES.map((row) => ({ row, label: row.selected(inputs, refuse) }));
    const chosen = rows.filter(({ label }) => label !== undefined);
    if (chosen.length > 1) {
        refuse(`${chosen.map(({ label }) => label).join(' and ')} are each a credential source: give exactly one (apikey, with or ` +
            'without a profile; cr-token-file with a profile; or vpc-metadata: true).');
    }
    const profile = parseProfile(inputs, refuse);
    const profileGiven = ['profile-id', 'profile-crn', 'profile-name'].some((name) => inputs.get(name));
    const state = (row) => ({
        inputs,
        chosen: chosen.some((c) => c.row === row),
        ...(profile ? { profile } : {}),
        profileGiven,
        refuse,
        checkFile: (check) => fileChecks.push(check)
    });
    for (const { row } of rows)
        row.check?.(state(row));
    if (inputs.ephemeralKey && (profile || chosen.some(({ row }) => !row.ownsApiKeys))) {
        refuse('ephemeral-key: true cannot be used with a trusted profile (profile-id, profile-crn, ' +
            'profile-name, cr-token-file or vpc-metadata): trusted profiles cannot own API keys. Remove ' +
            'ephemeral-key and run `ibmcloud-iam-token` in later steps for a fresh token (see ' +
            "token-command), or drop the profile to get an ephemeral key for the API key's own service ID.");
    }
    if (problems.length > before || chosen.length !== 1)
        return { kind: 'none' };
    return chosen[0].row.credential(state(chosen[0].row));
}
/** At most one of profile-id, profile-crn, profile-name (which needs account-id). */
function parseProfile({ get, accountId }, refuse) {
    const id = get('profile-id');
    const crn = get('profile-crn');
    const name = get('profile-name');
    const given = [
        ['profile-id', id],
        ['profile-crn', crn],
        ['profile-name', name]
    ].filter(([, value]) => value);
    if (given.length > 1) {
        refuse(`${given.map(([input]) => input).join(' and ')} each name a trusted profile: give only one.`);
        return undefined;
    }
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    const odd = (value) => /[\u0000-\u001f\u007f-\u009f]/.test(value) || value.length > 512;
    if (id && (odd(id) || !/^Profile-[A-Za-z0-9-]+$/.test(id))) {
        refuse(`profile-id "${untrusted_oneLine(id.slice(0, 80))}" is not a trusted profile id (Profile-<uuid>, as ` +
            '`ibmcloud iam trusted-profile NAME --id` prints). For a name, use profile-name with account-id.');
    }
    else if (crn && (odd(crn) || !crn.startsWith('crn:'))) {
        refuse(`profile-crn "${untrusted_oneLine(crn.slice(0, 80))}" is not a CRN (crn:v1:...).`);
    }
    else if (name && odd(name)) {
        refuse('profile-name contains a control character or is over 512 characters long.');
    }
    else if (name && !accountId) {
        refuse('profile-name needs account-id: a profile name is unique only within an account. Set ' +
            'account-id to the account of the profile, or use profile-id instead.');
    }
    else if (id)
        return { id };
    else if (crn)
        return { crn };
    else if (name && accountId)
        return { name, account: accountId };
    return undefined;
}

;// CONCATENATED MODULE: ./src/handoff/sdk-services.ts


/**
 * The `sdk-services` input: IBM SDK service names (the configuration prefixes the SDKs read,
 * e.g. `iam_identity`, `resource_controller`), parsed and checked before any request.
 */
const SERVICE_NAME = /^[a-z][a-z0-9_-]*$/;
/**
 * The names, in order, without repeats. A name and its hyphenated spelling (`secrets-manager`,
 * `secrets_manager`) are one service for the SDKs (the prefix upper-cases and turns `-` into
 * `_`), so the second is dropped.
 */
function parseSdkServices(value) {
    const names = value.split(/[\s,]+/).filter(Boolean);
    const bad = names.filter((name) => !SERVICE_NAME.test(name) || name.length > 64);
    if (bad.length > 0) {
        throw new ConfigError(`sdk-services: ${bad.map((n) => `"${untrusted_oneLine(n.slice(0, 64))}"`).join(', ')} ` +
            `${bad.length === 1 ? 'is not an IBM SDK service name' : 'are not IBM SDK service names'}: ` +
            'lower-case letters, digits, _ and -, starting with a letter (the service name a client is ' +
            'built with, e.g. iam_identity, resource_controller, secrets_manager), separated by spaces, ' +
            'commas or new lines.');
    }
    const seen = new Set();
    return names.filter((name) => {
        const prefix = servicePrefix(name);
        if (seen.has(prefix))
            return false;
        seen.add(prefix);
        return true;
    });
}
/** The prefix of a service's entries, as every IBM SDK core computes it. */
function servicePrefix(service) {
    return `${service.toUpperCase().replace(/-/g, '_')}_`;
}
/**
 * A value the four SDK cores read back as written. Go's core takes the text after `=` and
 * trims it; Node's (dotenv) also ends an unquoted value at `#` and unquotes a value that starts
 * with a quote. So: no line break or control character, no `#`, no surrounding space, no
 * leading quote. Returns why not, or undefined.
 */
function unportable(value) {
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (/[\u0000-\u001f\u007f]/.test(value))
        return 'a control character or line break';
    if (value.includes('#'))
        return 'a # (the SDKs read it as the start of a comment)';
    if (value !== value.trim())
        return 'leading or trailing spaces (the SDKs trim them)';
    if (/^['"`]/.test(value))
        return 'a leading quote (the Node SDK unquotes it)';
    if (value === '')
        return 'nothing';
    return undefined;
}
/**
 * Problems with handing this credential to the SDKs, found before any request: a value the
 * file cannot carry, or a profile the SDK's authenticator cannot name.
 */
function sdkProblems(credential, endpoint) {
    const problems = [];
    const check = (input, value) => {
        const why = value === undefined ? undefined : unportable(value);
        if (why) {
            problems.push(`${input} contains ${why}, which an ibm-credentials.env entry cannot carry: with ` +
                'sdk-services, use a value without it (or remove sdk-services).');
        }
    };
    check('iam-endpoint', endpoint);
    if (credential.kind === 'cr-token-file') {
        check('cr-token-file', credential.path);
        if ('crn' in credential.profile) {
            problems.push("sdk-services with cr-token-file needs profile-id or profile-name: IBM's " +
                'ContainerAuthenticator (AUTH_TYPE=container) names the profile by IAM_PROFILE_ID or ' +
                'IAM_PROFILE_NAME only, and has no entry for a CRN.');
        }
    }
    if (credential.kind === 'vpc-metadata')
        check('vpc-metadata-endpoint', credential.endpoint);
    if (credential.kind === 'cr-token-file' || credential.kind === 'vpc-metadata') {
        const profile = credential.profile;
        if (profile && 'name' in profile)
            check('profile-name', profile.name);
        if (profile && 'crn' in profile)
            check('profile-crn', profile.crn);
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/registry/hosts.ts


/** IBM Cloud Container Registry's hosts: the global one and the regional ones. */
const ICR_HOSTS = [
    'icr.io',
    'us.icr.io',
    'uk.icr.io',
    'de.icr.io',
    'jp.icr.io',
    'jp2.icr.io',
    'au.icr.io',
    'br.icr.io',
    'ca.icr.io',
    'es.icr.io'
];
const ACCEPTED = `${ICR_HOSTS.join(', ')}, private. + any of them (e.g. private.us.icr.io), or a loopback ` +
    'host:port for emulators and tests (127.0.0.1:5000, localhost:5000, [::1]:5000)';
const ICR = new Set([...ICR_HOSTS, ...ICR_HOSTS.map((h) => `private.${h}`)]);
const LOOPBACK = /^(?:127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|localhost|\[::1\]):(\d{1,5})$/;
/** True for a host this action may configure: an ICR host, or loopback with a port. */
function hosts_isRegistryHost(host) {
    if (ICR.has(host))
        return true;
    const port = LOOPBACK.exec(host)?.[1];
    return port !== undefined && Number(port) >= 1 && Number(port) <= 65535;
}
/**
 * The `registries` input: hosts separated by spaces, commas or new lines, each exactly one of
 * the accepted forms (no scheme, path, wildcard or other host), in order, duplicates dropped.
 */
function parseRegistries(raw) {
    const text = raw.trim();
    if (!text)
        return [];
    const entries = text.split(/[\s,]+/);
    if (/(^|,)\s*(,|$)/.test(text.replace(/\s*\n\s*/g, ','))) {
        throw new ConfigError(`registries has an empty entry (two separators in a row): list hosts separated by spaces, ` +
            `commas or new lines. Accepted: ${ACCEPTED}.`);
    }
    const wrong = entries.filter((entry) => !hosts_isRegistryHost(entry.toLowerCase()));
    if (wrong.length > 0) {
        const shown = wrong.map((entry) => `"${untrusted_oneLine(entry)}"`).join(', ');
        throw new ConfigError(`registries: ${shown} ${wrong.length === 1 ? 'is' : 'are'} not a Container Registry host ` +
            `this action logs in to (a bare host, no https:// and no path). Accepted: ${ACCEPTED}.`);
    }
    return [...new Set(entries.map((entry) => entry.toLowerCase()))];
}
/**
 * The host a credential helper is asked about: `us.icr.io`, `https://us.icr.io/v2/`,
 * `127.0.0.1:5000` all name their host (lower-cased, scheme and path dropped).
 */
function hosts_serverHost(serverUrl) {
    return serverUrl
        .trim()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .replace(/[/?#].*$/s, '')
        .toLowerCase();
}

;// CONCATENATED MODULE: ./src/config.ts







/**
 * The config, or a ConfigError naming every problem at once: the inputs' and the file checks'
 * that the step ran (`fileProblems`), so that one run reports all of them before any request.
 */
function configOf(parsed, fileProblems = []) {
    const problems = [...parsed.problems, ...fileProblems];
    if (problems.length === 1)
        throw new ConfigError(problems[0]);
    if (problems.length > 1) {
        throw new ConfigError(`${problems.length} inputs are wrong:\n- ${problems.join('\n- ')}`);
    }
    return parsed.config;
}
/**
 * Parses all inputs and throws every problem at once, without checking the files they name:
 * for the post step, which uses no credential file. The main step runs parseInputs, the file
 * checks, then configOf.
 */
function parseConfig(read) {
    return configOf(parseInputs(read));
}
/**
 * Parses all inputs; does no I/O. Every problem is collected, so that one run reports all of
 * them; the API key's value never appears in a message.
 */
function parseInputs(read) {
    const get = (name) => read(name).trim();
    const problems = [];
    const fileChecks = [];
    /**
     * The parsed value, or, once the problem is recorded, undefined: no Config is returned after
     * a problem, so only values read while parsing others need a fallback (`?? …` below).
     */
    const attempt = (fn) => {
        try {
            return fn();
        }
        catch (err) {
            if (!(err instanceof ConfigError))
                throw err;
            problems.push(err.message);
            return undefined;
        }
    };
    const accountId = get('account-id');
    if (accountId && !/^[A-Za-z0-9]{1,64}$/.test(accountId)) {
        problems.push('account-id must be an IBM Cloud account id: letters and digits only (IBM account ids are 32 ' +
            'hex characters; `ibmcloud account show` prints it), ' +
            `got "${untrusted_oneLine(accountId)}".`);
    }
    // Read by parseCredential: an unreadable ephemeral-key counts as false and a refused apikey as
    // none, so that they add no problem of their own there.
    const ephemeralEnabled = attempt(() => parseBoolean('ephemeral-key', get('ephemeral-key'), false)) ?? false;
    const apikey = attempt(() => validateApiKey(get('apikey'))) ?? '';
    const config = {
        credential: parseCredential({ get, apikey, accountId, ephemeralKey: ephemeralEnabled }, problems, fileChecks),
        endpoint: attempt(() => resolveEndpoint({
            iamEndpoint: get('iam-endpoint'),
            region: get('region'),
            private: parseBoolean('private', get('private'), false)
        })),
        ...(accountId ? { accountId } : {}),
        envName: attempt(() => validateEnvName('env-name', get('env-name') || 'IBMCLOUD_IAM_TOKEN')),
        exportEnv: attempt(() => parseBoolean('export-env', get('export-env'), true)),
        maxAttempts: attempt(() => parseInteger('max-attempts', get('max-attempts'), 5, 1, 10)),
        timeoutMs: attempt(() => parseInteger('timeout-seconds', get('timeout-seconds'), 30, 1, 300)) * 1000,
        onMissingApikey: attempt(() => parseChoice('on-missing-apikey', get('on-missing-apikey'), ['fail', 'skip'])),
        ephemeral: {
            enabled: ephemeralEnabled,
            ttlMinutes: attempt(() => parseInteger('ephemeral-key-ttl', get('ephemeral-key-ttl'), 360, 5, 1440)),
            envName: attempt(() => validateEnvName('ephemeral-key-env', get('ephemeral-key-env') || 'IBMCLOUD_API_KEY')),
            revoke: attempt(() => parseBoolean('revoke', get('revoke'), true)),
            sweepStale: attempt(() => parseBoolean('sweep-stale-keys', get('sweep-stale-keys'), false))
        },
        tokenCommand: attempt(() => parseBoolean('token-command', get('token-command'), true)),
        sdkServices: attempt(() => parseSdkServices(get('sdk-services'))) ?? [],
        registries: attempt(() => parseRegistries(get('registries')))
    };
    if (config.sdkServices.length > 0)
        problems.push(...sdkProblems(config.credential, config.endpoint));
    const { envName, ephemeral } = config;
    if (ephemeral.enabled && config.exportEnv && envName && envName === ephemeral.envName) {
        problems.push(`env-name and ephemeral-key-env are both ${config.envName}: give them different names.`);
    }
    return { config, problems, fileChecks };
}

;// CONCATENATED MODULE: ./src/iam/retry.ts

/**
 * When IAM is asked again and how long the action waits first, in three parts: what a network
 * error code says about the request (read by these rules and by the advice a user gets), how
 * long to wait (pure functions of the attempt, a random number and Retry-After), and the loop
 * that sends until an answer should not be retried or a limit of the policy is reached.
 */
// What a network error code says about the request.
/** The connection was never made, so IAM cannot have acted on the request. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);
function requestNeverSent(code) {
    return NEVER_SENT.has(code);
}
/** DNS names that do not exist and URLs that cannot be built do not fix themselves. */
function isPermanentNetworkError(code) {
    return code === 'ENOTFOUND' || code === 'ERR_INVALID_URL' || isTlsError(code);
}
/** The TLS handshake failed: an untrusted or mismatched certificate, or a protocol error. */
function isTlsError(code) {
    return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ALTNAME/.test(code);
}
function isDnsError(code) {
    return code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}
const DEFAULT_BACKOFF = { baseDelayMs: 1000, maxDelayMs: 30_000 };
/**
 * The shape of the waits after a 429. The first is spread wide, because a 429 usually means a
 * crowd (a matrix released together) that has to be spread over several windows of the limit;
 * a later 429 is most often one unlucky draw into a slightly overfull second, so the next try
 * comes soon, and the spread then doubles for a limit that stays saturated.
 */
const RATE_LIMIT_BACKOFF = {
    /** The least wait without Retry-After: a typical rate-limit window, so the next try lands in a fresh one. */
    floorMs: 1000,
    /** The spread (full jitter on top of the floor) after the first 429. */
    firstSpreadMs: 3500,
    /** The spread after the second 429; it doubles after each further one, up to maxDelayMs. */
    nextSpreadMs: 500
};
/**
 * Retry-After in seconds or as an HTTP date (all three of RFC 9110's forms start with the day's
 * name); undefined when absent or unreadable. `Date.parse` alone would read "1.5" or "-5" as
 * dates in 2001.
 */
function parseRetryAfter(value, nowMs) {
    if (!value)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/.test(trimmed))
        return undefined;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - nowMs);
}
/** Retry-After as the least wait, capped at maxDelayMs. */
function retryAfterFloor(retryAfterMs, backoff) {
    return retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, backoff.maxDelayMs);
}
/**
 * After a failure (5xx, 408, no answer): full jitter, a random wait up to an exponentially
 * growing ceiling. A Retry-After is honoured as a floor, capped at maxDelayMs, and jitter is
 * still added on top so that jobs told the same Retry-After do not return in the same millisecond.
 */
function backoffDelay(attempt, backoff, random, retryAfterMs) {
    const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** (attempt - 1));
    return retryAfterFloor(retryAfterMs, backoff) + Math.floor(random() * ceiling);
}
/** The jitter spread after the n-th 429 of one request (n from 1). */
function rateLimitSpread(n, backoff) {
    if (n <= 1)
        return RATE_LIMIT_BACKOFF.firstSpreadMs;
    return Math.min(backoff.maxDelayMs, RATE_LIMIT_BACKOFF.nextSpreadMs * 2 ** (n - 2));
}
/**
 * After the n-th 429: a floor (Retry-After when IAM sent one, else a one-second window) plus
 * full jitter over rateLimitSpread(n).
 */
function rateLimitDelay(n, backoff, random, retryAfterMs) {
    const floor = retryAfterMs === undefined ? RATE_LIMIT_BACKOFF.floorMs : retryAfterFloor(retryAfterMs, backoff);
    return floor + Math.floor(random() * rateLimitSpread(n, backoff));
}
/** The policy of a step: budget = max-attempts × timeout-seconds. */
function retryPolicy(limits) {
    const { maxAttempts, timeoutMs } = limits;
    return { maxAttempts, budgetMs: maxAttempts * timeoutMs, ...DEFAULT_BACKOFF };
}
/** 408, 429 and 5xx except 501 may succeed later; any other 4xx never will. */
function isRetryableStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status !== 501 && status <= 599);
}
/** A broken or refused connection may work next time; see isPermanentNetworkError for what will not. */
function isRetryableNetworkError(err) {
    return !isPermanentNetworkError(err.code);
}
/**
 * For a request that creates something, only answers that prove nothing was done may be
 * retried: 429, or a connection that was never made. After a 5xx or a lost answer the
 * create may have happened, and a retry would make a second one.
 */
function mayRetryCreate(outcome) {
    if (typeof outcome === 'number')
        return outcome === 429;
    return requestNeverSent(outcome.code);
}
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/**
 * Sends until an answer that should not be retried, or until a limit of the policy. Returns
 * the last answer (which may be an error status) and how many attempts it took; throws
 * NetworkError (with the attempt count) when the last attempt got no answer.
 */
async function sendWithRetry(send, ctx) {
    const { policy, clock } = ctx;
    const deadline = clock.now() + policy.budgetMs;
    let failures = 0;
    let rateLimited = 0;
    for (let attempt = 1;; attempt++) {
        let outcome;
        let retryAfterMs;
        try {
            const response = await send();
            const retryable = isRetryableStatus(response.status) && (ctx.idempotent || mayRetryCreate(response.status));
            if (!retryable)
                return { response, attempts: attempt };
            outcome = { response };
            retryAfterMs = parseRetryAfter(response.headers['retry-after'], clock.now());
        }
        catch (err) {
            if (!(err instanceof NetworkError))
                throw err;
            const retryable = isRetryableNetworkError(err) && (ctx.idempotent || mayRetryCreate(err));
            if (!retryable)
                throw err.withContext(attempt, ctx.operation, ctx.url);
            outcome = { error: err };
        }
        const status = 'response' in outcome ? outcome.response.status : undefined;
        const giveUp = () => {
            if ('response' in outcome)
                return { response: outcome.response, attempts: attempt };
            throw outcome.error.withContext(attempt, ctx.operation, ctx.url);
        };
        if (policy.maxAttempts <= 1)
            return giveUp();
        let delay;
        let floor;
        let note;
        if (status === 429) {
            rateLimited++;
            delay = rateLimitDelay(rateLimited, policy, clock.random, retryAfterMs);
            floor =
                retryAfterMs === undefined
                    ? RATE_LIMIT_BACKOFF.floorMs
                    : retryAfterFloor(retryAfterMs, policy);
            note = `IAM is rate limiting (HTTP 429) on attempt ${attempt}`;
        }
        else {
            failures++;
            if (failures >= policy.maxAttempts)
                return giveUp();
            delay = backoffDelay(failures, policy, clock.random, retryAfterMs);
            floor = retryAfterFloor(retryAfterMs, policy);
            const why = 'error' in outcome
                ? `no answer from IAM (${outcome.error.code})`
                : `IAM answered HTTP ${outcome.response.status}`;
            note =
                rateLimited === 0
                    ? `${why} on attempt ${attempt} of ${policy.maxAttempts}`
                    : `${why} on attempt ${attempt} (failure ${failures} of ${policy.maxAttempts}; ` +
                        `${rateLimited} rate limited before)`;
        }
        const left = deadline - clock.now();
        if (floor > left) {
            ctx.log(`${ctx.operation}: ${note}; giving up: the retry budget (max-attempts × timeout-seconds, ` +
                `${seconds(policy.budgetMs)}) has ${seconds(Math.max(0, left))} left`);
            return giveUp();
        }
        delay = Math.min(delay, left);
        ctx.log(`${ctx.operation}: ${note}; retrying in ${seconds(delay)}` +
            (retryAfterMs !== undefined ? ` (Retry-After ${Math.round(retryAfterMs / 1000)} s)` : ''));
        await clock.sleep(delay);
    }
}

;// CONCATENATED MODULE: ./src/describe-error.ts



function adviceFor(err) {
    const code = err.details.errorCode;
    const byCode = code ? adviceForCode(code) : undefined;
    if (byCode)
        return advise(byCode);
    const { status, operation, attempts } = err;
    if (isRedirect(status))
        return advise('redirect', { input: endpointInput(operation) });
    if (status === 429)
        return advise('rateLimited', { attempts });
    if (operation === errors_OPERATION.createKey && status >= 500)
        return advise('maybeCreated');
    if (status >= 500)
        return advise('iamFailing', { attempts });
    const identityApi = [
        errors_OPERATION.createKey,
        errors_OPERATION.lookupKey,
        errors_OPERATION.deleteKey,
        errors_OPERATION.listKeys
    ];
    // A 401 is the bearer token (missing, expired, invalid); a 403 is what it may do.
    if (identityApi.includes(operation) && status === 401)
        return advise('tokenRefused');
    if (identityApi.includes(operation) && status === 403)
        return advise('keyNotPermitted');
    // Any other 400 on creation (BXNIM0110E, a malformed field, has its own row above).
    if (operation === errors_OPERATION.createKey && status === 400)
        return advise('keyLimit');
    return undefined;
}
function isRedirect(status) {
    return status >= 300 && status < 400;
}
/** The input that names the host an operation was sent to. */
function endpointInput(operation) {
    const metadata = [errors_OPERATION.instanceIdentity, errors_OPERATION.metadataIamToken];
    return metadata.includes(operation) ? '`vpc-metadata-endpoint`' : '`iam-endpoint`';
}
function networkAdvice(code) {
    if (code === 'ETIMEDOUT')
        return advise('timeout');
    if (isDnsError(code))
        return advise('dns');
    if (isTlsError(code))
        return advise('tls');
    return advise('network');
}
function plural(n, what) {
    return `${n} ${what}${n === 1 ? '' : 's'}`;
}
/** One readable message for any error; `context` adds hints the error itself cannot know. */
function describeError(err, context = {}) {
    if (err instanceof IamError) {
        const d = err.details;
        const what = [d.errorCode, d.errorMessage].filter(Boolean).join(': ');
        const head = `IBM Cloud IAM ${err.operation} failed after ${plural(err.attempts, 'attempt')}: HTTP ${err.status}`;
        const lines = [
            isRedirect(err.status)
                ? `${head}, a redirect ${d.location ? `to ${d.location}` : 'without a Location'}, ` +
                    'which the action never follows.'
                : head + (what ? ` ${what}` : '') + (d.bodySummary ? ` (response: ${d.bodySummary})` : '')
        ];
        if (d.errorDetails)
            lines.push(`Details: ${d.errorDetails}`);
        const advice = adviceFor(err);
        if (advice)
            lines.push(advice);
        if (context.accountId && err.operation === errors_OPERATION.token && err.status < 500) {
            lines.push(advise('accountPinned', { account: context.accountId }));
        }
        if (d.requestId)
            lines.push(`IAM request id: ${d.requestId} (quote it to IBM support).`);
        return lines.join('\n');
    }
    if (err instanceof NetworkError) {
        const target = err.url ? ` ${err.url}` : '';
        // A create whose answer was lost may have happened; one never sent cannot have.
        const created = err.operation === errors_OPERATION.createKey && !requestNeverSent(err.code)
            ? `\n${advise('maybeCreated')}`
            : '';
        return (`Could not reach IBM Cloud IAM${target} (${err.operation ?? 'request'}) after ` +
            `${plural(err.attempts, 'attempt')}: ${err.message}.\n${networkAdvice(err.code)}${created}`);
    }
    if (err instanceof ConfigError || err instanceof errors_ActionError)
        return err.message;
    if (err instanceof Error)
        return `Unexpected error: ${err.message}`;
    return `Unexpected error: ${String(err)}`;
}

;// CONCATENATED MODULE: ./src/iam/apikeys.ts


/**
 * One key object of the Identity API's answers; undefined unless it is an object with a string
 * id, never a throw.
 */
function parseApiKey(item) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
        return undefined;
    const o = item;
    if (typeof o.id !== 'string' || o.id.length === 0)
        return undefined;
    const s = (v) => (typeof v === 'string' ? v : '');
    return {
        id: o.id,
        name: s(o.name),
        description: s(o.description),
        iamId: s(o.iam_id),
        accountId: s(o.account_id),
        ...(typeof o.created_at === 'string' ? { createdAt: o.created_at } : {}),
        ...(typeof o.expires_at === 'string' ? { expiresAt: o.expires_at } : {})
    };
}
function headers(token) {
    return {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        'Content-Type': 'application/json'
    };
}
/** Creates a key; its value is masked the moment the answer is parsed, before any check. */
async function createApiKey(iam, token, key, secrets) {
    const body = JSON.stringify({
        name: key.name,
        description: key.description,
        iam_id: key.iamId,
        account_id: key.accountId,
        expires_at: key.expiresAt,
        store_value: false
    });
    const res = await iam.call({
        operation: errors_OPERATION.createKey,
        method: 'POST',
        path: '/v1/apikeys',
        headers: headers(token),
        body,
        idempotent: false,
        ok: [201, 200]
    });
    const json = read_body_parseJson(res.body);
    const value = json?.apikey;
    if (typeof value === 'string')
        secrets.add(value);
    const parsed = parseApiKey(json);
    if (!parsed || typeof value !== 'string' || value === '') {
        throw new errors_ActionError('IBM Cloud IAM answered the API key creation without a key id and value. Check `iam-endpoint`.');
    }
    return { ...parsed, value };
}
/**
 * IAM's own "no such key": a 404 whose body says `not_found`. A 404 with any other body (a
 * wrong path, a proxy, an emulator's unknown route) is an error, never taken for "gone".
 */
function keyNotFound(res) {
    if (res.status !== 404)
        return false;
    const body = read_body_parseJson(res.body);
    return Array.isArray(body?.errors) && body.errors[0]?.code === 'not_found';
}
/** 'deleted' on 204, 'already-gone' on IAM's 404 not_found; any other answer is an IamError. */
async function apikeys_deleteApiKey(iam, token, id) {
    const res = await iam.call({
        operation: errors_OPERATION.deleteKey,
        method: 'DELETE',
        path: `/v1/apikeys/${encodeURIComponent(id)}`,
        headers: headers(token),
        idempotent: true,
        ok: (res) => res.status === 204 || res.status === 200 || keyNotFound(res)
    });
    return res.status === 404 ? 'already-gone' : 'deleted';
}
/**
 * The key with this id as IAM describes it (name, description, owner), or undefined when IAM
 * does not know it in the token's account (404). A failed lookup reads as a lookup, not as the
 * deletion it comes before.
 */
async function apikeys_getApiKey(iam, token, id) {
    const res = await iam.call({
        operation: OPERATION.lookupKey,
        method: 'GET',
        path: `/v1/apikeys/${encodeURIComponent(id)}`,
        headers: headers(token),
        idempotent: true,
        ok: (res) => res.status === 200 || keyNotFound(res)
    });
    if (res.status === 404)
        return undefined;
    const key = parseApiKey(parseJson(res.body));
    if (!key) {
        throw new ActionError('IBM Cloud IAM answered the API key lookup without a key object. Check `iam-endpoint`.');
    }
    return key;
}
/** All keys of one identity in one account, following IAM's pages (bounded). */
async function listApiKeys(iam, token, filter, maxPages = 20) {
    const keys = [];
    let pagetoken;
    for (let page = 0; page < maxPages; page++) {
        const query = new URLSearchParams({
            account_id: filter.accountId,
            iam_id: filter.iamId,
            pagesize: '100'
        });
        if (pagetoken)
            query.set('pagetoken', pagetoken);
        const res = await iam.call({
            operation: errors_OPERATION.listKeys,
            method: 'GET',
            path: `/v1/apikeys?${query}`,
            headers: headers(token),
            idempotent: true,
            ok: [200]
        });
        const json = read_body_parseJson(res.body);
        if (Array.isArray(json?.apikeys)) {
            for (const item of json.apikeys) {
                const key = parseApiKey(item);
                if (key)
                    keys.push(key);
            }
        }
        pagetoken = nextPageToken(json?.next);
        if (!pagetoken)
            break;
    }
    return keys;
}
/** IAM's `next` is a URL carrying `pagetoken`; accept a bare token too. */
function nextPageToken(next) {
    if (typeof next !== 'string')
        return undefined;
    if (/^[A-Za-z0-9._~-]+$/.test(next))
        return next;
    const base = 'https://iam.invalid';
    if (!URL.canParse(next, base))
        return undefined;
    return new URL(next, base).searchParams.get('pagetoken') ?? undefined;
}
/** IAM keeps key expiries to the minute: the time a key asked to expire at `epochMs` really does. */
function roundUpToMinute(epochMs) {
    return Math.ceil(epochMs / 60_000) * 60_000;
}
/** IAM's key expiry format, yyyy-MM-ddTHH:mm+0000, rounded up to the next whole minute. */
function formatExpiresAt(epochMs) {
    return `${new Date(roundUpToMinute(epochMs)).toISOString().slice(0, 16)}+0000`;
}
/** Reads IAM's expiry and creation formats (yyyy-MM-ddTHH:mm[:ss[.SSS]]+0000 or ISO 8601). */
function parseIamTime(value) {
    if (!value)
        return undefined;
    const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? undefined : ms;
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = /*#__PURE__*/JSON.parse('{"UU":"ibmcloud-iam-token-action","rE":"1.0.0"}');
;// CONCATENATED MODULE: ./src/version.ts

/** The action's name and version, as sent in the User-Agent header: package.json is the one source. */
const ACTION_NAME = package_namespaceObject.UU;
const ACTION_VERSION = package_namespaceObject.rE;
function userAgent(nodeVersion = process.version, platform = process.platform, arch = process.arch) {
    return `${ACTION_NAME}/${ACTION_VERSION} (node ${nodeVersion}; ${platform} ${arch})`;
}

;// CONCATENATED MODULE: ./src/ephemeral/naming.ts

/**
 * IBM documents no limit on an API key's name (emulator/CONTRACT.md lists the sources checked):
 * 100 keeps names readable in the console, and the emulator enforces the same cap.
 */
const MAX_NAME_LENGTH = 100;
function runFacts(env) {
    const [owner = 'local', repo = 'local'] = (env.GITHUB_REPOSITORY ?? '').split('/').filter(Boolean);
    const runId = env.GITHUB_RUN_ID || '0';
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    return {
        owner,
        repo,
        runId,
        runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
        job: env.GITHUB_JOB || 'job',
        runUrl: `${server}/${owner}/${repo}/actions/runs/${runId}`
    };
}
function safe(part) {
    return part.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-');
}
/**
 * `gha-<owner>-<repo>-`: every key this action makes for a repository starts so. Owner and
 * repo are cut (always the same way) so that a name stays within MAX_NAME_LENGTH; the
 * description names the repository exactly.
 */
function keyNamePrefix(facts) {
    return `gha-${safe(facts.owner).slice(0, 20)}-${safe(facts.repo).slice(0, 30)}-`;
}
/**
 * Unique per job and attempt: matrix legs share run id, attempt and job id, so a random
 * suffix tells them apart. Cut to IAM-friendly length, keeping the run id and the suffix.
 */
function keyName(facts, random) {
    const suffix = Math.floor(random() * 0xffffff)
        .toString(16)
        .padStart(6, '0');
    const run = `${safe(facts.runId).slice(0, 20)}-${safe(facts.runAttempt).slice(0, 5)}`;
    const head = `${keyNamePrefix(facts)}${run}-`;
    const room = Math.max(0, MAX_NAME_LENGTH - head.length - suffix.length - 1);
    return `${head}${safe(facts.job).slice(0, room)}-${suffix}`;
}
/** What a description says after it names the run: the key's own longest life. */
const USABLE_UNTIL = /; not used after (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)\.$/;
/** How every description of a key made in this run (and attempt) begins. */
function runMarker(facts) {
    return `Ephemeral key made by ${ACTION_NAME} for ${facts.runUrl}/attempts/${facts.runAttempt};`;
}
/**
 * The description names the action and the run, so that an admin who finds the key knows, and
 * the longest its own job can use it (`usableUntilMs`: the job's runner-dependent maximum or the
 * key's expiry, whichever comes first), so that a sweep in another job never has to guess.
 */
function keyDescription(facts, usableUntilMs) {
    return (`${runMarker(facts)} deleted by its post step, or expired by IAM; not used after ` +
        `${new Date(usableUntilMs).toISOString()}.`);
}
/** Does IAM's description of a key say it was made in this very run and attempt? */
function naming_madeInThisRun(description, facts) {
    return description.startsWith(runMarker(facts)) && USABLE_UNTIL.test(description);
}
/** The "not used after" time a description carries (epoch ms), or undefined for older keys. */
function usableUntil(description) {
    const match = USABLE_UNTIL.exec(description);
    if (!match?.[1])
        return undefined;
    const ms = Date.parse(match[1]);
    return Number.isNaN(ms) ? undefined : ms;
}
/** Is this key one that this action made for this repository? Name prefix and description must both say so. */
function naming_isOurs(key, facts) {
    const prefix = keyNamePrefix(facts);
    if (!key.name.startsWith(prefix) || !/^\d+-\d+-/.test(key.name.slice(prefix.length)))
        return false;
    const marker = `by ${ACTION_NAME} for ${facts.runUrl.replace(/\/\d+$/, '/')}`;
    return key.description.startsWith(`Ephemeral key made ${marker}`);
}

;// CONCATENATED MODULE: ./src/ephemeral/issue.ts


/**
 * Names of the values the main step saves for the post step. Only `keyValue` is a secret (the
 * ephemeral key, masked since it arrived): the post step revokes the key with the key itself,
 * so it never needs the long-lived `apikey`. A later step cannot change a value main saved
 * (state overrides env for these names); it can plant the names main did not save.
 */
const STATE = {
    keyId: 'ephemeral-key-id',
    keyValue: 'ephemeral-key-value',
    keyExpiresAt: 'ephemeral-key-expires-at',
    endpoint: 'iam-endpoint',
    /** The proxy and CA settings the main step used (network-settings.ts), as JSON. */
    network: 'network-settings'
};
/**
 * Creates the ephemeral key for the token's own identity. Its value is masked on arrival
 * (createApiKey) and its id saved as state before the caller exports anything, so that the
 * post step can delete it even if a later part of the main step fails.
 */
async function issueEphemeralKey(iam, token, config, ctx) {
    const now = ctx.clock.now();
    const expiresAtMs = now + config.ttlMinutes * 60_000;
    const usableUntilMs = Math.min(roundUpToMinute(expiresAtMs), now + ctx.longestJobMinutes * 60_000);
    const created = await createApiKey(iam, token.accessToken, {
        name: keyName(ctx.facts, ctx.clock.random),
        description: keyDescription(ctx.facts, usableUntilMs),
        iamId: token.iamId,
        accountId: token.accountId,
        expiresAt: formatExpiresAt(expiresAtMs)
    }, ctx.secrets);
    const expires = parseIamTime(created.expiresAt) ?? roundUpToMinute(expiresAtMs);
    ctx.runner.saveState(STATE.keyId, created.id);
    // Masked on arrival (createApiKey): the post step revokes the key with itself.
    ctx.runner.saveState(STATE.keyValue, created.value);
    ctx.runner.saveState(STATE.network, ctx.network);
    ctx.runner.saveState(STATE.keyExpiresAt, String(expires));
    ctx.runner.saveState(STATE.endpoint, iam.endpoint);
    return { id: created.id, value: created.value, expiresAtMs: expires };
}

;// CONCATENATED MODULE: ./src/ephemeral/sweep.ts



/**
 * The longest a job runs (6 hours on GitHub-hosted runners, 5 days on self-hosted ones): a
 * key of ours older than this has no job left that could use it.
 */
function longestJobMinutes(env) {
    return env.RUNNER_ENVIRONMENT === 'github-hosted' ? 360 : 5 * 24 * 60;
}
/** The longest any job runs (self-hosted runners): the bound for a key whose description names none. */
const LONGEST_ANY_JOB_MS = 5 * 24 * 3600_000;
/**
 * Deletes keys this action made for this repository in earlier runs that can no longer be
 * in use: past their expiry, or past the longest life their own job could have (which each
 * key's description carries: the sweeping job's runner says nothing about the job that made
 * the key). Only keys IAM lists for this very identity and account; never anything else.
 */
async function sweepStaleKeys(iam, token, ctx) {
    const now = ctx.clock.now();
    const keys = await listApiKeys(iam, token.accessToken, {
        accountId: token.accountId,
        iamId: token.iamId
    });
    const stale = keys.filter((key) => {
        if (key.id === ctx.keepId || !naming_isOurs(key, ctx.facts))
            return false;
        // IAM was asked for this identity's keys in this account: a key it lists for another is
        // not ours to judge, whatever its name says.
        if (key.iamId !== token.iamId || key.accountId !== token.accountId)
            return false;
        // A key without a readable expiry never expired; one without a readable creation time is not old.
        const expires = parseIamTime(key.expiresAt) ?? Infinity;
        const created = parseIamTime(key.createdAt) ?? now;
        const lastUse = usableUntil(key.description) ?? created + LONGEST_ANY_JOB_MS;
        return expires <= now || lastUse <= now;
    });
    const deleted = [];
    let gone = 0;
    for (const key of stale) {
        const shown = `${untrusted_oneLine(key.id)} (${untrusted_oneLine(key.name)})`;
        if ((await apikeys_deleteApiKey(iam, token.accessToken, key.id)) === 'already-gone') {
            gone++;
            ctx.runner.info(`Stale ephemeral API key ${shown} was already gone.`);
            continue;
        }
        deleted.push(key.id);
        ctx.runner.info(`Swept stale ephemeral API key ${shown}.`);
    }
    ctx.runner.info(stale.length === 0
        ? `No stale ephemeral API keys to sweep (${keys.length} keys checked).`
        : `Swept ${deleted.length} stale ephemeral API key(s) of ${keys.length} checked` +
            (gone ? ` (${gone} already gone).` : '.'));
    return deleted;
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/handoff/cli-env.ts

/**
 * The variables the `ibmcloud` CLI reads for a keyless login (ibm-cloud-cli-sdk `bluemix/env.go`,
 * IBM Cloud docs "Environment variables for the CLI"): a compute-resource token as `@<file>`
 * with the profile, or, on a VPC server (`ibmcloud login --vpc-cri`), the profile and the
 * metadata endpoint. The caller gives the token file's absolute path. None is a secret: the file is named, never copied. Empty for an API key
 * (its own variable, IBMCLOUD_API_KEY, is the ephemeral key's default ephemeral-key-env).
 */
function cliEnv(credential) {
    if (credential.kind === 'cr-token-file') {
        return {
            IBMCLOUD_CR_TOKEN: `@${credential.path}`,
            IBMCLOUD_CR_PROFILE: profileValue(credential.profile)
        };
    }
    if (credential.kind === 'vpc-metadata') {
        return {
            ...(credential.profile ? { IBMCLOUD_CR_PROFILE: profileValue(credential.profile) } : {}),
            ...(credential.endpoint !== DEFAULT_METADATA_ENDPOINT
                ? { IBMCLOUD_CR_VPC_URL: credential.endpoint }
                : {})
        };
    }
    return {};
}
/** IBMCLOUD_CR_PROFILE takes a profile id, CRN or name. */
function profileValue(profile) {
    if ('id' in profile)
        return profile.id;
    if ('crn' in profile)
        return profile.crn;
    return profile.name;
}

;// CONCATENATED MODULE: ./src/handoff/sdk-credentials.ts






/**
 * The credentials file IBM's SDK cores read when `IBM_CREDENTIALS_FILE` names it: one set of
 * `<SERVICE>_<PROPERTY>=<value>` lines per service. The properties and their meaning are those
 * of ibm-cloud-sdk-core's `getAuthenticatorFromEnvironment` (Node) and go-sdk-core's
 * authenticator factory: AUTH_TYPE picks the authenticator, AUTH_URL is its `url` (IAM's base
 * URL; for `vpc` the metadata service's).
 */
const CREDENTIALS_FILE = 'ibm-credentials.env';
const FOLDER_PREFIX = 'ibm-credentials-';
/** The properties for the credential this run used. */
function sdkEntries(h) {
    const authUrl = h.endpoint === PUBLIC_ENDPOINT ? {} : { AUTH_URL: h.endpoint };
    const c = h.credential;
    if (h.ephemeralKey) {
        const properties = { AUTH_TYPE: 'iam', APIKEY: h.ephemeralKey, ...authUrl };
        return { properties, bearerOnly: false };
    }
    if (c.kind === 'cr-token-file') {
        // ContainerAuthenticator names the profile by id or name only (sdkProblems refused a CRN),
        // and sends profile_name without an account: no IAM_ACCOUNT_ID, which it would not read.
        const properties = {
            AUTH_TYPE: 'container',
            CR_TOKEN_FILENAME: c.path,
            ...profileEntry(c.profile),
            ...authUrl
        };
        return { properties, bearerOnly: false };
    }
    if (c.kind === 'vpc-metadata') {
        // VpcInstanceAuthenticator: AUTH_URL is the metadata service (which picks IAM itself).
        const url = c.endpoint === DEFAULT_METADATA_ENDPOINT ? {} : { AUTH_URL: c.endpoint };
        const properties = { AUTH_TYPE: 'vpc', ...profileEntry(c.profile), ...url };
        return { properties, bearerOnly: false };
    }
    // A long-lived API key (with or without a profile to assume) is never written to disk.
    const properties = { AUTH_TYPE: 'bearerToken', BEARER_TOKEN: h.accessToken };
    return { properties, bearerOnly: true };
}
function profileEntry(profile) {
    if (!profile)
        return {};
    if ('id' in profile)
        return { IAM_PROFILE_ID: profile.id };
    if ('crn' in profile)
        return { IAM_PROFILE_CRN: profile.crn };
    return { IAM_PROFILE_NAME: profile.name };
}
/** The file's text: a header comment, then one block per service. */
function renderCredentialsFile(services, properties) {
    const lines = [
        '# Written by the ibmcloud-iam-token action for this job; deleted by its post step.',
        '# Read by IBM SDKs through IBM_CREDENTIALS_FILE. For these services the SDKs read',
        '# nothing else: <SERVICE>_* environment variables are ignored.'
    ];
    for (const service of services) {
        lines.push('');
        for (const [name, value] of Object.entries(properties)) {
            const why = unportable(value);
            // Checked with the inputs already; a value from IAM (the key, a token) is checked here.
            if (why)
                throw new errors_ActionError(`The ${name} entry would contain ${why}: nothing written.`);
            lines.push(`${servicePrefix(service)}${name}=${value}`);
        }
    }
    return `${lines.join('\n')}\n`;
}
/**
 * RUNNER_TEMP must be a folder this step may write: checked before any request, so that a
 * runner without one fails the step with nothing done.
 */
function checkRunnerTemp(runnerTemp, files) {
    if (!runnerTemp) {
        throw new errors_ActionError('sdk-services needs RUNNER_TEMP (the folder the runner empties after the job) to hold ' +
            'ibm-credentials.env, and it is not set. Run on a GitHub Actions runner, or remove ' +
            'sdk-services.');
    }
    const shown = untrusted_oneLine(runnerTemp);
    try {
        const folder = files.isFolder(runnerTemp);
        if (folder !== true) {
            throw Object.assign(new Error(), { code: folder === false ? 'ENOTDIR' : 'ENOENT' });
        }
        // Tried, not asked: access(W_OK) says yes to root on a folder nobody can write in, and knows
        // nothing of a path that would grow too long. The probe is what writeCredentialsFile does.
        const probe = files.makeTempDir((0,external_node_path_namespaceObject.join)(runnerTemp, FOLDER_PREFIX));
        try {
            files.createFile((0,external_node_path_namespaceObject.join)(probe, CREDENTIALS_FILE), '', 0o600);
            files.unlink((0,external_node_path_namespaceObject.join)(probe, CREDENTIALS_FILE));
        }
        finally {
            files.rmdir(probe);
        }
    }
    catch (err) {
        const code = err.code;
        throw new errors_ActionError(`sdk-services: RUNNER_TEMP ${shown} ` +
            (code === 'ENOENT'
                ? 'does not exist'
                : code === 'ENOTDIR'
                    ? 'is not a folder'
                    : `is not writable (${typeof code === 'string' ? code : 'error'})`) +
            ', so ibm-credentials.env cannot be written there. Nothing was exported. Check the ' +
            "runner's work folder, or remove sdk-services.");
    }
    return runnerTemp;
}
/**
 * Writes the file into a fresh private folder under RUNNER_TEMP (mkdtemp: mode 0700, a name
 * nobody knew before), the file itself 0600. Returns its path.
 */
function writeCredentialsFile(runnerTemp, text, files) {
    try {
        const dir = files.makeTempDir((0,external_node_path_namespaceObject.join)(runnerTemp, FOLDER_PREFIX));
        const path = (0,external_node_path_namespaceObject.join)(dir, CREDENTIALS_FILE);
        files.createFile(path, text, 0o600);
        return path;
    }
    catch (err) {
        const code = err.code;
        throw new errors_ActionError(`sdk-services: ${CREDENTIALS_FILE} could not be written under RUNNER_TEMP ` +
            `${untrusted_oneLine(runnerTemp)} (${typeof code === 'string' ? code : 'error'}). Nothing was exported.`);
    }
}

;// CONCATENATED MODULE: ./src/handoff/handoff.ts




/** The state name under which the main step tells the post step which file to delete. */
const SDK_FILE_STATE = 'sdk-credentials-file';
/**
 * Before any request: with sdk-services, RUNNER_TEMP must be a writable folder. Throws an
 * ActionError saying what is wrong.
 */
function checkHandoff(config, runnerTemp, files) {
    if (config.sdkServices.length > 0)
        checkRunnerTemp(runnerTemp, files);
}
/**
 * Writes the credentials file (before anything is published: a failure leaves nothing
 * exported) and works out the CLI's variables. Token file paths are made absolute, since later
 * steps may run in another folder.
 */
function prepareHandoff(runner, config, token, ephemeralKey, where) {
    const credential = absolute(config.credential, where.cwd);
    const cli = config.exportEnv ? cliEnv(credential) : {};
    if (config.sdkServices.length === 0)
        return { cli };
    if (credential.kind === 'cr-token-file') {
        warnIfUntrimmed(runner, credential.path, where.files.readFile);
    }
    const entries = sdkEntries({
        credential,
        endpoint: config.endpoint,
        accessToken: token.accessToken,
        ...(ephemeralKey ? { ephemeralKey } : {})
    });
    const text = renderCredentialsFile(config.sdkServices, entries.properties);
    const runnerTemp = checkRunnerTemp(where.runnerTemp, where.files);
    const path = writeCredentialsFile(runnerTemp, text, where.files);
    runner.saveState(SDK_FILE_STATE, path);
    const services = config.sdkServices;
    const authType = entries.properties.AUTH_TYPE ?? '';
    const replaces = where.previous && config.exportEnv ? { replaces: where.previous } : {};
    return { file: { path, services, authType, bearerOnly: entries.bearerOnly, ...replaces }, cli };
}
/** Exports what prepareHandoff made and says what each tool now finds. */
function publishHandoff(runner, config, token, handoff) {
    const { file, cli } = handoff;
    if (file) {
        runner.setOutput('sdk-credentials-file', file.path);
        if (config.exportEnv)
            runner.exportVariable('IBM_CREDENTIALS_FILE', file.path);
        runner.info(`Wrote ${untrusted_oneLine(file.path)} (mode 0600, deleted by the post step) for IBM SDK service(s) ` +
            `${file.services.join(', ')}: AUTH_TYPE=${file.authType}` +
            (config.exportEnv ? ', exported as $IBM_CREDENTIALS_FILE.' : ' (output only).') +
            ' For these services the SDKs ignore <SERVICE>_* environment variables; pass ' +
            'serviceUrl to newInstance() (or call setServiceUrl()) for a non-default service URL.');
        if (file.replaces) {
            runner.warning(`IBM_CREDENTIALS_FILE was ${untrusted_oneLine(file.replaces)}; later steps now get this action's ` +
                'file instead, so IBM SDKs no longer read that one, for any service. Services not in ' +
                'sdk-services fall back to their <SERVICE>_* environment variables.');
        }
        if (file.bearerOnly) {
            runner.notice(`sdk-services: the SDKs get this run's IAM token (AUTH_TYPE=bearerToken), which expires ` +
                `at ${new Date(token.expiration * 1000).toISOString()} (at most an hour) and which they ` +
                'cannot renew: an API key is never written to disk. For longer jobs use ephemeral-key: ' +
                'true (the file then holds that short-lived key, which the SDKs renew tokens with), or a ' +
                'keyless source (cr-token-file, vpc-metadata).');
        }
    }
    for (const [name, value] of Object.entries(cli))
        runner.exportVariable(name, value);
    const names = Object.keys(cli);
    if (names.length > 0) {
        runner.info(`Exported ${names.map((n) => `$${n}`).join(', ')} for a keyless \`ibmcloud login\`` +
            (config.credential.kind === 'vpc-metadata' ? ' --vpc-cri.' : '.'));
    }
}
function absolute(credential, cwd) {
    if (credential.kind !== 'cr-token-file' || (0,external_node_path_namespaceObject.isAbsolute)(credential.path))
        return credential;
    return { ...credential, path: (0,external_node_path_namespaceObject.resolve)(cwd, credential.path) };
}
/**
 * This action trims the token file; IBM's SDK cores do not (ibm-cloud-sdk-core
 * `readCrTokenFile`, go-sdk-core's ContainerAuthenticator), so the token they send would carry
 * the whitespace. Kubernetes writes projected tokens without it.
 */
function warnIfUntrimmed(runner, path, readFile) {
    let content;
    try {
        content = readFile(path);
    }
    catch {
        return; // read a moment ago for the token; a file that vanished since is the SDK's to report
    }
    if (content !== content.trim()) {
        runner.warning(`cr-token-file ${untrusted_oneLine(path)} has spaces or a line break around the token. This action trims ` +
            "them, but IBM's SDKs send the file as it is, and IAM refuses such a token: write the " +
            'file without them (Kubernetes projected tokens have none).');
    }
}

;// CONCATENATED MODULE: ./src/network-settings.ts
/**
 * The network settings a step sent credentials with: the proxy variables (any case) and
 * NODE_EXTRA_CA_CERTS. The main step records them (in state for the post step, in the token
 * command's config for `ibmcloud-iam-token`); a later step can change them through GITHUB_ENV,
 * so before any credential is sent again they are compared, and a change stops the sending.
 * None of them is a secret, but a proxy URL may carry a user and password: only the variable's
 * name is ever printed.
 */
/** The variables that decide where a request goes and whom it trusts. */
const NETWORK_VARIABLES = [
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'NO_PROXY',
    'no_proxy',
    'NODE_EXTRA_CA_CERTS'
];
/** The settings in `env` (unset and empty are the same: Node and the proxy agent ignore both). */
function networkSettings(env) {
    const out = {};
    for (const name of NETWORK_VARIABLES) {
        const value = env[name];
        if (value)
            out[name] = value;
    }
    return out;
}
/** A recorded set, as JSON (state and config files hold strings). */
function recordNetworkSettings(env) {
    return JSON.stringify(networkSettings(env));
}
/** Reads a record; undefined when it is missing or not one this version wrote. */
function network_settings_readNetworkRecord(text) {
    if (!text)
        return undefined;
    try {
        const json = JSON.parse(text);
        if (typeof json !== 'object' || json === null || Array.isArray(json))
            return undefined;
        const out = {};
        for (const [name, value] of Object.entries(json)) {
            if (!NETWORK_VARIABLES.includes(name))
                return undefined;
            if (typeof value !== 'string')
                return undefined;
            out[name] = value;
        }
        return out;
    }
    catch {
        return undefined;
    }
}
/** The names of the variables whose value differs between the record and `env` (sorted as listed). */
function changedNetworkVariables(recorded, env) {
    const now = networkSettings(env);
    return NETWORK_VARIABLES.filter((name) => (recorded[name] ?? '') !== (now[name] ?? ''));
}
/**
 * Why no credential may be sent now, or undefined when the settings are the ones the main step
 * used. `who` names the step ("the post step", "ibmcloud-iam-token").
 */
function networkChange(recorded, env, who) {
    if (!recorded) {
        return (`${who} found no record of the network settings the main step used, so it cannot tell ` +
            'whether a later step redirected its traffic: no credential sent.');
    }
    const changed = changedNetworkVariables(recorded, env);
    if (changed.length === 0)
        return undefined;
    const list = changed.map((name) => `${name} (${describeChange(recorded[name], env[name])})`);
    return (`${changed.join(', ')} changed since the main step: ${list.join('; ')}. ` +
        `${who} sends no credential through network settings a later step may have written to ` +
        'GITHUB_ENV (a proxy or CA it controls could read the key). Set them in the workflow for ' +
        'the whole job, or on this action step, not in a later step.');
}
function describeChange(before, after) {
    if (!before)
        return 'set by a later step';
    if (!after)
        return 'removed by a later step';
    return 'given another value by a later step';
}

;// CONCATENATED MODULE: ./src/ephemeral/revoke.ts



/** What an IAM API key id looks like: ApiKey-<uuid>. */
const KEY_ID = /^ApiKey-[A-Za-z0-9-]{8,64}$/;
function looksLikeKeyId(id) {
    return KEY_ID.test(id);
}
/**
 * Asks IAM about the key and deletes it only when IAM's answer describes that same id as the
 * one this action made in this run (name and description), for the token's identity and
 * account: what the post step read from state decides nothing on its own. A key IAM does not
 * show this identity is not called deleted.
 */
async function revokeIfOurs(iam, token, id, facts) {
    const shown = oneLine(id);
    const key = await getApiKey(iam, token.accessToken, id);
    if (!key) {
        return {
            outcome: 'not-found',
            message: `Ephemeral API key ${shown} was not found in account ${oneLine(token.accountId)}: ` +
                'nothing deleted (it was deleted already, or it is not a key of this identity).'
        };
    }
    const ours = key.id === id &&
        isOurs(key, facts) &&
        madeInThisRun(key.description, facts) &&
        key.iamId === token.iamId &&
        key.accountId === token.accountId;
    if (!ours) {
        return {
            outcome: 'not-ours',
            message: `Left API key ${shown} (${oneLine(key.name)}) alone: it is not an ephemeral key this ` +
                `action made in this run for ${oneLine(token.iamId)}. Another step may have written ` +
                'GITHUB_STATE; check which steps of the job can.'
        };
    }
    const outcome = await deleteApiKey(iam, token.accessToken, id);
    return outcome === 'deleted'
        ? { outcome, message: `Revoked ephemeral API key ${shown}.` }
        : { outcome: 'not-found', message: `Ephemeral API key ${shown} was deleted meanwhile.` };
}

;// CONCATENATED MODULE: ./src/outputs.ts



/**
 * The shape IAM documents for each value the action publishes (outputs and exported env).
 * Every value is checked before the first is written: one of another shape (a line break, a
 * quote, `$(…)`) fails the step with nothing published, since later steps substitute these
 * values into shell commands. Only letters, digits and `-_.` pass, with the exceptions below.
 */
const SHAPES = {
    // An RS256 JWT: three base64url parts.
    token: { shape: /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/, what: 'a JWT' },
    authorization: {
        shape: /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/,
        what: '"Bearer " and a JWT'
    },
    'token-type': { shape: /^Bearer$/, what: 'Bearer' },
    'expires-in': { shape: /^\d{1,6}$/, what: 'whole seconds' },
    expiration: { shape: /^\d{1,12}$/, what: 'epoch seconds' },
    'expires-at': {
        shape: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
        what: 'an ISO 8601 time'
    },
    // IBM account ids are 32 hex characters; letters and digits, as the account-id input takes.
    'account-id': { shape: /^[A-Za-z0-9]{1,64}$/, what: 'an account id (letters and digits)' },
    // iam-ServiceId-<uuid>, iam-Profile-<uuid>, IBMid-<id>, iam-<id>.
    'iam-id': {
        shape: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/,
        what: 'an IAM id (iam-ServiceId-…, IBMid-…: letters, digits, -, _ and .)'
    },
    'iam-endpoint': {
        shape: /^https?:\/\/[A-Za-z0-9.:[\]-]+(\/[A-Za-z0-9._~/-]*)?$/,
        what: 'an IAM base URL'
    },
    authenticated: { shape: /^(true|false)$/, what: 'true or false' },
    // API key values: letters, digits, - and _.
    'ephemeral-apikey': { shape: /^[A-Za-z0-9_-]{20,512}$/, what: 'an API key' },
    'ephemeral-apikey-id': { shape: /^ApiKey-[A-Za-z0-9-]{8,64}$/, what: 'an ApiKey-… id' }
};
/** Throws, naming the value and never quoting a secret, when any value is not of its shape. */
function checkShapes(values) {
    for (const { name, value, shape, kind } of values) {
        const rule = SHAPES[shape];
        const ok = shape === 'ephemeral-apikey-id' ? looksLikeKeyId(value) : rule.shape.test(value);
        if (ok)
            continue;
        const secret = shape === 'token' || shape === 'authorization' || shape === 'ephemeral-apikey';
        throw new errors_ActionError(`IBM Cloud IAM answered with ${kind === 'env' ? `$${name}` : `output ${name}`} ` +
            `${secret ? '(not shown)' : `"${untrusted_oneLine(value)}"`}, which is not ${rule.what}: nothing was ` +
            'published, since later steps put these values into shell commands. Check `iam-endpoint`.');
    }
}
function tokenValues(config, token) {
    const out = (name, value, shape = name) => ({
        kind: 'output',
        name,
        value,
        shape
    });
    return [
        out('token', token.accessToken),
        out('authorization', `Bearer ${token.accessToken}`),
        out('token-type', token.tokenType),
        out('expires-in', String(token.expiresIn)),
        out('expiration', String(token.expiration)),
        out('expires-at', new Date(token.expiration * 1000).toISOString()),
        out('account-id', token.accountId),
        out('iam-id', token.iamId),
        out('iam-endpoint', config.endpoint),
        out('authenticated', 'true'),
        ...(config.exportEnv
            ? [{ kind: 'env', name: config.envName, value: token.accessToken, shape: 'token' }]
            : [])
    ];
}
function keyValues(config, key) {
    return [
        { kind: 'output', name: 'ephemeral-apikey', value: key.value, shape: 'ephemeral-apikey' },
        { kind: 'output', name: 'ephemeral-apikey-id', value: key.id, shape: 'ephemeral-apikey-id' },
        ...(config.exportEnv
            ? [
                {
                    kind: 'env',
                    name: config.ephemeral.envName,
                    value: key.value,
                    shape: 'ephemeral-apikey'
                }
            ]
            : [])
    ];
}
/** The token's values checked alone: before an ephemeral key is made for it. */
function checkTokenShapes(config, token) {
    checkShapes(tokenValues(config, token));
}
/**
 * Publishes the token's (and the ephemeral key's) outputs and env, every value already masked
 * or not secret, after checking all of them: nothing is written unless every one has its shape.
 */
function publish(runner, config, token, key) {
    const values = [...tokenValues(config, token), ...(key ? keyValues(config, key) : [])];
    checkShapes(values);
    for (const { kind, name, value } of values) {
        if (kind === 'output')
            runner.setOutput(name, value);
        else
            runner.exportVariable(name, value);
    }
    if (config.exportEnv) {
        runner.info(`Exported the token as $${config.envName} (IAM tokens last at most an hour).`);
    }
    if (key)
        announceEphemeralKey(runner, config, key);
}
function announceEphemeralKey(runner, config, key) {
    const until = new Date(key.expiresAtMs).toISOString();
    runner.info(`Created ephemeral API key ${untrusted_oneLine(key.id)}` +
        (config.exportEnv ? `, exported as $${config.ephemeral.envName}; ` : ' (output only); ') +
        (config.ephemeral.revoke
            ? `the post step deletes it (IAM expires it at ${until} in any case).`
            : `revoke is false, so IAM expires it at ${until}.`));
}

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/registry/helper.ts


/**
 * `docker-credential-ibmcloud`: Docker's credential-helper protocol over the token cache of
 * `ibmcloud-iam-token`. Kept to node:fs and a child process so that a cache hit costs little
 * more than starting Node (it runs on every pull and push): renewal runs the token command's
 * own bundle, which holds all of IAM.
 */
const HELPER = 'docker-credential-ibmcloud';
/** The `credHelpers` value that names this helper (docker runs `docker-credential-<value>`). */
const helper_HELPER_NAME = 'ibmcloud';
/** Docker's user name for an IAM access token at icr.io. */
const USERNAME = 'iambearer';
/** Docker's own answer for a server a helper holds nothing for (docker-credential-helpers). */
const NOT_FOUND = 'credentials not found in native keychain';
/** A renewable token is served while it is valid at least this much longer (as the token command promises). */
const MIN_VALID_S = (/* unused pure expression or super */ null && (5 * 60));
/** A token that cannot be renewed is served until this close to its expiry. */
const LAST_SECONDS_S = 60;
/** Runs one helper call; returns the exit code. Errors go to stdout, as Docker's helpers do. */
async function runHelper(args, io) {
    const fail = (message) => {
        io.stdout(`${message}\n`);
        return 1;
    };
    const [configPath, action] = args;
    let config;
    try {
        config = parseHelperConfig(io.files.readFile(configPath ?? ''));
    }
    catch {
        return fail(`${HELPER}: cannot read its config (${configPath ?? 'none given'}): run it through the ` +
            'launcher the IBM Cloud IAM token action put on PATH in an earlier step of this job.');
    }
    switch (action) {
        case 'get': {
            const server = (await io.readStdin()).trim();
            if (!config.hosts.includes(serverHost(server)))
                return fail(NOT_FOUND);
            const token = await currentToken(config, io);
            if ('error' in token)
                return fail(token.error);
            io.stdout(JSON.stringify({ ServerURL: server, Username: USERNAME, Secret: token.value }));
            return 0;
        }
        case 'list':
            io.stdout(JSON.stringify(Object.fromEntries(config.hosts.map((h) => [h, USERNAME]))));
            return 0;
        case 'store':
        case 'erase':
            // `docker login` / `docker logout`: nothing is stored, the token comes from IAM each time.
            await io.readStdin();
            return 0;
        default:
            return fail(`${HELPER}: usage: ${HELPER} get|list|store|erase (Docker's credential-helper protocol)`);
    }
}
async function currentToken(config, io) {
    const now = Math.floor(io.nowMs() / 1000);
    const cached = readCache(io.files, config.cache);
    const left = cached ? cached.expiration - now : -1;
    if (cached && left >= MIN_VALID_S)
        return { value: cached.accessToken };
    if (!config.renew) {
        if (cached && left > LAST_SECONDS_S)
            return { value: cached.accessToken };
        const when = cached ? ` at ${new Date(cached.expiration * 1000).toISOString()}` : '';
        return {
            error: `${HELPER}: the IAM token of the action's main step expired${when} and cannot be renewed ` +
                `(${config.why ?? 'no renewable credential'}). To push or pull past the token's hour, give ` +
                'the action ephemeral-key: true (with export-env: true) or a keyless source (cr-token-file, ' +
                'vpc-metadata): the helper then renews the token itself.'
        };
    }
    const renewed = await io.runTokenCommand(config.renew);
    const value = renewed.stdout.trim();
    if (renewed.code === 0 && value)
        return { value };
    // The token command masks secrets with ::add-mask:: lines on stderr: never repeat those.
    const said = renewed.stderr
        .split('\n')
        .filter((line) => line.trim() && !line.startsWith('::'))
        .join(' ');
    return {
        error: `${HELPER}: renewing the IAM token failed: ${said || `exit code ${renewed.code}`}`
    };
}
function parseHelperConfig(text) {
    const json = JSON.parse(text);
    if (json?.version !== 1 ||
        !Array.isArray(json.hosts) ||
        !json.hosts.every((h) => typeof h === 'string') ||
        typeof json.cache !== 'string') {
        throw new Error('not a config this version wrote');
    }
    return json;
}

;// CONCATENATED MODULE: ./src/registry/docker-config.ts





/** Where the job's Docker config is: DOCKER_CONFIG's config.json, else the home folder's. */
function dockerConfigPath(env) {
    const dir = env.DOCKER_CONFIG?.trim();
    if (dir)
        return (0,external_node_path_namespaceObject.join)(dir, 'config.json');
    const home = env.HOME || env.USERPROFILE || (0,external_node_os_namespaceObject.homedir)();
    return (0,external_node_path_namespaceObject.join)(home, '.docker', 'config.json');
}
/** A config file's JSON object, or a clear error; never changes anything. */
function readConfig(files, file) {
    const dir = (0,external_node_path_namespaceObject.dirname)(file);
    const folder = files.stat(dir);
    if (folder && !folder.isDirectory) {
        throw new errors_ActionError(`The Docker config folder ${dir} is not a directory (DOCKER_CONFIG must name a folder): ` +
            'fix DOCKER_CONFIG or remove that file, then run again.');
    }
    if (!files.stat(file))
        return undefined;
    const text = files.readFile(file);
    let json;
    try {
        json = text.trim() ? JSON.parse(text) : {};
    }
    catch {
        json = undefined;
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
        throw new errors_ActionError(`The Docker config ${file} is not a JSON object, so it was left as it is: fix or remove ` +
            'it, or set DOCKER_CONFIG to another folder, then run again.');
    }
    const helpers = json.credHelpers;
    if (helpers !== undefined &&
        (typeof helpers !== 'object' || helpers === null || Array.isArray(helpers))) {
        throw new errors_ActionError(`The Docker config ${file} has a credHelpers that is not an object: fix it first.`);
    }
    return { json: json, text };
}
/** Checks, before any request, that the config can be read and changed. */
function checkDockerConfig(files, file) {
    readConfig(files, file);
}
/** Writes JSON in the file's own indentation (Docker writes tabs), atomically, keeping its mode. */
function writeConfig(files, file, json, like) {
    const indent = /^\{\s*\n([ \t]+)"/.exec(like ?? '')?.[1] ?? '\t';
    const newline = like === undefined || like.endsWith('\n') ? '\n' : '';
    const mode = files.stat(file)?.mode ?? 0o600;
    const temp = `${file}.${process.pid}.tmp`;
    files.writeFile(temp, `${JSON.stringify(json, null, indent)}${newline}`, mode);
    files.chmod(temp, mode); // whatever the umask
    files.rename(temp, file);
}
/** Adds `credHelpers: {host: "ibmcloud"}` for each host; logs what it replaces or outranks. */
function addCredHelpers(files, file, hosts, log) {
    const existing = readConfig(files, file);
    const json = existing?.json ?? {};
    const hadCredHelpers = json.credHelpers !== undefined;
    const helpers = { ...(json.credHelpers ?? {}) };
    const auths = (json.auths && typeof json.auths === 'object' ? json.auths : {});
    const record = {
        file,
        created: !existing,
        hadCredHelpers,
        added: [],
        replaced: {}
    };
    for (const host of hosts) {
        const before = helpers[host];
        if (before === helper_HELPER_NAME) {
            log(`${file}: credHelpers already sends ${host} to docker-credential-${helper_HELPER_NAME}.`);
            continue;
        }
        if (typeof before === 'string') {
            record.replaced[host] = before;
            log(`${file}: replaced credHelpers entry for ${host} ("${before}"); the post step puts it back.`);
        }
        else {
            record.added.push(host);
        }
        helpers[host] = helper_HELPER_NAME;
        const shadowed = Object.keys(auths).filter((key) => hosts_serverHost(key) === host);
        if (shadowed.length > 0) {
            log(`${file}: the existing auths entry for ${host} is left in place but no longer used while ` +
                'credHelpers names a helper for it (the post step removes ours).');
        }
    }
    json.credHelpers = helpers;
    if (!existing)
        files.makeDir((0,external_node_path_namespaceObject.dirname)(file), 0o700);
    writeConfig(files, file, json, existing?.text);
    return record;
}
/** The record as GITHUB_STATE holds it, or undefined when it is not one the main step wrote. */
function parseRecord(text) {
    try {
        const r = JSON.parse(text);
        const helperName = (v) => typeof v === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(v);
        if (typeof r.file === 'string' &&
            isAbsolute(r.file) &&
            /(^|[\\/])config\.json$/.test(r.file) &&
            typeof r.created === 'boolean' &&
            typeof r.hadCredHelpers === 'boolean' &&
            Array.isArray(r.added) &&
            r.added.every((h) => typeof h === 'string' && isRegistryHost(h)) &&
            r.replaced &&
            typeof r.replaced === 'object' &&
            Object.entries(r.replaced).every(([h, v]) => isRegistryHost(h) && helperName(v))) {
            return r;
        }
    }
    catch {
        // not ours
    }
    return undefined;
}
/**
 * The post step: removes the entries the main step added and puts back those it replaced,
 * only where the entry still names our helper (a later step's change is kept); removes a file
 * it created once nothing else is in it. Returns what it did, in one line.
 */
function restoreDockerConfig(files, record) {
    const existing = readConfig(files, record.file);
    if (!existing)
        return `${record.file} is gone: nothing to restore.`;
    const json = existing.json;
    const helpers = { ...(json.credHelpers ?? {}) };
    let changed = 0;
    for (const host of [...record.added, ...Object.keys(record.replaced)]) {
        if (helpers[host] !== HELPER_NAME)
            continue;
        const before = record.replaced[host];
        if (before === undefined)
            delete helpers[host];
        else
            helpers[host] = before;
        changed++;
    }
    if (Object.keys(helpers).length === 0 && !record.hadCredHelpers)
        delete json.credHelpers;
    else
        json.credHelpers = helpers;
    if (record.created && Object.keys(json).length === 0) {
        files.remove(record.file);
        return `Removed ${record.file}, which the main step created.`;
    }
    writeConfig(files, record.file, json, existing.text);
    return `Restored ${record.file}: ${changed} credHelpers ${changed === 1 ? 'entry' : 'entries'} removed or put back.`;
}

;// CONCATENATED MODULE: ./src/token-command/cache.ts
/** The cached token, or undefined when there is none (or it is unreadable: renew then). */
function cache_readCache(files, path) {
    try {
        const json = JSON.parse(files.readFile(path));
        if (typeof json.accessToken === 'string' && typeof json.expiration === 'number') {
            return { accessToken: json.accessToken, expiration: json.expiration };
        }
    }
    catch {
        // no cache yet, or a torn one: renew
    }
    return undefined;
}
/**
 * Writes the cache with mode 0600 and renames it into place, so that a reader running at the
 * same moment sees the old token or the new one, never half of one.
 */
function writeCache(files, path, token) {
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    files.writeFile(temp, JSON.stringify(token), 0o600);
    files.rename(temp, path);
}

;// CONCATENATED MODULE: ./src/token-command/renewal.ts



/**
 * The credential a later step can renew from without a long-lived secret on disk, or why not.
 * A long-lived API key is never renewable: it would have to be written down.
 */
function renewableCredential(config) {
    const c = config.credential;
    if (c.kind === 'none')
        return { why: NOT_RENEWABLE };
    const saved = saveForRenewal(c, config);
    return 'why' in saved ? saved : { credential: saved };
}
/** Reads and checks a config file's JSON; throws an Error that says what is wrong. */
function parseRenewalConfig(text) {
    const json = JSON.parse(text);
    if (json?.version !== 1 ||
        !isSavedCredential(json?.credential) ||
        typeof json.endpoint !== 'string' ||
        typeof json.cache !== 'string' ||
        typeof json.timeoutMs !== 'number' ||
        typeof json.maxAttempts !== 'number') {
        throw new Error('its config file is not one this version wrote');
    }
    const network = readNetworkRecord(JSON.stringify(json.network ?? null));
    const { network: _written, ...rest } = json;
    return { ...rest, ...(network ? { network } : {}) };
}

;// CONCATENATED MODULE: ./src/token-command/shims.ts
const TOKEN_COMMAND = 'ibmcloud-iam-token: prints an IBM Cloud IAM token valid for at least 5 more minutes.';
/** Single-quoted for sh: nothing inside is expanded. */
function shQuote(value) {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
function posixShim({ node, script, config, what = TOKEN_COMMAND }) {
    return [
        '#!/bin/sh',
        `# ${what}`,
        `exec ${[node, script, config].map(shQuote).join(' ')} "$@"`,
        ''
    ].join('\n');
}
/** Windows paths cannot hold `"`; `%` is doubled so that cmd does not expand it. */
function cmdQuote(value) {
    return `"${value.replace(/%/g, '%%')}"`;
}
function windowsShim({ node, script, config, what = TOKEN_COMMAND }) {
    return [
        '@echo off',
        `rem ${what}`,
        `${[node, script, config].map(cmdQuote).join(' ')} %*`,
        'exit /b %ERRORLEVEL%',
        ''
    ].join('\r\n');
}

;// CONCATENATED MODULE: ./src/token-command/install.ts






const COMMAND = 'ibmcloud-iam-token';
/**
 * Puts `ibmcloud-iam-token` on PATH for the later steps, when the credential can be renewed
 * without a stored secret: a private folder under RUNNER_TEMP (never the workspace) holding
 * the two launchers, the config (no secret in it) and the token cache (mode 0600), seeded with
 * this step's token. Returns the folder, or undefined when nothing was installed (and why is
 * logged).
 */
function installTokenCommand(runner, config, token, where) {
    if (!config.tokenCommand)
        return undefined;
    const renewal = renewableCredential(config);
    const skip = (why) => {
        runner.debug(`${COMMAND} is not installed: ${why}.`);
        return undefined;
    };
    if ('why' in renewal)
        return skip(renewal.why);
    if (!where.script)
        return skip('this runner gives no path to the bundled command');
    if (!where.runnerTemp)
        return skip('RUNNER_TEMP is not set');
    // mkdtemp makes the folder with mode 0700 and a name nobody knew before: only the runner's user
    // can list it or create files in it, so plain writes suffice (no O_EXCL dance).
    const { files } = where;
    const dir = files.makeTempDir((0,external_node_path_namespaceObject.join)(where.runnerTemp, `${COMMAND}-`));
    const file = {
        version: 1,
        credential: renewal.credential,
        endpoint: config.endpoint,
        ...(config.accountId ? { accountId: config.accountId } : {}),
        timeoutMs: config.timeoutMs,
        maxAttempts: config.maxAttempts,
        cache: (0,external_node_path_namespaceObject.join)(dir, 'token.json')
    };
    // What the command compares before it sends a credential: a later step may change them.
    const network = network_settings_readNetworkRecord(where.network);
    if (network)
        file.network = network;
    const configPath = (0,external_node_path_namespaceObject.join)(dir, 'config.json');
    files.writeFile(configPath, `${JSON.stringify(file, null, 2)}\n`, 0o600);
    writeCache(files, file.cache, { accessToken: token.accessToken, expiration: token.expiration });
    const launch = { ...where.script, config: configPath };
    files.writeFile((0,external_node_path_namespaceObject.join)(dir, COMMAND), posixShim(launch));
    files.chmod((0,external_node_path_namespaceObject.join)(dir, COMMAND), 0o700); // executable whatever the umask
    files.writeFile((0,external_node_path_namespaceObject.join)(dir, `${COMMAND}.cmd`), windowsShim(launch), 0o700);
    runner.addPath(dir);
    runner.info(`Later steps can run \`${COMMAND}\` for a token valid at least 5 more minutes, renewed ` +
        `${describeRenewal(renewal.credential)} (token-command: false turns this off).`);
    return dir;
}

;// CONCATENATED MODULE: ./src/registry/install.ts








/** GITHUB_STATE name of the record the post step restores the Docker config from. */
const REGISTRY_STATE = 'docker-config-record';
/**
 * The Docker config the main step will change: the job's (`$DOCKER_CONFIG` or `~/.docker`),
 * or with export-env: false none outside RUNNER_TEMP (undefined: a private one is made later).
 */
function jobDockerConfig(config, env) {
    return config.exportEnv ? dockerConfigPath(env) : undefined;
}
/**
 * Installs `docker-credential-ibmcloud` beside `ibmcloud-iam-token` (or in a folder of its
 * own under RUNNER_TEMP when the token command is not installed), sharing its token cache and
 * renewal, and names it in the Docker config for each host. Sets the outputs `registries` and
 * `docker-config`; returns the record the post step restores from (undefined for a private config).
 */
function setUpRegistries(runner, config, token, place) {
    const { script: host, runnerTemp, files } = place;
    if (!host || !runnerTemp) {
        throw new errors_ActionError(`registries needs RUNNER_TEMP and the bundled ${HELPER} (this runner gives ` +
            `${runnerTemp ? 'no path to the bundle' : 'no RUNNER_TEMP'}): nothing was configured.`);
    }
    let dir = place.commandDir;
    let helper;
    if (dir) {
        helper = {
            version: 1,
            hosts: config.registries,
            cache: (0,external_node_path_namespaceObject.join)(dir, 'token.json'),
            renew: { node: host.node, script: host.script, config: (0,external_node_path_namespaceObject.join)(dir, 'config.json') }
        };
    }
    else {
        // mkdtemp: mode 0700, a name nobody knew before (as for the token command).
        dir = files.makeTempDir((0,external_node_path_namespaceObject.join)(runnerTemp, `${HELPER}-`));
        const renewal = renewableCredential(config);
        const why = 'why' in renewal ? renewal.why : `token-command is false, and ${HELPER} renews through it`;
        helper = { version: 1, hosts: config.registries, cache: (0,external_node_path_namespaceObject.join)(dir, 'token.json'), why };
        writeCache(files, helper.cache, {
            accessToken: token.accessToken,
            expiration: token.expiration
        });
        runner.addPath(dir);
    }
    const helperConfig = (0,external_node_path_namespaceObject.join)(dir, `${HELPER}.json`);
    files.writeFile(helperConfig, `${JSON.stringify(helper, null, 2)}\n`, 0o600);
    const launch = {
        node: host.node,
        // dist/credential-helper/index.js, beside dist/token-command/: its own small bundle.
        script: (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)(host.script), '..', 'credential-helper', 'index.js'),
        config: helperConfig,
        what: `${HELPER}: Docker credential helper serving IBM Cloud IAM tokens as iambearer.`
    };
    files.writeFile((0,external_node_path_namespaceObject.join)(dir, HELPER), posixShim(launch));
    files.chmod((0,external_node_path_namespaceObject.join)(dir, HELPER), 0o700);
    files.writeFile((0,external_node_path_namespaceObject.join)(dir, `${HELPER}.cmd`), windowsShim(launch), 0o700);
    const file = jobDockerConfig(config, place.env) ?? (0,external_node_path_namespaceObject.join)(dir, 'docker', 'config.json');
    const record = addCredHelpers(files, file, config.registries, (message) => runner.info(message));
    runner.setOutput('registries', config.registries.join(' '));
    runner.setOutput('docker-config', file);
    runner.info(`${file} sends ${config.registries.join(', ')} to ${HELPER} (user iambearer, the IAM token ` +
        (helper.renew
            ? `renewed through ${COMMAND}, valid at least 5 more minutes).`
            : `of this step until it expires: ${helper.why}).`) +
        (config.exportEnv
            ? ''
            : ` export-env is false: this config is private; point DOCKER_CONFIG at ${(0,external_node_path_namespaceObject.dirname)(file)} (or --authfile at the file) where you want it.`));
    return config.exportEnv ? record : undefined;
}

;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
}
function command_issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_namespaceObject.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_namespaceObject.appendFileSync(filePath, `${toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
;// CONCATENATED MODULE: ./stubs/undici/index.js
// @actions/http-client imports ProxyAgent at the top of its module but uses it only in
// getAgentDispatcher(), which this action never calls: proxied requests go through `tunnel`.
class ProxyAgent {
  constructor() {
    throw new Error('undici is not shipped with this action (stubs/README.md)')
  }
}

;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class lib_HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class auth_BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class oidc_utils_OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(oidc_utils_OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = oidc_utils_OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = oidc_utils_OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield oidc_utils_OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_namespaceObject.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_namespaceObject.constants.R_OK | external_fs_namespaceObject.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_namespaceObject.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_namespaceObject.platform();
const arch = external_os_namespaceObject.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function core_setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${external_path_namespaceObject.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_namespaceObject.EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function core_debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_namespaceObject.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/clock.ts
const systemClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random()
};

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: ./src/iam/http.ts





/**
 * The transport the action ships with: @actions/http-client sends the request (it honours
 * HTTPS_PROXY / NO_PROXY; NODE_EXTRA_CA_CERTS is honoured by Node itself), and the answer is
 * read here, because http-client's readBody() has neither a deadline nor a size limit.
 * One deadline per attempt covers all of it, from the first byte: the proxy's CONNECT, DNS,
 * TCP, TLS, the headers and the whole body; the body is capped at `maxBytes`. Redirects are
 * refused so that a key is never re-sent to another host.
 */
function createHttpTransport(options) {
    return async ({ method, url, headers, body, direct }) => {
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
        // A plain agent of the URL's scheme for a direct request; else http-client's choice.
        const agent = direct ? new (/^https:/i.test(url) ? external_node_https_namespaceObject.Agent : external_node_http_namespaceObject.Agent)() : undefined;
        const client = new lib_HttpClient(options.userAgent, [attemptHandler(deadline.signal, agent)], {
            socketTimeout: options.timeoutMs,
            allowRedirects: false,
            allowRetries: false,
            keepAlive: false
        });
        try {
            // Raced against the deadline as well: before a socket is assigned (a proxy that never
            // answers CONNECT) neither the signal nor http-client's socket timeout ends the request.
            const res = await untilAborted(client.request(method, url, body ?? null, headers), deadline.signal);
            const text = await readBodyCapped(res.message, deadline.signal, options.maxBytes);
            const lower = {};
            for (const [name, value] of Object.entries(res.message.headers)) {
                lower[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
            }
            return { status: res.message.statusCode ?? 0, headers: lower, body: text };
        }
        catch (err) {
            if (err instanceof errors_ActionError)
                throw err;
            throw deadline.signal.aborted
                ? new NetworkError('ETIMEDOUT', 'request timed out')
                : toNetworkError(err);
        }
        finally {
            clearTimeout(timer);
            deadline.abort(); // whatever is still open for this attempt (a CONNECT, a socket) is closed
        }
    };
}
/** `promise`, or a rejection as soon as `signal` aborts. */
function untilAborted(promise, signal) {
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(new NetworkError('ETIMEDOUT', 'request timed out'));
        if (signal.aborted)
            return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}
function attemptHandler(signal, direct) {
    return {
        prepareRequest(options) {
            options.signal = signal;
            if (typeof options.host === 'string')
                options.host = options.host.replace(/^\[(.*)\]$/, '$1');
            if (direct)
                options.agent = direct;
            else {
                // tunnel copies its proxyOptions into the CONNECT request's options.
                const proxyOptions = options.agent?.proxyOptions;
                if (proxyOptions && typeof proxyOptions === 'object') {
                    ;
                    proxyOptions.signal = signal;
                }
            }
        },
        canHandleAuthentication: () => false,
        handleAuthentication: () => Promise.reject(new Error('not used'))
    };
}
function toNetworkError(err) {
    if (err instanceof NetworkError)
        return err;
    const e = err;
    const message = typeof e?.message === 'string' ? e.message : String(err);
    let code = typeof e?.code === 'string' ? e.code : 'EUNKNOWN';
    if (code === 'EUNKNOWN' && /^Request timeout/.test(message))
        code = 'ETIMEDOUT';
    // http-client's timeout message carries the request path; keep only the gist.
    return new NetworkError(code, code === 'ETIMEDOUT' ? 'request timed out' : message);
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/runner/files.ts

/** The real file system: node:fs, confined to this file. */
const nodeFiles = {
    readFile: (path) => (0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8'),
    writeFile: (path, data, mode) => (0,external_node_fs_namespaceObject.writeFileSync)(path, data, mode === undefined ? {} : { mode }),
    makeTempDir: (prefix) => (0,external_node_fs_namespaceObject.mkdtempSync)(prefix),
    chmod: (path, mode) => (0,external_node_fs_namespaceObject.chmodSync)(path, mode),
    rename: (from, to) => (0,external_node_fs_namespaceObject.renameSync)(from, to),
    createFile: (path, data, mode) => (0,external_node_fs_namespaceObject.writeFileSync)(path, data, { mode, flag: 'wx' }),
    isFolder: (path) => (0,external_node_fs_namespaceObject.statSync)(path, { throwIfNoEntry: false })?.isDirectory(),
    isRegularFile: (path) => (0,external_node_fs_namespaceObject.lstatSync)(path, { throwIfNoEntry: false })?.isFile(),
    unlink: (path) => (0,external_node_fs_namespaceObject.unlinkSync)(path),
    rmdir: (path) => (0,external_node_fs_namespaceObject.rmdirSync)(path),
    stat: (path) => {
        const stats = (0,external_node_fs_namespaceObject.statSync)(path, { throwIfNoEntry: false });
        return stats && { isDirectory: stats.isDirectory(), mode: stats.mode & 0o777 };
    },
    makeDir: (path, mode) => void (0,external_node_fs_namespaceObject.mkdirSync)(path, { recursive: true, mode }),
    remove: (path) => (0,external_node_fs_namespaceObject.unlinkSync)(path)
};

;// CONCATENATED MODULE: ./src/runner/actions-core.ts







/** The real runner: @actions/core, confined to this file. */
const coreRunner = {
    getInput: (name) => getInput(name, { trimWhitespace: false }),
    setSecret: (value) => core_setSecret(value),
    setOutput: (name, value) => setOutput(name, value),
    exportVariable: (name, value) => exportVariable(name, value),
    addPath: (dir) => addPath(dir),
    saveState: (name, value) => saveState(name, value),
    getState: (name) => getState(name),
    debug: (message) => core_debug(message),
    info: (message) => info(message),
    notice: (message) => notice(message),
    warning: (message) => warning(message),
    setFailed: (message) => setFailed(message),
    writeSummary: async (markdown) => {
        if (!process.env.GITHUB_STEP_SUMMARY)
            throw new Error('GITHUB_STEP_SUMMARY is not set');
        await summary.addRaw(markdown, true).write();
    }
};
/** What both steps run with on a real runner. */
function runnerDeps() {
    return {
        runner: coreRunner,
        clock: systemClock,
        env: process.env,
        createTransport: ({ timeoutMs }) => createHttpTransport({ userAgent: userAgent(), timeoutMs }),
        // dist/main/index.js runs this; the command's bundle sits beside it in dist/token-command/.
        files: nodeFiles,
        tokenCommandScript: {
            node: process.execPath,
            // Not `new URL(.., import.meta.url)`: webpack would copy the file in as an asset.
            script: (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url)), '..', 'token-command', 'index.js')
        }
    };
}

;// CONCATENATED MODULE: ./src/secrets.ts
/**
 * Every secret the action handles goes through here: it is masked on the runner at once
 * (each form that could be printed), and remembered so that error text can be scrubbed too.
 */
class Secrets {
    mask;
    known = new Set();
    constructor(mask) {
        this.mask = mask;
    }
    /**
     * Masks `value` and its derived forms: trimmed, each line, URL-encoded, and form-encoded
     * (spaces as `+`, as URLSearchParams writes the token request the action sends), and as it
     * appears inside a JSON string (an error body echoing it with `\t` or `\u00e9` escapes).
     */
    add(value) {
        // White space alone is no secret: its encoded forms (%20%0A) would only garble the log.
        if (!value?.trim())
            return;
        const forms = new Set([value, value.trim()]);
        for (const line of value.split(/\r?\n/))
            forms.add(line.trim());
        for (const form of [...forms]) {
            forms.add(encodeURIComponent(form));
            forms.add(new URLSearchParams({ v: form }).toString().slice(2));
            for (const escaped of jsonEscapedForms(form))
                forms.add(escaped);
        }
        for (const form of forms) {
            // Very short fragments would mask ordinary log text and protect nothing.
            if (form.length < 4 || this.known.has(form))
                continue;
            this.mask(form);
            this.known.add(form);
        }
    }
    /** Replaces every known secret in `text` with `***`. */
    redact(text) {
        let out = text;
        // Longest first, so that a shorter form never leaves the tail of a longer secret behind.
        const longestFirst = [...this.known].sort((a, b) => b.length - a.length);
        for (const secret of longestFirst)
            out = out.split(secret).join('***');
        return out;
    }
}
/** `value` as JSON writers escape it: control characters, and optionally all non-ASCII as \uXXXX. */
function jsonEscapedForms(value) {
    const json = JSON.stringify(value).slice(1, -1);
    const ascii = (hex) => json.replace(/[^\u0020-\u007e]/g, (c) => `\\u${hex(c.charCodeAt(0)).padStart(4, '0')}`);
    return [
        json,
        ascii((code) => code.toString(16)),
        ascii((code) => code.toString(16).toUpperCase())
    ];
}
const LOG_METHODS = ['debug', 'info', 'notice', 'warning', 'setFailed'];
/**
 * `runner` with every message scrubbed of every known secret before it is printed: each line
 * that carries outside text (an identity's name, a key's name, IAM's error text) is redacted,
 * whoever wrote it, not only those someone remembered. Every other method is the runner's own.
 */
function redactingRunner(runner, secrets) {
    return new Proxy(runner, {
        get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver);
            if (typeof value !== 'function')
                return value;
            const method = value.bind(target);
            if (!LOG_METHODS.includes(property))
                return method;
            return (message) => method(secrets.redact(message));
        }
    });
}

;// CONCATENATED MODULE: ./src/iam/error-body.ts


/**
 * Reads IAM's two error body shapes (token endpoint and Identity API) and its request id.
 * `redact` scrubs secrets from each value after JSON has undone its escapes and before
 * control characters are folded: a key IAM echoes with a tab or a \u escape is still found.
 */
function parseIamErrorBody(body, headers, redact = (text) => text) {
    const str = (v) => typeof v === 'string' && v.length > 0 ? clean(redact(v), 500) : undefined;
    const details = {};
    const o = read_body_parseJson(body);
    if (o) {
        details.errorCode = str(o.errorCode);
        details.errorMessage = str(o.errorMessage);
        details.errorDetails = str(o.errorDetails);
        const context = o.context;
        details.requestId = str(context?.requestId);
        const first = Array.isArray(o.errors) ? o.errors[0] : undefined;
        if (first && typeof first === 'object') {
            details.errorCode ??= str(first.message_code) ?? str(first.code);
            details.errorMessage ??= str(first.message);
            details.requestId ??= str(o.trace);
        }
    }
    if (!details.errorCode && !details.errorMessage)
        details.bodySummary = summariseBody(redact(body));
    details.requestId ??= str(headers['transaction-id'] ?? headers['x-request-id']);
    // Redacted whole, then quoted and cut: the target of a redirect is outside text.
    if (headers.location)
        details.location = untrusted_oneLine(JSON.stringify(redact(headers.location)));
    for (const key of Object.keys(details)) {
        if (details[key] === undefined)
            delete details[key];
    }
    return details;
}
/** Tags stripped, control characters and runs of space folded, cut to `max` characters. */
function clean(text, max) {
    const flat = text
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        // eslint-disable-next-line no-control-regex -- control characters are what is removed
        .replace(/[\u0000-\u001f\u007f]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
function summariseBody(body) {
    const flat = clean(body, 160);
    return flat.length > 0 ? flat : '(empty body)';
}

;// CONCATENATED MODULE: ./src/iam/client.ts



/** IAM at one endpoint: every call retried by the same rules, every error status an IamError. */
class IamClient {
    options;
    constructor(options) {
        this.options = options;
    }
    get endpoint() {
        return this.options.endpoint;
    }
    async call(request) {
        const { operation, path, idempotent, ok, ...http } = request;
        const url = `${this.options.endpoint}${path}`;
        const { response, attempts } = await sendWithRetry(() => this.options.transport({ ...http, url }), { ...this.options, operation, url, idempotent });
        if (!(typeof ok === 'function' ? ok(response) : ok.includes(response.status))) {
            const { redact } = this.options;
            const details = parseIamErrorBody(redact(response.body), response.headers, redact);
            throw new IamError(operation, response.status, details, attempts);
        }
        return response;
    }
}
/**
 * Builds the IamClient of a step (it sends nothing): its endpoint and limits from the config,
 * retry notes to the log, known secrets scrubbed from error bodies.
 */
function createIamClient(connection, io, secrets) {
    return new IamClient({
        endpoint: connection.endpoint,
        transport: io.createTransport({ timeoutMs: connection.timeoutMs }),
        clock: io.clock,
        policy: retryPolicy(connection),
        log: io.log,
        redact: (text) => secrets.redact(text)
    });
}

;// CONCATENATED MODULE: ./src/step-context.ts

/**
 * The one place a step's IAM context is built: the client for IAM's endpoint, a factory for
 * other endpoints with the same limits (the VPC metadata service), and what every credential
 * source is given (credentials/source.ts).
 */
function stepContext(wiring, settings) {
    const { secrets, clock, readFile } = wiring;
    const connect = (endpoint) => createIamClient({ endpoint, timeoutMs: settings.timeoutMs, maxAttempts: settings.maxAttempts }, wiring, secrets);
    return {
        iam: connect(settings.endpoint),
        secrets,
        clock,
        accountId: settings.accountId,
        connect,
        readFile
    };
}
/**
 * The credential files of one step (a cr-token-file), each read once and masked the moment it
 * is read: checked before any request (`problems`, added to the input problems), then used by
 * the exchange (`readFile`, the same read). The token command does not use this: it re-reads
 * the file at every renewal, since platforms rotate it.
 */
function credentialFiles(readFile, secrets) {
    const reads = new Map();
    const read = (path) => {
        let result = reads.get(path);
        if (!result) {
            try {
                const content = readFile(path);
                secrets.add(content);
                result = { content };
            }
            catch (error) {
                result = { error };
            }
            reads.set(path, result);
        }
        return result;
    };
    return {
        problems: (checks) => checks.flatMap((check) => check.problem(read(check.path)) ?? []),
        readFile: (path) => {
            const result = read(path);
            if ('error' in result)
                throw result.error;
            return result.content;
        }
    };
}

;// CONCATENATED MODULE: ./src/summary.ts

/**
 * The job summary: who, which account, where, until when. Nothing secret, and every value
 * from outside (the token's claims, the key id) as a code span: no Markdown or HTML of theirs.
 */
function summaryMarkdown({ token, endpoint, ephemeralKey }) {
    const c = token.claims;
    const identity = [
        c.name ? codeCell(c.name) : '',
        codeCell(token.iamId),
        c.sub_type ? `(${codeCell(c.sub_type)})` : ''
    ]
        .filter(Boolean)
        .join(' ');
    const rows = [
        ['Identity', identity],
        ['Account', token.accountId ? codeCell(token.accountId) : '(not in token)'],
        ['IAM endpoint', codeCell(endpoint)],
        [
            'Token expires',
            `${new Date(token.expiration * 1000).toISOString()} (${Math.round(token.expiresIn / 60)} min)`
        ]
    ];
    if (ephemeralKey) {
        const until = new Date(ephemeralKey.expiresAtMs).toISOString();
        rows.push([
            'Ephemeral API key',
            `${codeCell(ephemeralKey.id)} (expires ${until} at the latest)`
        ]);
    }
    return [
        '### IBM Cloud IAM token',
        '',
        '| | |',
        '| --- | --- |',
        ...rows.map(([k, v]) => `| ${k} | ${v} |`),
        ''
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/main.ts




















/** The main step. Never throws: a failure is reported with `setFailed`, scrubbed of secrets. */
async function run(deps = runnerDeps()) {
    const { clock } = deps;
    const secrets = new Secrets((value) => deps.runner.setSecret(value));
    // Before anything else can print it: the key as given, and the forms derived from it.
    secrets.add(deps.runner.getInput('apikey'));
    // Every line redacted: outside text (a name, IAM's error text) may echo a secret.
    const runner = redactingRunner(deps.runner, secrets);
    let config;
    try {
        // A compute-resource token is a credential: read once, masked the moment it is read,
        // checked with the other inputs before any request, then exchanged.
        const files = credentialFiles(deps.files.readFile, secrets);
        const parsed = parseInputs((name) => runner.getInput(name));
        config = configOf(parsed, files.problems(parsed.fileChecks));
        // registries: a Docker config that cannot be changed fails the step before any request.
        const dockerConfig = config.registries.length ? jobDockerConfig(config, deps.env) : undefined;
        if (dockerConfig)
            checkDockerConfig(deps.files, dockerConfig);
        const source = credentialSource(config.credential);
        if (!source)
            return skipOrFail(config, deps);
        checkHandoff(config, deps.env.RUNNER_TEMP, deps.files);
        const log = (message) => runner.info(message);
        const ctx = stepContext({ ...deps, log, secrets, readFile: files.readFile }, config);
        runner.debug(`Getting an IAM token (${config.credential.kind}) from ${config.endpoint}`);
        const { iam } = ctx;
        const token = await source(ctx);
        checkAccount(token, config.accountId);
        // Before a key is made for it: a token IAM described in another shape publishes nothing.
        checkTokenShapes(config, token);
        const facts = runFacts(deps.env);
        // What the post step and the token command compare before they send a credential again.
        const network = recordNetworkSettings(deps.env);
        // Created before anything is published: if IAM refuses, the step fails with nothing exported.
        const key = config.ephemeral.enabled
            ? await issueEphemeralKey(iam, token, config.ephemeral, {
                runner,
                clock,
                secrets,
                facts,
                longestJobMinutes: longestJobMinutes(deps.env),
                network
            })
            : undefined;
        // Written before anything is published too: a RUNNER_TEMP that fails leaves nothing exported.
        const { RUNNER_TEMP: runnerTemp, IBM_CREDENTIALS_FILE: previous } = deps.env;
        // The token file is read back (for the SDK's sake) through the masking reader.
        const handoffFiles = { ...deps.files, readFile: files.readFile };
        const cwd = process.cwd();
        const where = { runnerTemp, cwd, files: handoffFiles, ...(previous ? { previous } : {}) };
        const handoff = prepareHandoff(runner, config, token, key?.value, where);
        publish(runner, config, token, key);
        publishHandoff(runner, config, token, handoff);
        const at = { script: deps.tokenCommandScript, runnerTemp, files: deps.files };
        let commandDir;
        try {
            commandDir = installTokenCommand(runner, config, token, { ...at, network });
        }
        catch (err) {
            runner.warning(`${COMMAND} could not be installed: ${describeError(err)}`);
        }
        if (config.registries.length) {
            const record = setUpRegistries(runner, config, token, { ...at, commandDir, env: deps.env });
            if (record)
                runner.saveState(REGISTRY_STATE, JSON.stringify(record));
        }
        // Redacted before it is cut: a name that echoes a secret must not leave a piece of it.
        const redact = (text) => secrets.redact(text);
        runner.info(`Authenticated to IBM Cloud as ${untrusted_oneLine(token.claims.name ?? token.iamId, redact)} ` +
            `(${untrusted_oneLine(token.iamId, redact)}) in account ${untrusted_oneLine(token.accountId, redact)}; the token expires at ${new Date(token.expiration * 1000).toISOString()}.`);
        if (config.ephemeral.sweepStale) {
            const sweep = {
                runner,
                clock,
                facts,
                keepId: key?.id
            };
            await sweepStaleKeys(iam, token, sweep).catch((err) => runner.warning(`Sweeping stale keys failed: ${describeError(err)}`));
        }
        const { endpoint } = config;
        await writeSummary(runner, () => summaryMarkdown({ token, endpoint, ephemeralKey: key }));
    }
    catch (err) {
        runner.setFailed(secrets.redact(describeError(err, { accountId: config?.accountId })));
    }
}
function skipOrFail(config, { runner, env }) {
    if (config.onMissingApikey === 'skip') {
        runner.notice('No IBM Cloud API key was given (the `apikey` input is empty), so this step did nothing ' +
            '(on-missing-apikey: skip). Later steps see authenticated=false.');
        runner.setOutput('authenticated', 'false');
        return;
    }
    const dependabot = env.GITHUB_ACTOR === 'dependabot[bot]';
    throw new errors_ActionError(`The \`apikey\` input is empty. ${advise(dependabot ? 'emptyKeyDependabot' : 'emptyKey')} ` +
        advise('skipMissingKey'));
}
/** The summary is a courtesy: failing to write it never fails the step. */
async function writeSummary(runner, markdown) {
    try {
        await runner.writeSummary(markdown());
    }
    catch (err) {
        runner.debug(`No job summary written: ${err instanceof Error ? err.message : String(err)}`);
    }
}


/***/ }),

/***/ 613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 23:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(999);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

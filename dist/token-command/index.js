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

/***/ 561:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _token_command_deps_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(28);
/* harmony import */ var _token_command_run_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(329);
/* harmony import */ var _exit_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(478);
// The file ncc bundles as dist/token-command: `ibmcloud-iam-token`, run by its launchers.



process.exitCode = await (0,_token_command_run_js__WEBPACK_IMPORTED_MODULE_1__/* .runTokenCommand */ .K)(process.argv.slice(2), (0,_token_command_deps_js__WEBPACK_IMPORTED_MODULE_0__/* .commandDeps */ .o)());
await (0,_exit_js__WEBPACK_IMPORTED_MODULE_2__/* .exitWhenFlushed */ .K)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   iS: () => (/* binding */ IamError),
/* harmony export */   lZ: () => (/* binding */ ActionError),
/* harmony export */   qR: () => (/* binding */ OPERATION),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
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
class ActionError extends Error {
    name = 'ActionError';
}
/** What the action asks of IAM, as a reader sees it in messages. */
const OPERATION = {
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


/***/ }),

/***/ 53:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   oV: () => (/* binding */ readBodyCapped),
/* harmony export */   qF: () => (/* binding */ parseJson)
/* harmony export */ });
/* unused harmony exports MAX_RESPONSE_BYTES, tooLarge */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(916);

/** IAM's answers are a few KB; anything past this is not IAM and is refused unread. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** The answer is bigger than any IAM answer: refused, and not worth another attempt. */
function tooLarge(limit) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`The answer from iam-endpoint is larger than ${Math.round(limit / 1024)} KiB, and IBM Cloud ` +
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
        const onAbort = () => fail(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .NetworkError */ .Dr('ETIMEDOUT', 'request timed out'));
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
        const brokenOff = () => fail(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .NetworkError */ .Dr('ECONNRESET', 'the connection closed before the answer was complete'));
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
function parseJson(body) {
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


/***/ }),

/***/ 28:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  o: () => (/* binding */ commandDeps)
});

// UNUSED EXPORTS: processIo

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
class HttpClient {
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
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(916);
// EXTERNAL MODULE: ./src/iam/read-body.ts
var read_body = __nccwpck_require__(53);
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
        const client = new HttpClient(options.userAgent, [attemptHandler(deadline.signal, agent)], {
            socketTimeout: options.timeoutMs,
            allowRedirects: false,
            allowRetries: false,
            keepAlive: false
        });
        try {
            // Raced against the deadline as well: before a socket is assigned (a proxy that never
            // answers CONNECT) neither the signal nor http-client's socket timeout ends the request.
            const res = await untilAborted(client.request(method, url, body ?? null, headers), deadline.signal);
            const text = await (0,read_body/* readBodyCapped */.oV)(res.message, deadline.signal, options.maxBytes);
            const lower = {};
            for (const [name, value] of Object.entries(res.message.headers)) {
                lower[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
            }
            return { status: res.message.statusCode ?? 0, headers: lower, body: text };
        }
        catch (err) {
            if (err instanceof errors/* ActionError */.lZ)
                throw err;
            throw deadline.signal.aborted
                ? new errors/* NetworkError */.Dr('ETIMEDOUT', 'request timed out')
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
        const onAbort = () => reject(new errors/* NetworkError */.Dr('ETIMEDOUT', 'request timed out'));
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
    if (err instanceof errors/* NetworkError */.Dr)
        return err;
    const e = err;
    const message = typeof e?.message === 'string' ? e.message : String(err);
    let code = typeof e?.code === 'string' ? e.code : 'EUNKNOWN';
    if (code === 'EUNKNOWN' && /^Request timeout/.test(message))
        code = 'ETIMEDOUT';
    // http-client's timeout message carries the request path; keep only the gist.
    return new errors/* NetworkError */.Dr(code, code === 'ETIMEDOUT' ? 'request timed out' : message);
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

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = /*#__PURE__*/JSON.parse('{"UU":"ibmcloud-iam-token-action","rE":"1.0.0"}');
;// CONCATENATED MODULE: ./src/version.ts

/** The action's name and version, as sent in the User-Agent header: package.json is the one source. */
const ACTION_NAME = package_namespaceObject.UU;
const ACTION_VERSION = package_namespaceObject.rE;
function userAgent(nodeVersion = process.version, platform = process.platform, arch = process.arch) {
    return `${ACTION_NAME}/${ACTION_VERSION} (node ${nodeVersion}; ${platform} ${arch})`;
}

;// CONCATENATED MODULE: ./src/token-command/deps.ts




/** What `ibmcloud-iam-token` runs with: this process, the system clock, the shipped transport. */
function commandDeps() {
    return processIo(({ timeoutMs }) => createHttpTransport({ userAgent: userAgent(), timeoutMs }), systemClock);
}
/** The real process: its env, the file system, stdout and stderr (the command's adapter). */
function processIo(createTransport, clock) {
    return {
        env: process.env,
        clock,
        createTransport,
        files: nodeFiles,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text)
    };
}


/***/ }),

/***/ 329:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  K: () => (/* binding */ runTokenCommand)
});

// UNUSED EXPORTS: MIN_VALID_S, RENEW_BEFORE_S

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(916);
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
        operation: errors/* OPERATION */.qR.token,
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
        throw new errors/* ActionError */.lZ('IBM Cloud IAM answered 200 but the body is not JSON. Check that `iam-endpoint` points at IAM itself, not at a proxy or portal page.');
    }
    const accessToken = json?.access_token;
    if (typeof accessToken === 'string')
        secrets.add(accessToken);
    const refresh = json?.refresh_token;
    if (typeof refresh === 'string' && refresh !== NO_REFRESH_TOKEN)
        secrets.add(refresh);
    if (typeof accessToken !== 'string' || accessToken.length === 0) {
        throw new errors/* ActionError */.lZ('IBM Cloud IAM answered 200 without an access_token. Check `iam-endpoint`.');
    }
    const claims = decodeJwtClaims(accessToken);
    if (!claims) {
        throw new errors/* ActionError */.lZ('IBM Cloud IAM returned an access_token that is not a JWT. Check `iam-endpoint`.');
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
    const refuse = (what) => new errors/* ActionError */.lZ(`IBM Cloud IAM returned a token ${what}. Check \`iam-endpoint\`.`);
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
        throw new errors/* ActionError */.lZ(`IBM Cloud IAM returned a token that expired at ${iso(expiration)}, but this runner's clock ` +
            `says it is ${iso(now)}. ${clocks}, or check \`iam-endpoint\`.`);
    }
    if (expiration > now + MAX_TOKEN_LIFETIME_S + CLOCK_SKEW_S) {
        throw new errors/* ActionError */.lZ(`IBM Cloud IAM returned a token that expires at ${iso(expiration)}, more than 3 hours after ` +
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
    throw new errors/* ActionError */.lZ(`The token is for account ${actual}, but account-id pins account ${pinned}. ` +
        (profile
            ? `Use a trusted profile of account ${pinned}, or correct account-id.`
            : `Use a key from account ${pinned}, or correct account-id.`));
}

;// CONCATENATED MODULE: ./src/credentials/source.ts
/** Why a source without a renewal rule (a long-lived API key) is not renewable. */
const source_NOT_RENEWABLE = 'renewing would need the API key, which is never written to disk (use ephemeral-key: true, ' +
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
            : { why: source_NOT_RENEWABLE },
        load: (saved, env, secrets) => {
            const apikey = env[saved.envName];
            secrets.add(apikey);
            if (!apikey?.trim()) {
                throw new errors/* ActionError */.lZ(`$${saved.envName} is empty in this step, so the token cannot be renewed: the ephemeral key ` +
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
        throw new errors/* ActionError */.lZ(`Cannot read the compute-resource token in ${untrusted_oneLine(path)} (${typeof code === 'string' ? code : 'error'}). ` +
            'Check that the projected token volume is still mounted at that path.');
    }
    secrets.add(content);
    const token = content.trim();
    if (!token) {
        throw new errors/* ActionError */.lZ(`The compute-resource token file ${untrusted_oneLine(path)} is empty. Check the projected volume.`);
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

// EXTERNAL MODULE: ./src/iam/read-body.ts
var read_body = __nccwpck_require__(53);
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
        throw new ConfigError(`${input} "${oneLine(value)}" is not a valid environment variable name: use letters, digits ` +
            'and underscores, not starting with a digit (e.g. IBMCLOUD_IAM_TOKEN).');
    }
    const family = RESERVED_ENV_FAMILIES.find((f) => f.test(value.toUpperCase()));
    if (family) {
        throw new ConfigError(`${input} "${oneLine(value)}" is reserved: ${family.what} belong to the runner, the shell or a ` +
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
    throw new errors/* ConfigError */.xL(`${input} must be true or false (got "${untrusted_oneLine(value)}").`);
}
function parseInteger(input, value, fallback, min, max) {
    if (value === '')
        return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new ConfigError(`${input} must be a whole number from ${min} to ${max} (got "${oneLine(value)}").`);
    }
    return Number(value);
}
function parseChoice(input, value, choices) {
    if (value === '')
        return choices[0];
    if (choices.includes(value))
        return value;
    throw new ConfigError(`${input} must be one of ${choices.join(', ')} (got "${oneLine(value)}").`);
}

;// CONCATENATED MODULE: ./src/iam/endpoints.ts


const PUBLIC_ENDPOINT = 'https://iam.cloud.ibm.com';
const PRIVATE_ENDPOINT = 'https://private.iam.cloud.ibm.com';
/** Regions with a private regional IAM endpoint (private.<region>.iam.cloud.ibm.com). */
const REGIONS = (/* unused pure expression or super */ null && ([
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
]));
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
        throw new errors/* ConfigError */.xL(`${input} "${untrusted_oneLine(value)}" is not a URL. ${rules.notAUrl}`);
    }
    // ?query and #fragment on the raw text: `URL` drops a bare trailing '?' or '#'.
    if (url.username || url.password || /[?#]/.test(value)) {
        throw new errors/* ConfigError */.xL(`${input} must be a base URL without user name, password, ?query or #fragment.`);
    }
    // `URL` gives the host name in lower case.
    if (url.protocol === 'http:' && !rules.plainHttpTo(url.hostname)) {
        throw new errors/* ConfigError */.xL(`${input} ${url.origin} uses plain http, ${rules.plainHttpRefused}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new errors/* ConfigError */.xL(`${input} must start with ${rules.schemes} (got ${url.protocol}//).`);
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
        throw new ConfigError(`region "${oneLine(choice.region)}" is not an IBM Cloud region with an IAM endpoint. ` +
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
        operation: errors/* OPERATION */.qR.instanceIdentity,
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
        throw new errors/* ActionError */.lZ(`The VPC instance metadata service at ${endpoint} answered without an instance identity ` +
            'token. Check vpc-metadata-endpoint, and that the metadata service is on for this instance.');
    }
    const res = await imds.call({
        operation: errors/* OPERATION */.qR.metadataIamToken,
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
    const token = (0,read_body/* parseJson */.qF)(body)?.access_token;
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
        if (!(err instanceof errors/* ConfigError */.xL))
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
function sources_saveForRenewal(credential, facts) {
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
function isSavedCredential(saved) {
    const kind = saved?.kind;
    return rows.some((row) => row.renewal !== undefined && row.renewal.saved === kind);
}
/** The credential to renew from, given what the config file saved. */
function loadForRenewal(saved, env, secrets) {
    return renewalOf(saved).load(saved, env, secrets);
}
/** How the install message says the token is renewed. */
function sources_describeRenewal(saved) {
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
            if (!(err instanceof errors/* NetworkError */.Dr))
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
    if (operation === errors/* OPERATION */.qR.createKey && status >= 500)
        return advise('maybeCreated');
    if (status >= 500)
        return advise('iamFailing', { attempts });
    const identityApi = [
        errors/* OPERATION */.qR.createKey,
        errors/* OPERATION */.qR.lookupKey,
        errors/* OPERATION */.qR.deleteKey,
        errors/* OPERATION */.qR.listKeys
    ];
    // A 401 is the bearer token (missing, expired, invalid); a 403 is what it may do.
    if (identityApi.includes(operation) && status === 401)
        return advise('tokenRefused');
    if (identityApi.includes(operation) && status === 403)
        return advise('keyNotPermitted');
    // Any other 400 on creation (BXNIM0110E, a malformed field, has its own row above).
    if (operation === errors/* OPERATION */.qR.createKey && status === 400)
        return advise('keyLimit');
    return undefined;
}
function isRedirect(status) {
    return status >= 300 && status < 400;
}
/** The input that names the host an operation was sent to. */
function endpointInput(operation) {
    const metadata = [errors/* OPERATION */.qR.instanceIdentity, errors/* OPERATION */.qR.metadataIamToken];
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
    if (err instanceof errors/* IamError */.iS) {
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
        if (context.accountId && err.operation === errors/* OPERATION */.qR.token && err.status < 500) {
            lines.push(advise('accountPinned', { account: context.accountId }));
        }
        if (d.requestId)
            lines.push(`IAM request id: ${d.requestId} (quote it to IBM support).`);
        return lines.join('\n');
    }
    if (err instanceof errors/* NetworkError */.Dr) {
        const target = err.url ? ` ${err.url}` : '';
        // A create whose answer was lost may have happened; one never sent cannot have.
        const created = err.operation === errors/* OPERATION */.qR.createKey && !requestNeverSent(err.code)
            ? `\n${advise('maybeCreated')}`
            : '';
        return (`Could not reach IBM Cloud IAM${target} (${err.operation ?? 'request'}) after ` +
            `${plural(err.attempts, 'attempt')}: ${err.message}.\n${networkAdvice(err.code)}${created}`);
    }
    if (err instanceof errors/* ConfigError */.xL || err instanceof errors/* ActionError */.lZ)
        return err.message;
    if (err instanceof Error)
        return `Unexpected error: ${err.message}`;
    return `Unexpected error: ${String(err)}`;
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
const LOG_METHODS = (/* unused pure expression or super */ null && (['debug', 'info', 'notice', 'warning', 'setFailed']));
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
    const o = (0,read_body/* parseJson */.qF)(body);
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
            throw new errors/* IamError */.iS(operation, response.status, details, attempts);
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

;// CONCATENATED MODULE: ./src/token-command/cache.ts
/** The cached token, or undefined when there is none (or it is unreadable: renew then). */
function readCache(files, path) {
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
function cache_writeCache(files, path, token) {
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    files.writeFile(temp, JSON.stringify(token), 0o600);
    files.rename(temp, path);
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/token-command/renewal.ts



/**
 * The credential a later step can renew from without a long-lived secret on disk, or why not.
 * A long-lived API key is never renewable: it would have to be written down.
 */
function renewal_renewableCredential(config) {
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
    const network = network_settings_readNetworkRecord(JSON.stringify(json.network ?? null));
    const { network: _written, ...rest } = json;
    return { ...rest, ...(network ? { network } : {}) };
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
    const dir = files.makeTempDir(join(where.runnerTemp, `${COMMAND}-`));
    const file = {
        version: 1,
        credential: renewal.credential,
        endpoint: config.endpoint,
        ...(config.accountId ? { accountId: config.accountId } : {}),
        timeoutMs: config.timeoutMs,
        maxAttempts: config.maxAttempts,
        cache: join(dir, 'token.json')
    };
    // What the command compares before it sends a credential: a later step may change them.
    const network = readNetworkRecord(where.network);
    if (network)
        file.network = network;
    const configPath = join(dir, 'config.json');
    files.writeFile(configPath, `${JSON.stringify(file, null, 2)}\n`, 0o600);
    writeCache(files, file.cache, { accessToken: token.accessToken, expiration: token.expiration });
    const launch = { ...where.script, config: configPath };
    files.writeFile(join(dir, COMMAND), posixShim(launch));
    files.chmod(join(dir, COMMAND), 0o700); // executable whatever the umask
    files.writeFile(join(dir, `${COMMAND}.cmd`), windowsShim(launch), 0o700);
    runner.addPath(dir);
    runner.info(`Later steps can run \`${COMMAND}\` for a token valid at least 5 more minutes, renewed ` +
        `${describeRenewal(renewal.credential)} (token-command: false turns this off).`);
    return dir;
}

;// CONCATENATED MODULE: ./src/token-command/print.ts
/**
 * How long the command waits between a token's mask (on stderr) and the token (on stdout).
 * The runner reads the two pipes on separate tasks; a mask that reaches it after the token's
 * line would not cover that line. The pause lets the stderr reader take the mask first.
 */
const MASK_SETTLE_MS = 20;
/** A workflow command's data escaped as @actions/core escapes it: the runner undoes %25, %0D, %0A. */
function escapeCommandData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** The `::add-mask::` line for a value, for the runner to read on stderr. */
function addMaskCommand(value) {
    return `::add-mask::${escapeCommandData(value)}\n`;
}
/**
 * Prints `token` as the command's whole stdout, masked first, on every call (a cache hit too):
 * a mask reaches the runner only through the stderr of the process that prints it, and the
 * call that renewed the token may have had its stderr discarded (`TOKEN=$(… 2>/dev/null)`).
 * `secrets` masks what it has not masked in this process yet; off a runner it prints nothing.
 */
async function printToken(token, secrets, io, onRunner) {
    secrets.add(token);
    if (onRunner)
        await io.clock.sleep(MASK_SETTLE_MS);
    io.stdout(`${token}\n`);
}

;// CONCATENATED MODULE: ./src/token-command/run.ts












/** A cached token is printed while it has at least this long to live; else it is renewed. */
const RENEW_BEFORE_S = 10 * 60;
/** What the command promises: the printed token is valid at least this much longer. */
const MIN_VALID_S = 5 * 60;
/**
 * `ibmcloud-iam-token <config.json>`: prints a token valid for at least MIN_VALID_S more
 * seconds, from the cache or renewed; when renewal fails, the cached token if it still keeps
 * that promise (with a warning). Returns the exit code: 0 with only the token on stdout, 1
 * with a message on stderr.
 */
async function runTokenCommand(args, io) {
    // On a runner, every secret this process sees is masked through stderr, which the runner
    // reads for workflow commands too, while stdout stays the token alone.
    const onRunner = io.env.GITHUB_ACTIONS === 'true';
    const secrets = new Secrets((value) => {
        if (onRunner)
            io.stderr(addMaskCommand(value));
    });
    try {
        const config = loadConfig(args[0], io.files.readFile);
        const now = Math.floor(io.clock.now() / 1000);
        const cached = readCache(io.files, config.cache);
        if (cached && cached.expiration - now >= RENEW_BEFORE_S) {
            await printToken(cached.accessToken, secrets, io, onRunner);
            return 0;
        }
        // Renewing sends a credential (the ephemeral key, a compute-resource or instance token):
        // never through proxy or CA settings other than those the main step used.
        const changed = networkChange(config.network, io.env, COMMAND);
        if (changed) {
            if (onRunner)
                io.stderr(`::warning::${commandData(changed)}\n`);
            throw new errors/* ActionError */.lZ(`no token renewed: ${changed}`);
        }
        const source = credentialSource(loadForRenewal(config.credential, io.env, secrets));
        const log = (message) => io.stderr(`${COMMAND}: ${message}\n`);
        const wiring = { log, createTransport: io.createTransport, clock: io.clock, secrets };
        let token;
        try {
            token = await source(stepContext({ ...wiring, readFile: io.files.readFile }, config));
            checkAccount(token, config.accountId);
        }
        catch (err) {
            // The cached token still keeps the promise: print it rather than fail the step.
            const left = cached ? cached.expiration - Math.floor(io.clock.now() / 1000) : 0;
            if (!cached || left < MIN_VALID_S)
                throw err;
            secrets.add(cached.accessToken);
            const why = `could not renew the token: ${secrets.redact(describeError(err))}\n` +
                `The cached token was printed instead: it is valid for ${left} more s.`;
            io.stderr(onRunner ? `::warning::${COMMAND}: ${commandData(why)}\n` : `${COMMAND}: warning: ${why}\n`);
            io.stdout(`${cached.accessToken}\n`);
            return 0;
        }
        cache_writeCache(io.files, config.cache, {
            accessToken: token.accessToken,
            expiration: token.expiration
        });
        const left = token.expiration - now;
        if (left < MIN_VALID_S) {
            log(`IAM issued a token valid for only ${left} s (less than ${MIN_VALID_S} s).`);
        }
        await printToken(token.accessToken, secrets, io, onRunner);
        return 0;
    }
    catch (err) {
        io.stderr(`${COMMAND}: ${secrets.redact(describeError(err))}\n`);
        return 1;
    }
}
/** A workflow command's message, escaped as the runner reads it (one line). */
function commandData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function loadConfig(path, readFile) {
    if (!path)
        throw new errors/* ActionError */.lZ('no config file given: run it through its launcher on PATH.');
    try {
        return parseRenewalConfig(readFile(path));
    }
    catch (err) {
        // Not `instanceof Error`: an error from another realm (a vm context, a worker) is one too.
        const message = err?.message;
        const why = typeof message === 'string' ? message : String(err);
        throw new errors/* ActionError */.lZ(`cannot use ${untrusted_oneLine(path)} (${untrusted_oneLine(why)}). It is written by the IBM Cloud IAM token action in an ` +
            'earlier step of this job and removed with RUNNER_TEMP when the job ends.');
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
/******/ var __webpack_exports__ = __nccwpck_require__(561);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

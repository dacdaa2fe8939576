import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 496:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _registry_helper_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(417);
/* harmony import */ var _runner_files_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(430);
// The file ncc bundles as dist/credential-helper: `docker-credential-ibmcloud`, run by its
// launchers. Deliberately small (no @actions/*, no HTTP, the child process module loaded only
// to renew): a cache hit must cost little more than starting Node.


const io = {
    nowMs: () => Date.now(),
    files: _runner_files_js__WEBPACK_IMPORTED_MODULE_1__/* .nodeFiles */ .k,
    readStdin: async () => {
        let text = '';
        process.stdin.setEncoding('utf8');
        for await (const chunk of process.stdin)
            text += chunk;
        return text;
    },
    runTokenCommand: async ({ node, script, config }) => {
        const { spawn } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 421, 23));
        return new Promise((resolve) => {
            const child = spawn(node, [script, config], { stdio: ['ignore', 'pipe', 'pipe'] });
            let stdout = '';
            let stderr = '';
            child.stdout.on('data', (d) => (stdout += d.toString()));
            child.stderr.on('data', (d) => (stderr += d.toString()));
            child.once('error', (err) => resolve({ code: 1, stdout: '', stderr: err.message }));
            child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
        });
    },
    stdout: (text) => process.stdout.write(text)
};
process.exitCode = await (0,_registry_helper_js__WEBPACK_IMPORTED_MODULE_0__/* .runHelper */ .UA)(process.argv.slice(2), io);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 417:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  UA: () => (/* binding */ runHelper)
});

// UNUSED EXPORTS: HELPER, HELPER_NAME, LAST_SECONDS_S, MIN_VALID_S, NOT_FOUND, USERNAME, parseHelperConfig

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
function writeCache(files, path, token) {
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    files.writeFile(temp, JSON.stringify(token), 0o600);
    files.rename(temp, path);
}

;// CONCATENATED MODULE: ./src/errors.ts
/**
 * Errors are values with a kind; `describeError` (describe-error.ts) turns one into the single
 * message a user reads. No secret is ever put into an error: callers pass only ids, codes and
 * summaries, and the steps scrub the final text with `Secrets.redact` as a second line of defence.
 */
/** An input is wrong: the message says which and what to do. */
class errors_ConfigError extends (/* unused pure expression or super */ null && (Error)) {
    name = 'ConfigError';
}
/** Something the user must act on that is not an HTTP error (e.g. the wrong account). */
class ActionError extends (/* unused pure expression or super */ null && (Error)) {
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
function isRegistryHost(host) {
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
    const wrong = entries.filter((entry) => !isRegistryHost(entry.toLowerCase()));
    if (wrong.length > 0) {
        const shown = wrong.map((entry) => `"${oneLine(entry)}"`).join(', ');
        throw new ConfigError(`registries: ${shown} ${wrong.length === 1 ? 'is' : 'are'} not a Container Registry host ` +
            `this action logs in to (a bare host, no https:// and no path). Accepted: ${ACCEPTED}.`);
    }
    return [...new Set(entries.map((entry) => entry.toLowerCase()))];
}
/**
 * The host a credential helper is asked about: `us.icr.io`, `https://us.icr.io/v2/`,
 * `127.0.0.1:5000` all name their host (lower-cased, scheme and path dropped).
 */
function serverHost(serverUrl) {
    return serverUrl
        .trim()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .replace(/[/?#].*$/s, '')
        .toLowerCase();
}

;// CONCATENATED MODULE: ./src/registry/helper.ts


/**
 * `docker-credential-ibmcloud`: Docker's credential-helper protocol over the token cache of
 * `ibmcloud-iam-token`. Kept to node:fs and a child process so that a cache hit costs little
 * more than starting Node (it runs on every pull and push): renewal runs the token command's
 * own bundle, which holds all of IAM.
 */
const HELPER = 'docker-credential-ibmcloud';
/** The `credHelpers` value that names this helper (docker runs `docker-credential-<value>`). */
const HELPER_NAME = 'ibmcloud';
/** Docker's user name for an IAM access token at icr.io. */
const USERNAME = 'iambearer';
/** Docker's own answer for a server a helper holds nothing for (docker-credential-helpers). */
const NOT_FOUND = 'credentials not found in native keychain';
/** A renewable token is served while it is valid at least this much longer (as the token command promises). */
const MIN_VALID_S = 5 * 60;
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


/***/ }),

/***/ 430:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  k: () => (/* binding */ nodeFiles)
});

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


/***/ }),

/***/ 421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

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
/******/ var __webpack_exports__ = __nccwpck_require__(496);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

// @actions/http-client imports ProxyAgent at the top of its module but uses it only in
// getAgentDispatcher(), which this action never calls: proxied requests go through `tunnel`.
export class ProxyAgent {
  constructor() {
    throw new Error('undici is not shipped with this action (stubs/README.md)')
  }
}

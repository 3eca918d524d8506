/* Counts the queries the page sends to Material's search worker and the answers it gets back,
 * so that a test knows when the result list on screen answers the query it entered (added to
 * every page with Playwright's add_init_script, before any page script runs).
 *
 * Material sends a query on every keyup of the search field, with no debounce, and redraws the
 * whole list for each answer, in order: the list is final once the worker has answered every
 * query sent since. Message types (Material 9.8's search worker protocol): 0 setup, 1 ready,
 * 2 query, 3 result. The site's own query shim (overrides/main.html) wraps this class in turn,
 * so the count is of the queries as the worker gets them. */
(() => {
  if (window.vgSearchProbe) return;
  const probe = { ready: false, sent: 0, received: 0, last: null };
  window.vgSearchProbe = probe;
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.vgSearch = /\/workers\/search\.[^/]*\.js/.test(String(url));
      if (!this.vgSearch) return;
      this.addEventListener("message", (event) => {
        const message = event.data || {};
        if (message.type === 1) probe.ready = true;
        if (message.type === 3) probe.received += 1;
      });
    }
    postMessage(message, ...rest) {
      if (this.vgSearch && message && message.type === 2) {
        probe.sent += 1;
        probe.last = message.data;
      }
      return super.postMessage(message, ...rest);
    }
  };
})();

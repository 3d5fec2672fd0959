// Tapis Job Profiler as a component of another page (docs/embedding.md):
//
//   import { mount } from 'https://APP-HOST/embed.js';
//   const handle = mount(element, { dataUrl: 'job-history.json' });   // …later: handle.destroy()
//
//   <tapis-job-profiler data-url="job-history.json"></tapis-job-profiler>   (defined on import)
//
//   export default { render({ model, el }) }       (anywidget: mystmd's {anywidget}, Jupyter)
//
// The wasm, its JS glue and style.css are found next to this file (import.meta.url), so the
// host page's URL and <base> do not matter. Each component gets its own shadow root (the
// host's CSS stays out, ours stays in) and its own app state; the wasm loads once per page.
import init, { mount as mountApp } from './tapis-job-profiler.js';

const asset = (name) => new URL(name, import.meta.url);

/** The options, as `mount()` takes them; attributes use the kebab-case names (data-url). */
const OPTIONS = { embed: 'boolean', tenant: 'string', sample: 'boolean', dataUrl: 'string' };
const kebab = (name) => name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
const snake = (name) => name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

let wasm;
/** Loads and starts the wasm once per page, however many components it shows. */
function load() {
  wasm ??= init({ module_or_path: asset('tapis-job-profiler_bg.wasm') })
    .catch((error) => { wasm = undefined; throw error; }); // let a later mount retry
  return wasm;
}

/**
 * Options as the app reads them (src/props.rs). Flags accept booleans or attribute-style
 * strings ("" or "1" is on; "0", "false", "no", "off" are off). A component is compact
 * (`embed`) unless told otherwise: its host page has its own header.
 */
function normalise(options) {
  // Large files are parsed in a worker, whose script is next to this file (a worker from
  // another origin than the host page's is refused: the app then parses on the page).
  const out = { embed: true, workerUrl: asset('worker.js').href };
  for (const [name, type] of Object.entries(OPTIONS)) {
    const value = options?.[name];
    if (value === undefined || value === null) continue;
    out[name] = type === 'boolean'
      ? !['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
      : String(value);
  }
  return out;
}

/** Starts an app in `shadow`; `cleanup` runs on destroy. Returns the handle `mount` gives. */
function start(shadow, options, cleanup) {
  const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: asset('style.css') });
  const root = document.createElement('div');
  shadow.replaceChildren(link, root);
  const styled = new Promise((resolve) => { link.onload = link.onerror = resolve; });
  let app = null;
  let destroyed = false;
  const ready = Promise.all([load(), styled]).then(() => {
    if (!destroyed) app = mountApp(root, JSON.stringify(normalise(options)));
  }, (error) => {
    root.textContent = `Tapis Job Profiler could not start: ${error}`;
    throw error;
  });
  return {
    /** Resolves once the app is on screen. */
    ready,
    /** Unmounts the app and removes what `mount` added; calling it again does nothing. */
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (app) { app.destroy(); app.free(); app = null; }
      cleanup();
    },
  };
}

/**
 * Mounts an independent app at the end of `element` (an element or a shadow root).
 * Options: embed (default true), sample, dataUrl (fetched relative to the page), tenant.
 * Returns at once with `{ ready, destroy() }`; the wasm loads in the background.
 */
export function mount(element, options = {}) {
  if (!(element instanceof Element || element instanceof ShadowRoot)) {
    throw new TypeError('mount(element, options): element must be a DOM element');
  }
  const host = document.createElement('div');
  host.className = 'tapis-job-profiler';
  element.append(host);
  return start(host.attachShadow({ mode: 'open' }), options, () => host.remove());
}

/** `<tapis-job-profiler embed tenant sample data-url>`; changing an attribute restarts it. */
class TapisJobProfilerElement extends HTMLElement {
  static observedAttributes = Object.keys(OPTIONS).map(kebab);
  #handle = null;

  connectedCallback() { this.#restart(); }
  disconnectedCallback() { this.#handle?.destroy(); this.#handle = null; }
  attributeChangedCallback() { if (this.#handle) this.#restart(); }

  /** Resolves once the app is on screen. */
  get ready() { return this.#handle?.ready ?? Promise.resolve(); }

  #restart() {
    this.#handle?.destroy();
    const options = {};
    for (const name of Object.keys(OPTIONS)) {
      if (this.hasAttribute(kebab(name))) options[name] = this.getAttribute(kebab(name));
    }
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    this.#handle = start(shadow, options, () => shadow.replaceChildren());
  }
}
if (!customElements.get('tapis-job-profiler')) {
  customElements.define('tapis-job-profiler', TapisJobProfilerElement);
}

/**
 * anywidget's contract, used by mystmd's {anywidget} directive (its JSON body is `model`)
 * and by Jupyter's anywidget: option names in camelCase, snake_case or kebab-case.
 */
export default {
  render({ model, el }) {
    const options = {};
    for (const name of Object.keys(OPTIONS)) {
      for (const key of [name, snake(name), kebab(name)]) {
        const value = model.get(key);
        if (value !== undefined && value !== null) { options[name] = value; break; }
      }
    }
    const handle = mount(el, options);
    return () => handle.destroy();
  },
};

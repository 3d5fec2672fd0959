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
// With `theme: auto` (the default) each follows the colour of the page behind it, light or
// dark, also when the page's own toggle switches it.
import init, { mount as mountApp } from './tapis-job-profiler.js';
// The colour of the page behind an element, as frame.js tells it to frames (and sizes them,
// should the page also hold profiler iframes).
import './frame.js';

const { backgroundBehind } = window.tapisJobProfilerFrame;

const asset = (name) => new URL(name, import.meta.url);

/**
 * The options, as `mount()` takes them; attributes use the kebab-case names (data-url).
 * A list (`open`) may be given as an array or as names separated by commas.
 */
const OPTIONS = {
  embed: 'boolean', tenant: 'string', sample: 'boolean', dataUrl: 'string', theme: 'string', open: 'list',
};
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
    if (type === 'boolean') out[name] = !['0', 'false', 'no', 'off'].includes(String(value).toLowerCase());
    else if (type === 'list' && Array.isArray(value)) out[name] = value.join(',');
    else out[name] = String(value);
  }
  return out;
}

/**
 * Tells `app` the colour behind `host` now and whenever the page's theme may have changed
 * (an attribute or class of <html> or <body>: what theme toggles switch); returns the stop.
 */
function followBackground(app, host) {
  const tell = () => app.setHostBackground(backgroundBehind(host));
  const observer = new MutationObserver(tell);
  for (const el of [document.documentElement, document.body]) {
    if (el) observer.observe(el, { attributes: true });
  }
  const system = matchMedia('(prefers-color-scheme: dark)');
  system.addEventListener('change', tell);
  tell();
  return () => { observer.disconnect(); system.removeEventListener('change', tell); };
}

/**
 * Starts an app in `shadow` (whose host is `host`); `cleanup` runs on destroy. Returns the
 * handle `mount` gives.
 */
function start(host, shadow, options, cleanup) {
  const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: asset('style.css') });
  const root = document.createElement('div');
  shadow.replaceChildren(link, root);
  const styled = new Promise((resolve) => { link.onload = link.onerror = resolve; });
  let app = null;
  let unfollow = () => {};
  let destroyed = false;
  const ready = Promise.all([load(), styled]).then(() => {
    if (destroyed) return;
    app = mountApp(root, JSON.stringify(normalise(options)));
    unfollow = followBackground(app, host);
  }, (error) => {
    root.textContent = `Tapis Job Profiler could not start: ${error}`;
    throw error;
  });
  return {
    /** Resolves once the app is on screen. */
    ready,
    /** Switches the theme (light, dark or auto) without restarting the app. */
    setTheme(theme) { ready.then(() => app?.setTheme(String(theme ?? 'auto'))); },
    /** Unmounts the app and removes what `mount` added; calling it again does nothing. */
    destroy() {
      if (destroyed) return;
      destroyed = true;
      unfollow();
      if (app) { app.destroy(); app.free(); app = null; }
      cleanup();
    },
  };
}

/**
 * Mounts an independent app at the end of `element` (an element or a shadow root).
 * Options: embed (default true), sample, dataUrl (fetched relative to the page), tenant,
 * theme (light, dark, auto), open (the sections that start open).
 * Returns at once with `{ ready, setTheme(theme), destroy() }`; the wasm loads in the background.
 */
export function mount(element, options = {}) {
  if (!(element instanceof Element || element instanceof ShadowRoot)) {
    throw new TypeError('mount(element, options): element must be a DOM element');
  }
  const host = document.createElement('div');
  host.className = 'tapis-job-profiler';
  element.append(host);
  return start(host, host.attachShadow({ mode: 'open' }), options, () => host.remove());
}

/**
 * `<tapis-job-profiler embed tenant sample data-url theme open>`. Changing `theme` switches
 * it in place; changing another attribute restarts it.
 */
class TapisJobProfilerElement extends HTMLElement {
  static observedAttributes = Object.keys(OPTIONS).map(kebab);
  #handle = null;

  connectedCallback() { this.#restart(); }
  disconnectedCallback() { this.#handle?.destroy(); this.#handle = null; }
  attributeChangedCallback(name, _old, value) {
    if (!this.#handle) return;
    if (name === 'theme') this.#handle.setTheme(value);
    else this.#restart();
  }

  /** Resolves once the app is on screen. */
  get ready() { return this.#handle?.ready ?? Promise.resolve(); }

  #restart() {
    this.#handle?.destroy();
    const options = {};
    for (const name of Object.keys(OPTIONS)) {
      if (this.hasAttribute(kebab(name))) options[name] = this.getAttribute(kebab(name));
    }
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    this.#handle = start(this, shadow, options, () => shadow.replaceChildren());
  }
}
if (!customElements.get('tapis-job-profiler')) {
  customElements.define('tapis-job-profiler', TapisJobProfilerElement);
}

/**
 * anywidget's contract, used by mystmd's {anywidget} directive (its JSON body is `model`)
 * and by Jupyter's anywidget: option names in camelCase, snake_case or kebab-case. A
 * Jupyter model that changes `theme` switches the app in place.
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
    const onTheme = () => handle.setTheme(model.get('theme'));
    model.on?.('change:theme', onTheme);
    return () => { model.off?.('change:theme', onTheme); handle.destroy(); };
  },
};

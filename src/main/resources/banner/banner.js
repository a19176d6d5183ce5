/* Charte consent banner. No dependency, no inline script or style: works under a strict CSP.
   The server puts this file's configuration (one object per language) and its stylesheet (a string) as the
   arguments of the call below. DOM contract and JS API: docs/banner.md. */
((all, css) => {
  'use strict';
  const d = document, w = window, me = d.currentScript, CATS = ['preferences', 'statistics', 'marketing'];
  const C = all[(d.documentElement.lang || '').slice(0, 2).toLowerCase()] || all[Object.keys(all)[0]];
  const T = C.texts, N = C.cookie.name, nonce = (me && me.nonce) || '', listeners = [];
  const shown = C.categories.map((c) => c.id).filter((id) => id !== 'necessary');
  const exempt = (id) => C.categories.some((c) => c.id === id && c.exempt);
  const RE = /^1\.([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})\.(0|[1-9]\d{0,8})\.([1-9]\d{0,10})\.((?:[psm][01]){0,3})$/;
  let state = null, staleId = null, root, banner, prefs, opener, notice, status;

  const el = (tag, attrs, ...kids) => {
    const e = d.createElement(tag);
    for (const k in attrs || {}) {
      if (attrs[k] != null && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    }
    e.append(...kids.filter((k) => k != null));
    return e;
  };
  const btn = (action, label, cls) => el('button', { type: 'button', class: cls || 'charte-btn', 'data-charte-action': action }, label);
  const fill = (s, v) => s.replace(/%(\w+)%/g, (m, k) => (k in v ? v[k] : m));
  const now = () => Math.floor(Date.now() / 1000);

  /* The stored choice: null when absent, damaged, forged, of another format, revision, or expired. */
  function read() {
    const raw = d.cookie.split('; ').find((c) => c.startsWith(N + '='));
    const m = raw && RE.exec(raw.slice(N.length + 1));
    if (m) staleId = m[1]; // an expired or superseded choice keeps its consent id: the ledger links the records
    if (!m || +m[2] !== C.revision || +m[3] + C.cookie.maxAge <= now() || +m[3] > now() + 86400) return null;
    const choices = {};
    for (let i = 0; i < m[4].length; i += 2) {
      const id = CATS['psm'.indexOf(m[4][i])];
      if (id in choices) return null;
      choices[id] = m[4][i + 1] === '1';
    }
    return { consentId: m[1], revision: +m[2], time: +m[3], choices };
  }
  const allowed = (id) => id === 'necessary' || (state ? state.choices[id] === true || (exempt(id) && state.choices[id] !== false) : exempt(id));
  const consent = () => {
    const o = { necessary: true };
    CATS.forEach((id) => (o[id] = allowed(id)));
    return { decided: !!state, consentId: state && state.consentId, revision: C.revision, choices: o };
  };

  function uuid() {
    if (w.crypto.randomUUID) return w.crypto.randomUUID();
    const b = w.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /* Outbox of proofs not yet accepted by the server: localStorage under the choice cookie's own name (the
     choice record, exempt), written only after a choice, emptied once the server has the proof. */
  const box = {
    get() { try { return JSON.parse(localStorage.getItem(N)) || []; } catch (e) { return []; } },
    set(list) {
      try { list.length ? localStorage.setItem(N, JSON.stringify(list.slice(-5))) : localStorage.removeItem(N); } catch (e) { /* storage refused */ }
    }
  };
  function send(record) {
    const { time, ...proof } = record; // the time only tells outbox entries apart; the ledger stamps its own
    return fetch(C.consentUrl, {
      method: 'POST', mode: 'cors', credentials: 'omit', keepalive: true,
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(proof)
    }).then((r) => r.status < 500 && r.status !== 429, () => false);
  }
  const key = (r) => r.consentId + r.action + r.time;
  const inflight = new Set();
  function flush() {
    box.get().filter((r) => !inflight.has(key(r))).forEach((r) => {
      inflight.add(key(r));
      send(r).then((ok) => {
        inflight.delete(key(r));
        if (ok) box.set(box.get().filter((x) => key(x) !== key(r)));
      });
    });
  }

  function save(action, choices, source, variant) {
    const before = consent().choices, id = (state && state.consentId) || staleId || uuid(), t = now();
    const norm = {};
    CATS.forEach((c) => (norm[c] = !!choices[c]));
    if (action === 'custom' && state && CATS.some((c) => before[c] && !norm[c])) action = 'withdraw';
    state = { consentId: id, revision: C.revision, time: t, choices: norm };
    d.cookie = `${N}=1.${id}.${C.revision}.${t}.${CATS.map((c) => c[0] + (norm[c] ? 1 : 0)).join('')}; Max-Age=${C.cookie.maxAge}; Path=/; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
    const record = { consentId: id, revision: C.revision, language: C.language, action, choices: norm, textHash: C.textHash, source, variant, time: t };
    box.set(box.get().concat(record));
    flush();
    close(banner);
    apply(before);
  }

  /* Runs what is now allowed, withdraws what no longer is, and tells everyone. */
  function apply(before) {
    const c = consent().choices;
    let reload = false;
    CATS.forEach((id) => {
      if (before && before[id] && !c[id]) {
        expire(id);
        if (d.querySelector(`script[data-charte-done][data-charte-category="${id}"]`)) reload = true;
      }
    });
    d.querySelectorAll('script[type="text/plain"][data-charte-category]:not([data-charte-done])').forEach((s) => {
      if (!allowed(s.dataset.charteCategory)) return;
      s.setAttribute('data-charte-done', '');
      const r = d.createElement('script');
      for (const a of s.attributes) if (!/^(type|data-src|data-charte-done|nonce)$/.test(a.name)) r.setAttribute(a.name, a.value);
      r.nonce = s.nonce || nonce;
      if (s.dataset.src) r.src = s.dataset.src;
      else r.text = s.text;
      s.after(r);
    });
    d.querySelectorAll('iframe[data-charte-src][data-charte-category]').forEach(frame);
    if (before || state) {
      if (C.consentMode) gtag('consent', 'update', modes(c));
      if (C.matomo) (w._paq = w._paq || []).push([c.statistics ? 'rememberCookieConsentGiven' : 'forgetCookieConsentGiven']);
    }
    if (before) {
      const detail = consent();
      listeners.forEach((fn) => { try { fn(detail); } catch (e) { setTimeout(() => { throw e; }); } });
      d.dispatchEvent(new CustomEvent('charte:consent', { detail }));
    }
    if (reload) setTimeout(() => location.reload(), 300);
  }

  /* First-party cookies of a withdrawn category, on this host and its parent domains. */
  function expire(id) {
    const cat = C.categories.find((c) => c.id === id);
    if (!cat) return;
    const hosts = location.hostname.split('.').map((p, i, a) => a.slice(i).join('.')).filter((h) => h.includes('.'));
    d.cookie.split('; ').map((c) => c.split('=')[0]).forEach((name) => {
      if (!cat.cookies.some((k) => !k.thirdParty && new RegExp('^' + k.name.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$').test(name))) return;
      [''].concat(hosts.map((h) => '; Domain=' + h)).forEach((dom) => (d.cookie = `${name}=; Max-Age=0; Path=/${dom}`));
    });
  }

  function frame(f) {
    const id = f.dataset.charteCategory, ph = f.previousElementSibling;
    const hasPh = ph && ph.classList.contains('charte-placeholder');
    if (allowed(id)) {
      if (hasPh) ph.remove();
      f.hidden = false;
      if (f.getAttribute('src') !== f.dataset.charteSrc) f.src = f.dataset.charteSrc;
      return;
    }
    if (f.getAttribute('src')) f.src = 'about:blank';
    f.removeAttribute('src');
    f.hidden = true;
    if (hasPh) return;
    let host = '';
    try { host = new URL(f.dataset.charteSrc, location.href).host; } catch (e) { /* relative or invalid */ }
    const name = (T['cat.' + id] || id);
    f.before(el('div', { class: 'charte charte-placeholder', lang: C.language },
      el('p', null, fill(T.placeholder, { host, category: name })),
      el('button', { type: 'button', class: 'charte-btn', 'data-charte-allow': id }, fill(T.allow, { category: name }))));
  }

  const modes = (c) => {
    const g = (b) => (b ? 'granted' : 'denied');
    return { analytics_storage: g(c.statistics), ad_storage: g(c.marketing), ad_user_data: g(c.marketing), ad_personalization: g(c.marketing), functionality_storage: g(c.preferences), personalization_storage: g(c.preferences) };
  };
  function gtag() { (w.dataLayer = w.dataLayer || []).push(arguments); }

  /* Keeps the end of the page and the focused element out from under the fixed first layer. */
  function room() {
    const layer = [banner, notice].find((b) => b && !b.hidden);
    d.documentElement.style.setProperty('--charte-h', (layer ? layer.offsetHeight : 0) + 'px');
  }

  function close(box) {
    if (!box || box.hidden) return;
    box.hidden = true;
    room();
    if (box === prefs) {
      d.documentElement.classList.remove('charte-modal');
      if (opener && opener.isConnected) opener.focus();
    }
  }

  function buildBanner() {
    const p = (key) => el('p', { 'data-testid': 'charte-' + key }, T[key]);
    banner = el('div', { id: 'charte-banner', class: 'charte charte-layer', role: 'dialog', 'aria-labelledby': 'charte-title', lang: C.language },
      el('div', { class: 'charte-text' },
        el('h2', { id: 'charte-title' }, T.title),
        p('controller'),
        el('p', { 'data-testid': 'charte-purposes' }, T.purposes + ' ' + shown.map((id) => T['cat.' + id]).join(', ') + '.'),
        p('refusal'), p('withdraw'),
        el('p', { class: 'charte-links' },
          el('a', { href: C.charterUrl, 'data-testid': 'charte-charter' }, T.charter), ' ',
          el('a', { href: C.thirdPartiesUrl, 'data-testid': 'charte-third-parties' }, T.thirdParties))),
      el('div', { class: 'charte-actions' }, btn('reject_all', T.rejectAll), btn('accept_all', T.acceptAll), btn('customize', T.customize)));
    return banner;
  }

  function buildPrefs() {
    const lifetime = (k) => k.lifetime;
    const cats = C.categories.map((c) => {
      const necessary = c.id === 'necessary', inputId = 'charte-c-' + c.id;
      const rows = c.cookies.map((k) => el('tr', null, el('td', null, k.name), el('td', null, k.provider), el('td', null, k.purpose), el('td', null, lifetime(k))));
      return el('section', { class: 'charte-cat' },
        el('div', { class: 'charte-switch' },
          el('input', { type: 'checkbox', role: 'switch', id: inputId, 'data-charte-category': c.id, checked: necessary, disabled: necessary, 'aria-describedby': inputId + '-d' }),
          el('label', { for: inputId }, T['cat.' + c.id] + (necessary ? ' (' + T.alwaysOn + ')' : ''))),
        el('p', { id: inputId + '-d' }, T['desc.' + c.id] + (c.exempt ? ' ' + T.exempt : '')),
        c.cookies.length ? el('details', null, el('summary', null, T.cookies + ' (' + c.cookies.length + ')'),
          el('div', { class: 'charte-table', tabindex: '0', role: 'region', 'aria-label': T['cat.' + c.id] }, el('table', null,
            el('thead', null, el('tr', null, ...['colName', 'colProvider', 'colPurpose', 'colLifetime'].map((h) => el('th', { scope: 'col' }, T[h])))),
            el('tbody', null, ...rows)))) : null);
    });
    prefs = el('div', { id: 'charte-prefs', class: 'charte charte-modal-box', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'charte-prefs-title', lang: C.language, hidden: true },
      el('div', { class: 'charte-text' },
        el('h2', { id: 'charte-prefs-title', tabindex: '-1' }, T.prefsTitle),
        el('p', null, T.prefsIntro), ...cats),
      el('div', { class: 'charte-actions' }, btn('reject_all', T.rejectAll), btn('accept_all', T.acceptAll), btn('save', T.save)),
      btn('close', T.close, 'charte-close'));
    return prefs;
  }

  /* Built on first use, not before the first layer shows: it is most of the DOM and nobody may ever open it. */
  function open() {
    if (!root) return;
    if (!prefs) root.append(buildPrefs());
    opener = d.activeElement;
    const c = consent().choices;
    prefs.querySelectorAll('input[data-charte-category]').forEach((i) => {
      if (i.dataset.charteCategory !== 'necessary') i.checked = c[i.dataset.charteCategory];
    });
    prefs.hidden = false;
    d.documentElement.classList.add('charte-modal');
    prefs.querySelector('h2').focus();
  }

  function onClick(e) {
    const t = e.target.closest && e.target.closest('[data-charte-action],[data-charte-open],[data-charte-allow]');
    if (!t) return;
    const variant = prefs && prefs.contains(t) ? 'preferences' : 'banner', all = {}, none = {};
    CATS.forEach((c) => { all[c] = shown.includes(c); none[c] = false; });
    if (t.hasAttribute('data-charte-open')) { e.preventDefault(); open(); return; }
    if (t.dataset.charteAllow) {
      const c = consent().choices;
      c[t.dataset.charteAllow] = true;
      save('custom', c, 'click', 'banner');
      return;
    }
    switch (t.dataset.charteAction) {
      case 'reject_all': save(state && CATS.some((c) => consent().choices[c]) ? 'withdraw' : 'reject_all', none, 'click', variant); break;
      case 'accept_all': save('accept_all', all, 'click', variant); break;
      case 'customize': open(); break;
      case 'close': close(prefs); return;
      case 'save': {
        const c = {};
        prefs.querySelectorAll('input[data-charte-category]').forEach((i) => (c[i.dataset.charteCategory] = i.checked));
        save('custom', c, 'click', variant);
        break;
      }
      default: return;
    }
    if (variant === 'preferences' && t.dataset.charteAction !== 'customize') {
      close(prefs);
      status.textContent = T.saved;
    }
  }

  function onKey(e) {
    if (!prefs || prefs.hidden) return;
    if (e.key === 'Escape') { e.preventDefault(); close(prefs); return; }
    if (e.key !== 'Tab') return;
    const f = [...prefs.querySelectorAll('button,input:not([disabled]),summary,a[href],[tabindex="0"]')].filter((x) => x.offsetParent !== null);
    const first = f[0], last = f[f.length - 1];
    if (!prefs.contains(d.activeElement)) { e.preventDefault(); first.focus(); }
    else if (e.shiftKey && (d.activeElement === first || d.activeElement === prefs.querySelector('h2'))) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && d.activeElement === last) { e.preventDefault(); first.focus(); }
  }

  function start() {
    const gpc = navigator.globalPrivacyControl === true || C.gpc === true;
    if (C.consentMode) gtag('consent', 'default', Object.assign(modes({}), { security_storage: 'granted', wait_for_update: 500 }));
    if (C.matomo) (w._paq = w._paq || []).push(['requireCookieConsent']);
    state = read();
    root = el('div', { class: 'charte-root' });
    status = el('p', { class: 'charte-sr', role: 'status' });
    d.body.append(el('aside', { class: 'charte charte-manage-box', 'aria-label': T.manage, lang: C.language },
      el('button', { type: 'button', id: 'charte-manage', class: 'charte-manage', 'data-charte-open': true }, T.manage), status));
    if (!state && gpc) {
      const none = {};
      CATS.forEach((c) => (none[c] = false));
      save('gpc', none, 'gpc', 'banner');
      notice = el('div', { id: 'charte-notice', class: 'charte charte-layer', role: 'region', 'aria-label': T.manage, lang: C.language },
        el('p', null, T.gpc), el('div', { class: 'charte-actions' }, btn('dismiss', T.close)));
      notice.querySelector('button').addEventListener('click', () => close(notice));
      root.prepend(notice);
    } else if (!state && shown.length) {
      root.prepend(buildBanner());
    }
    d.body.prepend(root);
    room();
    if (w.ResizeObserver) new ResizeObserver(room).observe(root);
    d.addEventListener('click', onClick);
    d.addEventListener('keydown', onKey);
    apply(null);
    flush();
  }

  w.Charte = {
    open,
    getConsent: consent,
    onChange: (fn) => { if (typeof fn === 'function') listeners.push(fn); }
  };

  /* Gated scripts are inert text until allowed, so applying GPC later than they parse is still "before they run". */
  const go = () => (d.body ? start() : d.addEventListener('DOMContentLoaded', start));
  /* The stylesheet comes inside this script, applied as a constructed sheet (no second request, and allowed by a
     strict style-src, unlike a <style> element); browsers without constructable sheets load banner.css. */
  let sheet = null;
  if (typeof css === 'string' && d.adoptedStyleSheets) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      d.adoptedStyleSheets = [...d.adoptedStyleSheets, sheet];
    } catch (e) { sheet = null; }
  }
  if (sheet || !C.css) go();
  else {
    const link = el('link', { rel: 'stylesheet', href: C.css });
    if (nonce) link.nonce = nonce;
    let done = false;
    const once = () => { if (!done) { done = true; go(); } };
    link.onload = link.onerror = once;
    setTimeout(once, 3000);
    d.head.append(link);
  }
})(/*CONFIG*/, /*STYLE*/);

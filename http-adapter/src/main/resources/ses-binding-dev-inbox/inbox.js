// The dev inbox: lists what each outbox kept and shows one email. Plain DOM, no framework.
// Everything from an email reaches this page as text (textContent), never as markup; an email's
// HTML only ever goes into the sandboxed frame's srcdoc.
'use strict';

const TOKEN_KEY = 'ses-binding.dapr-api-token';
const POLL_MS = 2000;
const LIST_LIMIT = 200;

const $ = (id) => document.getElementById(id);
const imagesAllowed = new Set();
let listSignature = '';
let listedOutbox = '';
let searchTimer = 0;
let currentEmail = null;
let outboxesSignature = '';
let pollFailed = false;

class TokenNeeded extends Error {}

/** A fetch of the JSON API, with the tab's token in its header; 401 asks for the token. */
async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    headers.set('dapr-api-token', token);
  }
  const response = await fetch(path, {
    ...options, headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
  });
  if (response.status === 401) {
    throw new TokenNeeded(token ? 'The server refused that token.' : '');
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      message = body.message || message;
    } catch (ignored) {
      // not Dapr's error shape: the status says it
    }
    throw new Error(message);
  }
  return response;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function showView(id) {
  for (const view of ['token-view', 'list-view', 'email-view']) {
    $(view).hidden = view !== id;
  }
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean)
    .map(decodeURIComponent);
  return { outbox: parts[0] || '', messageId: parts[1] || '' };
}

function emailHref(outbox, messageId) {
  return `#/${encodeURIComponent(outbox)}/${encodeURIComponent(messageId)}`;
}

function outboxPath(outbox) {
  return `/v1.0/outbox/${encodeURIComponent(outbox)}`;
}

function size(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

function formatTime(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

function time(iso) {
  const node = el('time', formatTime(iso));
  node.dateTime = iso;
  return node;
}

async function show() {
  showError('');
  try {
    const { outbox, messageId } = route();
    const outboxes = (await (await api('/v1.0/outbox')).json()).outboxes;
    renderOutboxes(outboxes, outbox);
    if (!outbox) {
      if (outboxes.length > 0) {
        location.replace(`#/${encodeURIComponent(outboxes[0].name)}`);
      } else {
        showError('No component keeps an outbox now.');
      }
      return;
    }
    if (messageId) {
      await showEmail(outbox, messageId);
    } else {
      showView('list-view');
      $('list-title').textContent = `Outbox ${outbox}`;
      if (outbox !== listedOutbox) { // another outbox's rows never linger
        $('emails').tBodies[0].replaceChildren();
        $('list-status').textContent = '';
        listedOutbox = outbox;
      }
      listSignature = '';
      await refreshList(outboxes);
    }
  } catch (e) {
    failed(e);
  }
}

function failed(e) {
  if (e instanceof TokenNeeded) {
    showView('token-view');
    $('token-error').textContent = e.message;
    $('token').focus();
  } else {
    showError(e.message);
  }
}

function renderOutboxes(outboxes, current) {
  const signature = JSON.stringify([current, outboxes.map((box) => [box.name, box.count])]);
  if (signature === outboxesSignature) {
    return;
  }
  outboxesSignature = signature;
  const nav = $('outboxes');
  nav.replaceChildren();
  for (const box of outboxes) {
    const link = el('a', `${box.name} (${box.count})`);
    link.href = `#/${encodeURIComponent(box.name)}`;
    if (box.name === current) {
      link.setAttribute('aria-current', 'page');
    }
    nav.append(link);
  }
}

/**
 * Reads the newest emails and the outboxes' counts (unless the caller just read them) and renders
 * them, only when something changed.
 */
async function refreshList(knownOutboxes) {
  const { outbox } = route();
  const search = $('search').value.trim();
  const query = new URLSearchParams({ limit: String(LIST_LIMIT) });
  if (search) {
    query.set('search', search);
  }
  const [page, outboxes] = await Promise.all([
    api(`${outboxPath(outbox)}/newest?${query}`).then((response) => response.json()),
    knownOutboxes
      || api('/v1.0/outbox').then((response) => response.json()).then((body) => body.outboxes),
  ]);
  renderOutboxes(outboxes, outbox);
  const signature = JSON.stringify([outbox, search, page.total, page.matched,
    page.emails.map((e) => e.messageId)]);
  if (signature === listSignature) {
    return;
  }
  listSignature = signature;
  renderList(outbox, search, page);
}

function renderList(outbox, search, page) {
  const rows = page.emails.map((email) => row(outbox, email));
  $('emails').tBodies[0].replaceChildren(...rows);
  let status;
  if (page.total === 0) {
    status = 'No emails yet. Send one through the bindings API and it appears here.';
  } else if (search) {
    status = `${page.matched} of ${page.total} emails match "${search}".`;
  } else {
    status = `${page.total} ${page.total === 1 ? 'email' : 'emails'}, newest first.`;
  }
  if (page.emails.length < page.matched) {
    status += ` Showing the newest ${page.emails.length}.`;
  }
  $('list-status').textContent = status;
  $('clear').disabled = page.total === 0;
}

function row(outbox, email) {
  const tr = document.createElement('tr');
  const when = el('td', undefined, 'time');
  when.append(time(email.sentAt));
  const recipients = el('td', undefined, 'recipients');
  recipients.append(recipientList(email));
  const subject = el('td', undefined, 'subject');
  const link = el('a', email.subject || (email.template ? `(template ${email.template})` : '(no subject)'));
  link.href = emailHref(outbox, email.messageId);
  subject.append(link);
  if (email.attachments > 0) {
    subject.append(el('span', ` · ${email.attachments} attached`, 'muted'));
  }
  const id = el('td', undefined, 'id');
  id.append(el('code', email.messageId));
  tr.append(when, el('td', email.from, 'from'), recipients, subject,
    el('td', size(email.size), 'size'), id);
  return tr;
}

/** To, Cc and Bcc as counts, expanding to every address. */
function recipientList(email) {
  const details = el('details');
  const counts = [['To', email.to], ['Cc', email.cc], ['Bcc', email.bcc]]
    .filter(([, list]) => list.length > 0);
  const first = email.to[0] || email.cc[0] || email.bcc[0] || '';
  const total = email.to.length + email.cc.length + email.bcc.length;
  const summary = el('summary', total > 1 ? `${first} +${total - 1}` : first);
  summary.append(el('span', counts.map(([name, list]) => `${name} ${list.length}`).join(' · '),
    'counts muted'));
  details.append(summary);
  const list = el('dl');
  for (const [name, addresses] of counts) {
    list.append(el('dt', `${name} (${addresses.length})`));
    for (const address of addresses) {
      list.append(el('dd', address));
    }
  }
  details.append(list);
  return details;
}

async function showEmail(outbox, messageId) {
  const email = await (await api(`${outboxPath(outbox)}/emails/${encodeURIComponent(messageId)}`))
    .json();
  currentEmail = { outbox, email };
  showView('email-view');
  $('back').href = `#/${encodeURIComponent(outbox)}`;
  $('email-subject').textContent = email.subject
    || (email.template ? `Template ${email.template}` : '(no subject)');
  renderHeaders(email);
  await renderBody(outbox, email);
  renderAttachments(outbox, email);
  $('download-eml').hidden = Boolean(email.template);
  $('main').focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function renderHeaders(email) {
  const rows = [
    ['From', email.from],
    ['To', email.to.join(', ')],
    ['Cc', email.cc.join(', ')],
    ['Bcc', email.bcc.join(', ')],
    ['Reply-To', email.replyTo.join(', ')],
    ['Subject', email.subject],
    ['Configuration set', email.configurationSet],
    ['Content type', email.structure ? email.structure.type : email.contentType],
    ['Tags', (email.tags || []).join(', ')],
    ['Return-Path', email.returnPath],
    ['List-Unsubscribe', email.listUnsubscribe
      ? `${email.listUnsubscribe}${email.listUnsubscribeOneClick ? ' (one-click)' : ''}` : ''],
    ['Message id', email.messageId],
    ['Sent', formatTime(email.sentAt)],
    ['Size', `about ${size(email.size)} encoded`],
  ];
  for (const [name, key] of [['Source ARN', 'sourceArn'], ['From ARN', 'fromArn'],
    ['Return-Path ARN', 'returnPathArn']]) {
    if (email[key]) {
      rows.push([name, email[key]]);
    }
  }
  if (email.template) {
    rows.push(['Template', email.template], ['Template data', email.templateData]);
  }
  const list = $('headers');
  list.replaceChildren();
  for (const [name, value] of rows) {
    const dt = el('dt', name);
    const dd = el('dd', value || '—');
    dd.dataset.header = name;
    list.append(dt, dd);
  }
  $('structure').replaceChildren(structureItem(email.structure || { type: email.contentType }));
}

/** One MIME part as a list item: its type, its file name, then its own parts. */
function structureItem(part) {
  const item = el('li', part.filename ? `${part.type} (${part.filename})` : part.type);
  if (part.type === 'template') {
    item.textContent = 'rendered by SES from the template\'s parts';
  }
  if (part.parts) {
    const parts = el('ul');
    part.parts.forEach((child) => parts.append(structureItem(child)));
    item.append(parts);
  }
  return item;
}

/** Attributes through which HTML loads an image or other resource from elsewhere. */
const REMOTE_ATTRIBUTES = ['src', 'srcset', 'background', 'poster', 'href', 'xlink:href'];

/** Whether the HTML would load anything from another host: what the images notice is about. */
function hasRemoteImages(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const remote = /(^|[\s,(])(https?:)?\/\//i;
  for (const node of doc.querySelectorAll('*')) {
    if (node.tagName === 'A' || node.tagName === 'AREA') {
      continue; // links are followed only when clicked, and the frame allows no navigation
    }
    for (const name of REMOTE_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value && remote.test(value.trim())) {
        return true;
      }
    }
    const style = node.getAttribute('style');
    if (style && /url\(\s*['"]?\s*(https?:)?\/\//i.test(style)) {
      return true;
    }
  }
  return [...doc.querySelectorAll('style')]
    .some((style) => /url\(\s*['"]?\s*(https?:)?\/\/|@import/i.test(style.textContent));
}

/** The email's own policy: nothing remote but, once allowed, images. */
function framePolicy(allowImages) {
  const images = allowImages ? 'img-src data: http: https:' : 'img-src data:';
  return `default-src 'none'; style-src 'unsafe-inline'; ${images}; font-src data:`;
}

/**
 * What the frame's sandbox and policies do not stop: elements that make a browser connect to a
 * host even when the load itself is then refused (a frame's navigation preconnects, link hints
 * such as preconnect and dns-prefetch), and a base or a refresh. They go before the HTML reaches
 * the frame; scripts and event handlers stay, and the sandbox keeps them from running.
 */
const CONNECTING = 'iframe, frame, frameset, object, embed, portal, fencedframe, link, base, '
  + 'meta[http-equiv]';

/** The email's HTML as the frame's document: inert (parsed, never run), then policy first. */
function frameDocument(html, allowImages) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll(CONNECTING).forEach((node) => node.remove());
  const policy = doc.createElement('meta');
  policy.httpEquiv = 'Content-Security-Policy';
  policy.content = framePolicy(allowImages);
  const referrer = doc.createElement('meta');
  referrer.name = 'referrer';
  referrer.content = 'no-referrer';
  doc.head.prepend(policy, referrer);
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}

async function renderBody(outbox, email) {
  $('template-note').hidden = !email.template;
  const html = email.contentType === 'text/html' && email.body ? email.body : '';
  $('html-part').hidden = !html;
  const text = email.contentType === 'text/html' ? (email.text || '') : email.body;
  $('text-part').hidden = !text;
  $('text-body').textContent = text || '';
  if (!html) {
    $('body-frame').srcdoc = '';
    return;
  }
  const allowed = imagesAllowed.has(email.messageId);
  $('images-bar').hidden = !hasRemoteImages(html);
  $('images-state').textContent = allowed
    ? 'Remote images are shown for this email.'
    : 'Remote images are blocked.';
  $('show-images').hidden = allowed;
  $('body-frame').srcdoc = frameDocument(await withInlineImages(outbox, email, html), allowed);
}

/** Replaces each cid: reference to an inline image with the image's bytes as a data: URL. */
async function withInlineImages(outbox, email, html) {
  let shown = html;
  const attachments = email.attachments || [];
  for (let i = 0; i < attachments.length; i++) {
    const attachment = attachments[i];
    if (!attachment.contentId || !/^image\/[\w.+-]+$/i.test(attachment.contentType)) {
      continue;
    }
    const bytes = await (await api(attachmentPath(outbox, email, i))).blob();
    const url = await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(new Blob([bytes], { type: attachment.contentType }));
    });
    shown = shown.split(`cid:${attachment.contentId}`).join(url);
  }
  return shown;
}

function attachmentPath(outbox, email, index) {
  return `${outboxPath(outbox)}/emails/${encodeURIComponent(email.messageId)}/attachments/${index}`;
}

function renderAttachments(outbox, email) {
  const attachments = email.attachments || [];
  $('attachments-part').hidden = attachments.length === 0;
  const list = $('attachments');
  list.replaceChildren();
  attachments.forEach((attachment, index) => {
    const item = el('li');
    const button = el('button', `Download ${attachment.filename}`);
    button.type = 'button';
    button.addEventListener('click', () => download(attachmentPath(outbox, email, index),
      attachment.filename));
    item.append(button, el('span',
      ` ${attachment.contentType}, ${size(attachment.size)}`
      + (attachment.contentId ? `, inline as cid:${attachment.contentId}` : ''), 'muted'));
    list.append(item);
  });
}

/** Saves what a data call answers as a file: the token stays in a header, never in a URL. */
async function download(path, filename) {
  try {
    const blob = await (await api(path)).blob();
    const url = URL.createObjectURL(blob);
    const link = el('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    failed(e);
  }
}

function start() {
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token').value);
    $('token').value = '';
    $('token-error').textContent = '';
    show();
  });
  $('search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => refreshList().catch(failed), 200);
  });
  $('clear').addEventListener('click', async () => {
    try {
      await api(outboxPath(route().outbox), { method: 'DELETE' });
      await show();
    } catch (e) {
      failed(e);
    }
  });
  $('show-images').addEventListener('click', async () => {
    if (currentEmail) {
      imagesAllowed.add(currentEmail.email.messageId);
      await renderBody(currentEmail.outbox, currentEmail.email).catch(failed);
      $('body-frame').focus();
    }
  });
  $('download-eml').addEventListener('click', () => {
    if (currentEmail) {
      const { outbox, email } = currentEmail;
      download(`${outboxPath(outbox)}/emails/${encodeURIComponent(email.messageId)}/eml`,
        `${email.messageId}.eml`);
    }
  });
  window.addEventListener('hashchange', show);
  setInterval(() => {
    if (!$('list-view').hidden && !document.hidden) {
      refreshList()
        .then(() => {
          if (pollFailed) { // the server is back: its error no longer holds
            pollFailed = false;
            showError('');
          }
        })
        .catch((e) => {
          pollFailed = true;
          failed(e);
        });
    }
  }, POLL_MS);
  show();
}

start();

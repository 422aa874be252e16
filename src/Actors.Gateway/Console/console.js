// The support console: sign in with a bearer token, open an actor, scrub its checkpoints, compare, rewind.
import { ApiProblem, token, me, batch, historyHeaders, checkpoints as loadCheckpoints, activity as loadActivity, audit as loadAudit } from "./api.js";
import { EDGES, diffStates } from "./diff.js";
import { $, el, formatTime, formatCommand, renderValue, setErasedFields } from "./render.js";

const PERMISSIONS = ["read", "write", "rewind", "rewind:preview", "pii", "erase"];

const view = {
  me: null, // { principal, permissions: { order: ["read", ...], ... } }
  type: null,
  id: null,
  checkpoints: [], // earliest first
  now: null, // the current state
  deletedNote: null, // set when the actor is deleted: the server's 410 detail
  states: new Map(), // version -> the state then
  tiers: new Map(), // version -> the tier that served it ("hot" or "archive")
  start: null, // where history starts: { version, timestamp } (version > 1 after a pruning)
  selected: -1,
  opening: 0, // increments per opened actor; answers for an older one are dropped
  loading: 0, // the same per selected checkpoint
};

const can = (type, permission) => (view.me?.permissions?.[type] || []).includes(permission);
const latest = () => view.checkpoints[view.checkpoints.length - 1];

// ---- problems and notices -------------------------------------------------------------------

function problemOf(error) {
  return error instanceof ApiProblem ? error.problem : { title: "The console failed", detail: String(error?.message ?? error) };
}

function showProblem(error) {
  const problem = problemOf(error);
  $("problem-title").textContent = problem.title || "Error";
  $("problem-detail").textContent = problem.detail || "";
  $("problem").dataset.status = String(error?.status ?? "");
  $("problem").hidden = false;
}

function clearMessages() {
  $("problem").hidden = true;
  $("notice").hidden = true;
}

function notice(text) {
  $("notice").textContent = text;
  $("notice").hidden = false;
}

// ---- signing in -------------------------------------------------------------------------------

function showSignIn() {
  view.me = null;
  for (const id of ["who", "home", "actor"]) {
    $(id).hidden = true;
  }
  $("sign-in").hidden = false;
  $("token-input").focus();
}

async function signIn(event) {
  event.preventDefault();
  const value = $("token-input").value.trim();
  clearMessages();
  try {
    view.me = await me(value);
  } catch (e) {
    showProblem(e);
    return;
  }
  token.set(value);
  $("token-input").value = "";
  signedIn();
  await route();
}

function signOut() {
  token.clear();
  clearMessages();
  history.replaceState(null, "", location.pathname);
  showSignIn();
}

function signedIn() {
  $("sign-in").hidden = true;
  $("who").hidden = false;
  $("principal").textContent = view.me.principal;
  renderPermissions();
  $("home").hidden = false;
}

function renderPermissions() {
  const types = Object.keys(view.me.permissions);
  const head = $("permissions-table").tHead.rows[0];
  head.replaceChildren(el("th", { scope: "col" }, "type"), ...PERMISSIONS.map((p) => el("th", { scope: "col" }, p)));
  $("permissions-table").tBodies[0].replaceChildren(...types.map((type) => el("tr", { dataset: { type } },
    el("th", { scope: "row" }, type),
    ...PERMISSIONS.map((p) => can(type, p)
      ? el("td", { class: "yes", "aria-label": "yes" }, "✓")
      : el("td", { class: "no", "aria-label": "no" }, "·")))));

  // One line that says what the token may do, without opening the table.
  const held = types.map((type) => PERMISSIONS.filter((p) => can(type, p)).join(", ") || "nothing");
  $("permissions-summary").textContent = new Set(held).size === 1
    ? `${held[0]} on every actor type`
    : types.map((type, i) => `${type}: ${held[i]}`).join(" · ");

  const select = $("type-select");
  const chosen = select.value;
  select.replaceChildren(...types.map((type) => el("option", { value: type, disabled: !can(type, "read") },
    can(type, "read") ? type : `${type} (no read permission)`)));
  const readable = types.filter((type) => can(type, "read"));
  select.value = readable.includes(chosen) ? chosen : readable[0] || "";
  $("permissions").open = readable.length === 0 || !parseHash();
}

// ---- opening an actor -------------------------------------------------------------------------

function parseHash() {
  const match = /^#\/([^/]+)\/(.+)$/.exec(location.hash);
  return match ? { type: decodeURIComponent(match[1]), id: decodeURIComponent(match[2]) } : null;
}

async function route() {
  if (!view.me) {
    return;
  }
  const target = parseHash();
  if (!target) {
    $("actor").hidden = true;
    return;
  }
  $("type-select").value = target.type;
  $("id-input").value = target.id;
  await openActor(target.type, target.id);
}

function openFromForm(event) {
  event.preventDefault();
  const hash = `#/${encodeURIComponent($("type-select").value)}/${encodeURIComponent($("id-input").value.trim())}`;
  if (location.hash === hash) {
    route();
  } else {
    location.hash = hash;
  }
}

function queryMessage(type) {
  const navigate = Object.keys(EDGES[type] || {}).map((edge) => ({ edge, node: {} }));
  return { type: "query", body: { query: navigate.length > 0 ? { navigate } : {} } };
}

async function currentState(type, id, checkpoints) {
  try {
    return { state: await batch(type, id, [queryMessage(type)]), deletedNote: null };
  } catch (e) {
    // A deleted actor answers 410 to query, but its history (getState) can still be read.
    if (e instanceof ApiProblem && e.status === 410 && checkpoints.length > 0) {
      const version = checkpoints[checkpoints.length - 1].version;
      return { state: await batch(type, id, [{ type: "getState", body: { version } }]), deletedNote: e.problem.detail };
    }
    throw e;
  }
}

async function openActor(type, id, { select: selectVersion } = {}) {
  clearMessages();
  const ticket = ++view.opening;
  document.body.dataset.actor = "loading";
  let checkpoints;
  let current;
  try {
    checkpoints = await loadCheckpoints(type, id);
    view.start = { version: historyHeaders.earliestVersion, timestamp: historyHeaders.earliestTimestamp };
    current = await currentState(type, id, checkpoints);
  } catch (e) {
    if (ticket === view.opening) {
      $("actor").hidden = true;
      document.body.dataset.actor = "error";
      showProblem(e);
    }
    return false;
  }
  if (ticket !== view.opening) {
    return false;
  }

  Object.assign(view, { type, id, checkpoints, now: current.state, deletedNote: current.deletedNote, states: new Map(), tiers: new Map(), selected: -1 });
  setErasedFields(checkpoints.flatMap((c) => (c.operation === "ERASE" ? c.metadata?.erase?.fields || [] : [])));
  $("actor-title").replaceChildren(el("span", { class: "type" }, type), " ", el("span", { class: "id" }, id));
  document.title = `${type} ${id} · Actors console`;
  if (current.deletedNote) {
    notice(current.deletedNote);
  }
  renderTimeline();
  renderHistoryStart();
  $("permissions").open = false;
  $("actor").hidden = false;
  document.body.dataset.actor = "ready";
  const index = checkpoints.findIndex((c) => c.version === selectVersion);
  select(index >= 0 ? index : checkpoints.length - 1);
  loadHistoryPanels(ticket, type, id, checkpoints);
  return true;
}

// ---- the timeline -----------------------------------------------------------------------------

/** Where the actor's history starts: shown when older history was pruned (its checkpoints before it are gone). */
function renderHistoryStart() {
  const start = view.start;
  const note = $("history-start");
  note.hidden = !(start?.version > 1);
  note.textContent = note.hidden ? "" : `History starts at v${start.version}${start.timestamp ? ` (${formatTime(start.timestamp)})` : ""}: earlier versions were pruned.`;
}

function renderTimeline() {
  $("timeline").replaceChildren(...view.checkpoints.map((cp, index) => {
    const operation = cp.operation || "UPDATE";
    const target = cp.metadata?.rewind;
    const item = el("li", {
      role: "option",
      id: `cp-${cp.version}`,
      class: `checkpoint op-${operation.toLowerCase()}`,
      dataset: { version: String(cp.version), operation },
      "aria-selected": "false",
    },
    el("div", { class: "line" },
      el("span", { class: "version" }, `v${cp.version}`),
      el("span", { class: "operation" }, operation),
      operation === "REWIND" && target ? el("span", { class: "target" }, `to v${target.version}`) : null,
      operation === "ERASE" ? el("span", { class: "target" }, (cp.metadata?.erase?.fields || []).join(", ") || "no personal fields") : null,
      el("span", { class: "principal" }, cp.principal ?? "")),
    el("time", { datetime: cp.timestamp, title: cp.timestamp }, formatTime(cp.timestamp)),
    el("ul", { class: "commands" }, (cp.metadata?.commands || []).map((c) => el("li", {}, formatCommand(c)))),
    cp.reason ? el("p", { class: "reason" }, `“${cp.reason}”`) : null);
    item.addEventListener("click", () => select(index));
    return item;
  }));
}

function step(event) {
  if ($("actor").hidden || event.altKey || event.ctrlKey || event.metaKey || view.checkpoints.length === 0) {
    return;
  }
  if (event.target instanceof Element && event.target.closest("input, textarea, select")) {
    return;
  }
  const last = view.checkpoints.length - 1;
  const moves = { ArrowUp: view.selected - 1, ArrowLeft: view.selected - 1, ArrowDown: view.selected + 1, ArrowRight: view.selected + 1, Home: 0, End: last };
  if (!(event.key in moves)) {
    return;
  }
  event.preventDefault();
  select(Math.min(last, Math.max(0, moves[event.key])));
}

async function select(index) {
  const cp = view.checkpoints[index];
  if (!cp) {
    return;
  }
  view.selected = index;
  for (const item of $("timeline").children) {
    const on = item.dataset.version === String(cp.version);
    item.setAttribute("aria-selected", String(on));
    item.classList.toggle("selected", on);
  }
  $("timeline").setAttribute("aria-activedescendant", `cp-${cp.version}`);
  $(`cp-${cp.version}`).scrollIntoView({ block: "nearest" });
  renderRewindControls(cp);

  const ticket = ++view.loading;
  const panel = $("state-panel");
  panel.dataset.version = String(cp.version);
  panel.dataset.status = "loading";
  $("state-summary").textContent = `Loading the state at v${cp.version}…`;
  let then;
  try {
    then = await stateAt(cp.version);
  } catch (e) {
    if (ticket === view.loading) {
      panel.dataset.status = "error";
      $("state-summary").textContent = `The state at v${cp.version} could not be read.`;
      showProblem(e);
    }
    return;
  }
  if (ticket === view.loading) {
    renderState(cp, then);
    if (view.tiers.get(cp.version) === "archive") {
      $("state-summary").append(" Read from the archive tier.");
    }
    panel.dataset.tier = view.tiers.get(cp.version) ?? "hot";
    panel.dataset.status = "ready";
  }
}

/** The state at a version: a preview (rewind, then query) with rewind:preview, else getState; each read once. */
async function stateAt(version) {
  if (version === latest().version) {
    return view.now;
  }
  if (!view.states.has(version)) {
    view.states.set(version, await readStateAt(version));
    view.tiers.set(version, historyHeaders.tier);
  }
  return view.states.get(version);
}

async function readStateAt(version) {
  if (can(view.type, "rewind:preview")) {
    try {
      const state = await batch(view.type, view.id, [{ type: "rewind", body: { version } }, queryMessage(view.type)], { preview: true });
      // The preview's query counts the (discarded) rewind checkpoint; show the version looked at.
      return { ...state, version };
    } catch (e) {
      if (!(e instanceof ApiProblem && e.status === 410)) {
        throw e;
      }
      // Deleted at that version: query refuses, getState still answers.
    }
  }
  return batch(view.type, view.id, [{ type: "getState", body: { version } }]);
}

// ---- state and diff ---------------------------------------------------------------------------

function renderState(cp, then) {
  const now = view.now;
  const current = latest();
  const isNow = cp.version === current.version;
  const changes = isNow ? [] : diffStates(then, now, view.type);
  const changed = new Set(changes.map((c) => c.field));

  $("state-heading").textContent = isNow ? `State now (v${cp.version})` : `State at v${cp.version}, and now (v${current.version})`;
  $("then-heading").textContent = `at v${cp.version}`;
  $("state-table").classList.toggle("single", isNow);
  $("state-summary").textContent = isNow
    ? `This is the latest checkpoint, ${formatTime(cp.timestamp)}.`
    : changes.length === 0
      ? `No field differs between v${cp.version} (${formatTime(cp.timestamp)}) and now.`
      : `${changed.size === 1 ? "1 field differs" : `${changed.size} fields differ`} between v${cp.version} (${formatTime(cp.timestamp)}) and now.`;

  const fields = [...new Set([...Object.keys(now || {}), ...Object.keys(then || {})])];
  $("state-table").tBodies[0].replaceChildren(...fields.map((field) => el("tr", {
    class: changed.has(field) ? "changed" : "",
    dataset: { field },
  },
  el("th", { scope: "row" }, field, changed.has(field) ? el("span", { class: "badge" }, "changed") : null),
  el("td", { class: "then", dataset: { label: `at v${cp.version}` } }, renderValue(then?.[field], field)),
  el("td", { class: "now", dataset: { label: "now" } }, renderValue(now?.[field], field)))));

  $("diff").hidden = changes.length === 0;
  $("diff-heading").textContent = `Changes from v${cp.version} to now`;
  $("diff-list").replaceChildren(...changes.map((c) => el("li", { class: `change ${c.kind}`, dataset: { path: c.path } },
    el("code", {}, c.path), " ",
    el("span", { class: "kind" }, c.kind), " ",
    el("span", { class: "from" }, renderValue(c.then, c.path)), " → ",
    el("span", { class: "to" }, renderValue(c.now, c.path)))));
}

// ---- rewind -----------------------------------------------------------------------------------

function renderRewindControls(cp) {
  const allowed = can(view.type, "rewind");
  const isNow = cp.version === latest().version;
  $("rewind-button").hidden = !allowed || isNow;
  $("rewind-button").textContent = `Rewind to v${cp.version}…`;
  $("rewind-form").hidden = true;
  $("rewind-problem").hidden = true;
  const note = $("rewind-note");
  note.hidden = allowed;
  note.textContent = can(view.type, "rewind:preview")
    ? `Preview only: this token may look at past states of ${view.type} actors but not rewind them.`
    : `Read only: past states come from the journal (getState); this token may not rewind ${view.type} actors.`;
}

function openRewindForm() {
  $("rewind-form").hidden = false;
  $("rewind-problem").hidden = true;
  $("rewind-confirm").textContent = `Rewind to v${view.checkpoints[view.selected].version}`;
  $("rewind-reason").focus();
}

async function rewind(event) {
  event.preventDefault();
  const reason = $("rewind-reason").value.trim();
  const problem = $("rewind-problem");
  if (!reason) {
    problem.textContent = "Give a reason: it is stored with the rewind checkpoint.";
    problem.hidden = false;
    return;
  }
  const target = view.checkpoints[view.selected];
  const { type, id } = view;
  $("rewind-confirm").disabled = true;
  try {
    const result = await batch(type, id, [{ type: "rewind", body: { version: target.version, reason } }]);
    $("rewind-reason").value = "";
    if (await openActor(type, id)) {
      notice(`Rewound ${type} ${id} to v${target.version}: the new checkpoint v${result.version} undid ${result.checkpointsAffected} checkpoint${result.checkpointsAffected === 1 ? "" : "s"}.`);
    }
  } catch (e) {
    const p = problemOf(e);
    problem.textContent = p.detail || p.title;
    problem.hidden = false;
  } finally {
    $("rewind-confirm").disabled = false;
  }
}

// ---- activity and audit -----------------------------------------------------------------------

async function loadHistoryPanels(ticket, type, id, checkpoints) {
  const activity = $("activity");
  activity.dataset.status = "loading";
  try {
    const entries = await loadActivity(type, id, checkpoints);
    if (ticket !== view.opening) {
      return;
    }
    activity.replaceChildren(...entries.map((entry) => el("li", {},
      el("time", { datetime: entry.timestamp, title: entry.timestamp }, formatTime(entry.timestamp)),
      el("span", { class: "principal" }, entry.principal ?? ""),
      el("span", { class: "message" }, entry.message))));
    activity.dataset.status = "ready";
  } catch (e) {
    if (ticket === view.opening) {
      activity.replaceChildren(el("li", { class: "problem" }, problemOf(e).detail));
      activity.dataset.status = "error";
    }
  }

  const panel = $("audit-panel");
  try {
    const entries = await loadAudit(type, id);
    if (ticket !== view.opening) {
      return;
    }
    // No audit endpoint on this silo (404): the panel stays out of the way.
    panel.hidden = entries === null;
    $("audit-problem").hidden = true;
    $("audit").tBodies[0].replaceChildren(...(entries || []).map((entry) => el("tr", {},
      el("td", {}, el("time", { datetime: entry.timestamp, title: entry.timestamp }, formatTime(entry.timestamp))),
      el("td", {}, entry.principal ?? ""),
      el("td", {}, entry.operation ?? ""),
      el("td", {}, entry.reason ?? ""))));
    if (entries?.length === 0) {
      $("audit").tBodies[0].append(el("tr", {}, el("td", { colSpan: 4, class: "null" }, "No rewinds, restores, previews or exports of this actor are audited yet.")));
    }
    panel.dataset.status = entries === null ? "absent" : "ready";
  } catch (e) {
    if (ticket === view.opening) {
      panel.hidden = false;
      $("audit-problem").textContent = problemOf(e).detail;
      $("audit-problem").hidden = false;
      panel.dataset.status = "error";
    }
  }
}

// ---- start ------------------------------------------------------------------------------------

async function start() {
  $("token-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  $("open-form").addEventListener("submit", openFromForm);
  $("rewind-button").addEventListener("click", openRewindForm);
  $("rewind-cancel").addEventListener("click", () => { $("rewind-form").hidden = true; });
  $("rewind-form").addEventListener("submit", rewind);
  document.addEventListener("keydown", step);
  window.addEventListener("hashchange", route);

  const saved = token.get();
  if (!saved) {
    showSignIn();
    return;
  }
  try {
    view.me = await me(saved);
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 401) {
      token.clear();
    }
    showSignIn();
    showProblem(e);
    return;
  }
  signedIn();
  await route();
}

start();

// Builds DOM from server data. Every value goes in as text (never as HTML), so no answer can inject markup.

export const $ = (id) => document.getElementById(id);

const ATTRIBUTES = new Set(["role", "title", "scope", "datetime", "tabindex"]);

/** <c>el("li", { class, dataset, "aria-x", ... }, ...children)</c>; strings become text nodes. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") {
      node.className = value;
    } else if (key === "dataset") {
      Object.assign(node.dataset, value);
    } else if (key.startsWith("aria-") || ATTRIBUTES.has(key)) {
      node.setAttribute(key, value);
    } else {
      node[key] = value;
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** <c>2026-11-20T23:34:10.919881Z</c> as <c>2026-11-20 23:34:10 UTC</c>: auditors compare times across zones. */
export function formatTime(timestamp) {
  if (typeof timestamp !== "string") {
    return "";
  }
  return timestamp.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
}

const scalar = (value) => (typeof value === "string" ? value : JSON.stringify(value));

// Personal fields an ERASE checkpoint of the open actor erased: their earlier values read as null from the server, for
// every token, and show as "erased" (a value written after the erasure shows as usual).
let erased = new Set();

/** Names the fields the open actor's ERASE checkpoints erased (<c>metadata.erase.fields</c>). */
export function setErasedFields(fields) {
  erased = new Set(fields);
}

const erasedValue = () => el("span", { class: "erased", title: "erased: the personal data was erased and cannot be read by anyone" }, "erased");

/** A command of <c>metadata.commands</c>, <c>{type, ...body}</c>, as <c>addOrderLine sku=TSHIRT quantity=2</c>. */
export function formatCommand(command) {
  const { type, ...body } = command;
  return el("span", { class: "command" },
    el("code", {}, type),
    ...Object.entries(body).map(([key, value]) => [" ", el("span", { class: "arg" }, `${key}=`, value === null && erased.has(key) ? erasedValue() : el("span", { class: isMasked(value) ? "masked" : "" }, scalar(value)))]));
}

// The server masks sensitive fields (payment cardNumber) as ****1234 unless the token has :pii.
const isMasked = (value) => typeof value === "string" && /^\*{4}/.test(value);

/** A field's value: scalars as text, lists as chips, maps as key/value lists, edges as small tables. */
export function renderValue(value, field) {
  if ((value === null || value === undefined) && erased.has(field)) {
    return erasedValue();
  }
  if (value === null || value === undefined) {
    return el("span", { class: "null", title: value === null ? "null" : "absent" }, "—");
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return el("span", { class: "null" }, "none");
    }
    if (value.every((v) => v !== null && typeof v === "object" && !Array.isArray(v))) {
      return nodesTable(value, field);
    }
    return el("span", { class: "chips" }, value.map((v) => el("span", { class: "chip" }, scalar(v))));
  }
  if (typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      return el("span", { class: "null" }, "none");
    }
    return el("dl", { class: "map" }, entries.map(([k, v]) => [el("dt", {}, k), el("dd", {}, renderValue(v, `${field}.${k}`))]));
  }
  if (isMasked(value)) {
    return el("span", { class: "masked", title: "masked by the server: needs the pii permission" }, value);
  }
  return el("span", { class: typeof value }, scalar(value));
}

function nodesTable(nodes, field) {
  const columns = [...new Set(nodes.flatMap((n) => Object.keys(n)))];
  return el("div", { class: "nodes-scroll" }, el("table", { class: "nodes", dataset: { edge: String(field) } },
    el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col" }, c)))),
    el("tbody", {}, nodes.map((n) => el("tr", {}, columns.map((c) => el("td", {}, renderValue(n[c], `${field}.${c}`))))))));
}

// Talks to the silo: one bearer token, JSON batches, and problem+json answers turned into ApiProblem.

const TOKEN_KEY = "actors.console.token";

/** An answer the server refused, carrying its problem+json (RFC 9457) or what could be made of the answer. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** The token for this browser tab: sessionStorage only, so it is gone when the tab closes. */
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/**
 * What the last answer that read history said about it: the tier that served it (Actors-History-Tier: hot | archive)
 * and where the actor's readable history starts (Actors-History-Earliest-Version / -Timestamp), when it said so.
 */
export const historyHeaders = { tier: null, earliestVersion: null, earliestTimestamp: null };

function noteHistory(response) {
  historyHeaders.tier = response.headers.get("Actors-History-Tier");
  const earliest = response.headers.get("Actors-History-Earliest-Version");
  if (earliest !== null) {
    historyHeaders.earliestVersion = Number(earliest);
    historyHeaders.earliestTimestamp = response.headers.get("Actors-History-Earliest-Timestamp");
  }
}

async function request(method, path, body, bearer = token.get()) {
  const headers = { Accept: "application/json" };
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }

  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" });
  } catch (e) {
    throw new ApiProblem(0, { title: "The silo did not answer", detail: `${e.message}. Is the server running?` });
  }

  noteHistory(response);
  const type = response.headers.get("Content-Type") || "";
  const text = await response.text();
  let json = null;
  if (type.includes("json") && text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }

  if (!response.ok) {
    const problem = json && typeof json === "object" && !Array.isArray(json)
      ? json
      : { title: `HTTP ${response.status} ${response.statusText}`, detail: text.slice(0, 300) };
    throw new ApiProblem(response.status, problem);
  }

  return json;
}

/** <c>GET /resources/me</c>: principal and permissions per actor type. */
export const me = (bearer) => request("GET", "/resources/me", undefined, bearer);

/** Posts a batch of messages to one actor; <c>preview</c> runs it on a discarded copy. */
export const batch = (type, id, messages, { preview = false } = {}) =>
  request("POST", `/resources/actors/${encodeURIComponent(type)}/${encodeURIComponent(id)}${preview ? "?preview" : ""}`, messages);

const PAGE_SIZE = 1000;

/** Every checkpoint of the actor still readable (from where its history starts), earliest first, a page of 1000 at a time. */
export async function checkpoints(type, id) {
  const entries = [];
  historyHeaders.earliestVersion = null;
  historyHeaders.earliestTimestamp = null;
  for (;;) {
    const last = entries[entries.length - 1];
    const body = last ? { limit: PAGE_SIZE, after: last.checkpointId } : { limit: PAGE_SIZE };
    const page = await batch(type, id, [{ type: "getCheckpoints", body }]);
    entries.push(...page);
    if (page.length < PAGE_SIZE) {
      return entries;
    }
  }
}

/** The activity log, one entry per checkpoint; paged with the checkpoints' ids, since entries carry none. */
export async function activity(type, id, knownCheckpoints) {
  const entries = [];
  for (;;) {
    const last = knownCheckpoints[entries.length - 1];
    const body = entries.length > 0 && last ? { limit: PAGE_SIZE, after: last.checkpointId } : { limit: PAGE_SIZE };
    const page = await batch(type, id, [{ type: "getActivityLog", body }]);
    entries.push(...page);
    if (page.length < PAGE_SIZE || entries.length >= knownCheckpoints.length) {
      return entries;
    }
  }
}

/** The audit entries of one actor, or null when this silo has no audit endpoint (404). */
export async function audit(type, id) {
  const entries = [];
  let cursor;
  try {
    for (;;) {
      const query = new URLSearchParams({ actorType: type, actorId: id, limit: String(PAGE_SIZE) });
      if (cursor) {
        query.set("cursor", cursor);
      }
      const answer = await request("GET", `/resources/audit?${query}`);
      entries.push(...(Array.isArray(answer?.data) ? answer.data : []));
      cursor = answer?.nextCursor;
      if (!cursor) {
        return entries;
      }
    }
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 404) {
      return null;
    }
    throw e;
  }
}

// Compares two states of one actor, field by field, in the browser.

/** The id field of each edge's nodes, so nodes are matched by id rather than by position. */
export const EDGES = {
  order: { lines: "orderLineId", deliveries: "deliveryId" },
  ticket: { comments: "commentId" },
};

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Deep equality of JSON values; object member order does not matter. */
export function same(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return a === b || (a === undefined && b === null) || (a === null && b === undefined);
}

/**
 * The differences from <c>then</c> to <c>now</c>: [{ path, field, kind: "added" | "removed" | "changed", then, now }].
 * Nodes of a known edge are matched by their id (<c>lines[l1].quantity</c>); other arrays compare whole.
 * <c>ignore</c> names top-level fields left out (such as <c>version</c>, which always differs).
 */
export function diffStates(then, now, type, ignore = ["version"]) {
  const changes = [];
  const edges = EDGES[type] || {};
  const fields = new Set([...Object.keys(then || {}), ...Object.keys(now || {})]);
  for (const field of fields) {
    if (ignore.includes(field)) {
      continue;
    }
    const a = then ? then[field] : undefined;
    const b = now ? now[field] : undefined;
    if (edges[field] && (Array.isArray(a) || Array.isArray(b))) {
      diffNodes(field, edges[field], a || [], b || [], changes);
    } else {
      diffValue(field, field, a, b, changes);
    }
  }
  return changes;
}

function diffNodes(field, idField, then, now, changes) {
  const before = new Map(then.map((n) => [n[idField], n]));
  const after = new Map(now.map((n) => [n[idField], n]));
  for (const [id, node] of before) {
    const path = `${field}[${id}]`;
    if (!after.has(id)) {
      changes.push({ path, field, kind: "removed", then: node, now: undefined });
    } else {
      diffValue(field, path, node, after.get(id), changes);
    }
  }
  for (const [id, node] of after) {
    if (!before.has(id)) {
      changes.push({ path: `${field}[${id}]`, field, kind: "added", then: undefined, now: node });
    }
  }
}

function diffValue(field, path, a, b, changes) {
  if (same(a, b)) {
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      diffValue(field, `${path}.${key}`, a[key], b[key], changes);
    }
    return;
  }
  const kind = a === undefined || a === null ? "added" : b === undefined || b === null ? "removed" : "changed";
  changes.push({ path, field, kind, then: a, now: b });
}

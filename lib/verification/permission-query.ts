/**
 * Unkey's permission query for keys.verifyKey: permission names combined with AND / OR and
 * parentheses, e.g. `(documents.read OR documents.write) AND users.view`. AND binds tighter than
 * OR. Operators are case-insensitive. Names match exactly (a held `*` holds everything).
 */
export type PermissionQuery = { op: "and" | "or"; args: PermissionQuery[] } | { op: "perm"; name: string };

export class PermissionQueryError extends Error {}

const NAME = /^[A-Za-z0-9_.:*\-]+$/;

function tokenize(query: string): string[] {
  const tokens = query.match(/\(|\)|[^\s()]+/g) ?? [];
  return tokens;
}

export function parsePermissionQuery(query: string): PermissionQuery {
  if (query.length > 1000) throw new PermissionQueryError("The permission query is longer than 1000 characters.");
  const tokens = tokenize(query);
  let pos = 0;
  let depth = 0;
  const peek = () => tokens[pos];
  const isOp = (t: string | undefined, op: string) => t !== undefined && t.toUpperCase() === op;

  function parseOr(): PermissionQuery {
    const args = [parseAnd()];
    while (isOp(peek(), "OR")) {
      pos++;
      args.push(parseAnd());
    }
    return args.length === 1 ? args[0]! : { op: "or", args };
  }
  function parseAnd(): PermissionQuery {
    const args = [parseTerm()];
    while (isOp(peek(), "AND")) {
      pos++;
      args.push(parseTerm());
    }
    return args.length === 1 ? args[0]! : { op: "and", args };
  }
  function parseTerm(): PermissionQuery {
    const t = tokens[pos++];
    if (t === undefined) throw new PermissionQueryError("The permission query ends where a permission was expected.");
    if (t === "(") {
      if (++depth > 20) throw new PermissionQueryError("The permission query nests parentheses too deeply.");
      const inner = parseOr();
      if (tokens[pos++] !== ")") throw new PermissionQueryError("A parenthesis in the permission query is not closed.");
      depth--;
      return inner;
    }
    if (t === ")" || isOp(t, "AND") || isOp(t, "OR")) throw new PermissionQueryError(`Unexpected "${t}" in the permission query.`);
    if (!NAME.test(t)) throw new PermissionQueryError(`"${t}" is not a valid permission name.`);
    return { op: "perm", name: t };
  }

  if (tokens.length === 0) throw new PermissionQueryError("The permission query is empty.");
  const tree = parseOr();
  if (pos !== tokens.length) throw new PermissionQueryError(`Unexpected "${tokens[pos]}" in the permission query.`);
  return tree;
}

export function evaluatePermissionQuery(q: PermissionQuery, held: readonly string[]): boolean {
  switch (q.op) {
    case "perm":
      return held.includes(q.name) || held.includes("*");
    case "and":
      return q.args.every((a) => evaluatePermissionQuery(a, held));
    case "or":
      return q.args.some((a) => evaluatePermissionQuery(a, held));
  }
}

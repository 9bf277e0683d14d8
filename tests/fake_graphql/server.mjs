// The fake GitHub's GraphQL engine: graphql-js runs the real query text
// against GitHub's published schema (@octokit/graphql-schema); resolvers read
// the fake's generated pull requests back from it over loopback
// (tests/fake_github/graphql_data.hpp, in batches), so GraphQL and REST
// serve the same data. The C++ fake does authentication, budgets and faults
// (graphql_endpoint.cpp) and calls:
//   POST /plan     {query, variables, operationName}
//                  -> {errors} (GitHub's refusal: syntax, schema, first/last, node limit)
//                  or {cost, nodeCount, largestPage, mutation}
//   POST /execute  {query, variables, operationName, rateLimit, requestId, inject?}
//                  -> the GraphQL response body
//   node server.mjs NODE_MODULES_DIR DATA_BASE_URL     (secret in FAKE_GRAPHQL_SECRET)
// Prints "listening PORT" once ready; exits when stdin closes.
import http from "node:http";
import { analyzeOperation, loadGraphql } from "./github-rules.mjs";

const [modulesDir, dataUrl] = process.argv.slice(2);
const secret = process.env.FAKE_GRAPHQL_SECRET || "";
const { graphql, schema } = loadGraphql(modulesDir);
const { GraphQLError } = graphql;

// ---- the fake's data -------------------------------------------------------

// A few kept-alive connections: the fake's HTTP server spends a thread on
// each open connection, so an unbounded pool would starve its other clients.
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function post(path, text) {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(`${dataUrl}${path}`), {
      method: "POST",
      agent,
      headers: {
        "x-fake-graphql-secret": secret,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
      },
    }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        if (response.statusCode !== 200) return reject(new Error(`fake data: HTTP ${response.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch (error) {
          reject(error);
        }
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(text);
  });
}

// Data calls made in the same turn of the event loop (graphql-js resolves
// sibling fields and list items together) go out as one batch.
let queue = [];
function data(what, params) {
  const clean = Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));
  return new Promise((resolve, reject) => {
    if (queue.length === 0) setImmediate(flush);
    queue.push({ call: { what, params: clean }, resolve, reject });
  });
}
async function flush() {
  const batch = queue;
  queue = [];
  try {
    const replies = await post("/_fake_internal/graphql/batch", JSON.stringify(batch.map((b) => b.call)));
    batch.forEach((entry, i) => {
      const reply = replies[i];
      if (reply.status === 404) entry.resolve(null);
      else if (reply.status !== 200) entry.reject(new Error(`fake data ${entry.call.what}: HTTP ${reply.status}`));
      else entry.resolve(reply.body);
    });
  } catch (error) {
    for (const entry of batch) entry.reject(error);
  }
}

// ---- cursors: base64 of "cursor:v2:" + a msgpack array, like GitHub's ------

function packInt(n) {
  if (n >= 0 && n < 128) return [n];
  if (n < 0x10000) return [0xcd, n >> 8, n & 0xff];
  if (n < 0x100000000) return [0xce, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  const high = Math.floor(n / 0x100000000);
  return [0xcf, ...packInt32(high), ...packInt32(n >>> 0)];
}
function packInt32(n) {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}
function encodeCursor(values) {
  const bytes = [0x90 + values.length, ...values.flatMap(packInt)];
  return Buffer.concat([Buffer.from("cursor:v2:"), Buffer.from(bytes)]).toString("base64");
}
function decodeCursor(text, expectedLength) {
  const raw = Buffer.from(String(text), "base64");
  const prefix = "cursor:v2:";
  if (raw.subarray(0, prefix.length).toString("latin1") !== prefix) return null;
  const bytes = raw.subarray(prefix.length);
  if (bytes.length === 0 || bytes[0] !== 0x90 + expectedLength) return null;
  const values = [];
  let i = 1;
  while (values.length < expectedLength) {
    const tag = bytes[i];
    if (tag === undefined) return null;
    if (tag < 128) {
      values.push(tag);
      i += 1;
    } else if (tag === 0xcd) {
      values.push(bytes.readUInt16BE(i + 1));
      i += 3;
    } else if (tag === 0xce) {
      values.push(bytes.readUInt32BE(i + 1));
      i += 5;
    } else if (tag === 0xcf) {
      values.push(bytes.readUInt32BE(i + 1) * 0x100000000 + bytes.readUInt32BE(i + 5));
      i += 9;
    } else {
      return null;
    }
  }
  return i === bytes.length ? values : null;
}
function invalidCursor(text) {
  return new GraphQLError(`\`${text}\` does not appear to be a valid cursor.`, {
    extensions: { type: "INVALID_CURSOR_ARGUMENTS" },
  });
}
function notFound(message) {
  return new GraphQLError(message, { extensions: { type: "NOT_FOUND" } });
}

// ---- resolvers: plain objects, connections as functions of their args ------

function actor(value) {
  return value ? { ...value, avatarUrl: () => `https://avatars.githubusercontent.com/u/${value.databaseId}?v=4` } : null;
}

function pageInfo(from, to, total, cursorOf) {
  return {
    hasNextPage: to < total,
    hasPreviousPage: from > 0,
    startCursor: to > from ? cursorOf(from) : null,
    endCursor: to > from ? cursorOf(to - 1) : null,
  };
}

// A connection over a PR's children, addressed by index.
function indexConnection(total, args, fetchItems) {
  const position = (cursor) => {
    const values = decodeCursor(cursor, 1);
    if (!values) throw invalidCursor(cursor);
    return values[0];
  };
  let start = args.after ? position(args.after) + 1 : 0;
  let end = args.before ? Math.min(position(args.before), total) : total;
  start = Math.min(start, total);
  end = Math.max(start, end);
  let from = start;
  let to = end;
  if (args.first !== undefined && args.first !== null) to = Math.min(end, start + args.first);
  else if (args.last !== undefined && args.last !== null) from = Math.max(start, end - args.last);
  const cursorOf = (i) => encodeCursor([i]);
  let items;
  const load = () => (items ??= to > from ? fetchItems(from, to - from) : Promise.resolve([]));
  return {
    totalCount: total,
    pageInfo: pageInfo(from, to, total, cursorOf),
    nodes: () => load(),
    edges: async () => (await load()).map((node, i) => ({ cursor: cursorOf(from + i), node })),
  };
}

function wrapChild(typename) {
  return (node) => ({ ...node, __typename: typename, author: actor(node.author), editor: null });
}

function wrapThreadComment(node) {
  return {
    ...wrapChild("PullRequestReviewComment")(node),
    replyTo: node.replyTo ? { ...node.replyTo, __typename: "PullRequestReviewComment" } : null,
    pullRequestReview: { ...node.pullRequestReview, __typename: "PullRequestReview" },
  };
}

function children(pr, kind, extra = {}) {
  return async (offset, limit) => {
    const page = await data("children", { repo: pr.repository, number: pr.number, kind, offset, limit, ...extra });
    return page ? page.nodes : [];
  };
}

function wrapPull(pr, context) {
  const failing = context.inject === "PARTIAL" && !context.partialDone && (context.partialDone = true);
  return {
    ...pr,
    __typename: "PullRequest",
    author: actor(pr.author),
    mergedBy: actor(pr.mergedBy),
    totalCommentsCount: pr.counts.comments + pr.counts.reviewComments,
    commits: () => ({ totalCount: pr.counts.commits }),
    comments: (args) => indexConnection(pr.counts.comments, args, async (o, l) =>
      (await children(pr, "comments")(o, l)).map(wrapChild("IssueComment"))),
    reviews: (args) => {
      if (failing) {
        throw new GraphQLError(
          `Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include \`${context.requestId}\` when reporting this issue.`,
          { extensions: { type: "SERVICE_UNAVAILABLE" } });
      }
      if (args.states || args.author) throw new GraphQLError("The fake GitHub does not filter reviews.");
      return indexConnection(pr.counts.reviews, args, async (o, l) =>
        (await children(pr, "reviews")(o, l)).map(wrapChild("PullRequestReview")));
    },
    reviewThreads: (args) => indexConnection(pr.counts.threads, args, async (o, l) =>
      (await children(pr, "threads")(o, l)).map((thread) => ({
        ...thread,
        __typename: "PullRequestReviewThread",
        comments: (a) => indexConnection(thread.commentsCount, a, async (o2, l2) =>
          (await children(pr, "thread-comments", { thread: thread.index })(o2, l2)).map(wrapThreadComment)),
      }))),
  };
}

const PULL_ORDERS = new Set(["CREATED_AT", "UPDATED_AT"]);

function pullConnection(repo, args, context) {
  const order = args.orderBy || { field: "CREATED_AT", direction: "ASC" };
  if (!PULL_ORDERS.has(order.field)) {
    throw new GraphQLError(`The fake GitHub orders pull requests by CREATED_AT or UPDATED_AT, not ${order.field}.`);
  }
  if (args.labels || args.headRefName || args.baseRefName) {
    throw new GraphQLError("The fake GitHub does not filter pull requests by labels or branches.");
  }
  const key = (cursor) => {
    if (cursor === undefined || cursor === null) return undefined;
    const values = decodeCursor(cursor, 2);
    if (!values) throw invalidCursor(cursor);
    return `${values[0]}.${values[1]}`;
  };
  const request = {
    repo: repo.id,
    states: (args.states || []).join(","),
    order: order.field,
    direction: order.direction,
    first: args.first ?? undefined,
    last: args.first === undefined || args.first === null ? (args.last ?? undefined) : undefined,
    after: key(args.after),
    before: key(args.before),
  };
  let page;
  const load = () => (page ??= data("pulls", request));
  const cursorOf = (pr) => encodeCursor(pr.cursorKeys[order.field].split(".").map(Number));
  return {
    totalCount: async () => (await load()).totalCount,
    pageInfo: async () => {
      const { nodes, hasNextPage, hasPreviousPage } = await load();
      return {
        hasNextPage,
        hasPreviousPage,
        startCursor: nodes.length ? cursorOf(nodes[0]) : null,
        endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null,
      };
    },
    nodes: async () => (await load()).nodes.map((pr) => wrapPull(pr, context)),
    edges: async () => (await load()).nodes.map((pr) => ({ cursor: cursorOf(pr), node: wrapPull(pr, context) })),
  };
}

function wrapRepository(repo, context) {
  const [owner, name] = repo.nameWithOwner.split("/");
  return {
    __typename: "Repository",
    id: repo.nodeId,
    databaseId: repo.id,
    name,
    nameWithOwner: repo.nameWithOwner,
    url: `https://github.com/${repo.nameWithOwner}`,
    owner: { __typename: "Organization", login: owner },
    pullRequests: (args) => pullConnection(repo, args, context),
    pullRequest: async ({ number }) => {
      const pr = await data("pull", { repo: repo.id, number });
      if (!pr) throw notFound(`Could not resolve to a PullRequest with the number of ${number}.`);
      return wrapPull(pr, context);
    },
  };
}

async function resolveNode(id, context) {
  const match = /^PR_kwDO(\d+)$/.exec(String(id));
  const pr = match && context.inject !== "NOT_FOUND" ? await data("pull", { id: match[1] }) : null;
  if (!pr) return notFound(`Could not resolve to a node with the global id of '${id}'.`);
  return wrapPull(pr, context);
}

function rootValue(context) {
  return {
    rateLimit: () => context.rateLimit,
    viewer: () => null,
    repository: async ({ owner, name }) => {
      const repo = context.inject === "NOT_FOUND" ? null : await data("repo", { owner, name });
      if (!repo) throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return wrapRepository(repo, context);
    },
    node: async ({ id }) => {
      const node = await resolveNode(id, context);
      if (node instanceof Error) throw node;
      return node;
    },
    nodes: ({ ids }) => ids.map((id) => resolveNode(id, context)),
  };
}

// ---- GitHub's error shapes -------------------------------------------------

// graphql-js's error as api.github.com words it: "type" at the top for
// GitHub's own errors; schema errors in graphql-ruby's words and codes.
function githubError(error) {
  const out = {};
  const type = error.extensions && error.extensions.type;
  if (type) out.type = type;
  if (error.path) out.path = error.path;
  if (error.locations) out.locations = error.locations;
  const unknownField = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(error.message);
  if (unknownField) {
    out.extensions = { code: "undefinedField", typeName: unknownField[2], fieldName: unknownField[1] };
    out.message = `Field '${unknownField[1]}' doesn't exist on type '${unknownField[2]}'`;
  } else {
    out.message = error.message;
  }
  return out;
}

function plan(call) {
  let document;
  try {
    document = graphql.parse(call.query);
  } catch (error) {
    return { errors: [githubError(error)] };
  }
  const invalid = graphql.validate(schema, document);
  if (invalid.length) return { errors: invalid.map(githubError) };
  const analysis = analyzeOperation(graphql, schema, document, call.variables || {}, call.operationName);
  if (analysis.errors.length) return { errors: analysis.errors };
  return {
    cost: analysis.cost,
    nodeCount: analysis.nodeCount,
    largestPage: analysis.largestPage,
    mutation: analysis.mutation,
  };
}

async function run(call) {
  const context = {
    rateLimit: call.rateLimit,
    requestId: call.requestId,
    inject: call.inject,
    partialDone: false,
  };
  const result = await graphql.execute({
    schema,
    document: graphql.parse(call.query),
    rootValue: rootValue(context),
    contextValue: context,
    variableValues: call.variables || {},
    operationName: call.operationName || undefined,
  });
  const body = {};
  if ("data" in result) body.data = result.data;
  if (result.errors && result.errors.length) body.errors = result.errors.map(githubError);
  return body;
}

// ---- the loopback server ---------------------------------------------------

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    let status = 200;
    let body;
    try {
      const call = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      if (request.url === "/plan") body = plan(call);
      else if (request.url === "/execute") body = await run(call);
      else {
        status = 404;
        body = { message: "Not Found" };
      }
    } catch (error) {
      status = 500;
      body = { message: String(error && error.stack ? error.stack : error) };
      console.error(`fake GraphQL: ${body.message}`);
    }
    const text = JSON.stringify(body);
    response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    response.end(text);
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
process.on("SIGTERM", () => process.exit(0));

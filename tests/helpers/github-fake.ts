/**
 * A local fake of the GitHub REST endpoints the git writer uses (functions/lib/git/
 * github.ts), driven through the real @octokit/rest with `baseUrl`. It keeps an in-memory
 * repository (blobs with git's sha-1, trees as path → text, commits, refs, pull requests
 * with labels) and can inject faults: errors before or after the effect (the answer is
 * lost although the change happened), rate limits, 409/422 and hangs.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}
export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  labels: string[];
  created_at: string;
  updated_at: string;
}

export interface FaultOptions {
  /** Share of requests that fail (0..1). */
  rate: number;
  /** Among failures, the share that hang instead of answering. */
  hangShare?: number;
  /** Deterministic randomness. */
  seed?: number;
}

export interface GitHubFake {
  url: string;
  owner: string;
  repo: string;
  branch: string;
  /** Requests by "METHOD route" (faulted ones included). */
  requests: Map<string, number>;
  faults: { injected: number; afterEffect: number; hangs: number };
  setFaults(options: FaultOptions | undefined): void;
  fileAt(ref: string, path: string): string | undefined;
  /** A file's bytes as stored (for binary blobs created through POST /git/blobs). */
  fileBytes(ref: string, path: string): Buffer | undefined;
  refs(): Map<string, string>;
  pulls(): FakePull[];
  commitMessage(ref: string): string | undefined;
  commitCount(ref: string): number;
  close(): Promise<void>;
}

const gitSha = (kind: string, content: string) => {
  const body = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`${kind} ${body.length}\0`).update(body).digest('hex');
};

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startGitHubFake(files: Record<string, string>, options: { owner?: string; repo?: string; branch?: string } = {}): Promise<GitHubFake> {
  const owner = options.owner ?? 'quartiersnetz';
  const repo = options.repo ?? 'site';
  const branch = options.branch ?? 'main';
  const blobs = new Map<string, string>();
  const binaries = new Map<string, Buffer>();
  const trees = new Map<string, Map<string, string>>(); // tree sha → path → blob sha
  const commits = new Map<string, Commit>();
  const refs = new Map<string, string>();
  const pulls: FakePull[] = [];
  const requests = new Map<string, number>();
  const faults = { injected: 0, afterEffect: 0, hangs: 0 };
  let faultOptions: FaultOptions | undefined;
  let random = mulberry32(1);
  let clock = Date.parse('2026-12-01T08:00:00Z');

  const putTree = (entries: Map<string, string>) => {
    const sha = gitSha('tree', JSON.stringify([...entries].sort()));
    trees.set(sha, entries);
    return sha;
  };
  const putBlob = (text: string) => {
    const sha = gitSha('blob', text);
    blobs.set(sha, text);
    return sha;
  };
  const putCommit = (tree: string, parents: string[], message: string) => {
    const sha = gitSha('commit', `${tree}\n${parents.join(',')}\n${message}\n${clock++}`);
    commits.set(sha, { sha, tree, parents, message });
    return sha;
  };
  const initial = new Map(Object.entries(files).map(([path, text]) => [path, putBlob(text)]));
  refs.set(branch, putCommit(putTree(initial), [], 'Initial content'));

  const descendsFrom = (sha: string, ancestor: string): boolean => {
    const queue = [sha];
    while (queue.length) {
      const next = queue.pop()!;
      if (next === ancestor) return true;
      queue.push(...(commits.get(next)?.parents ?? []));
    }
    return false;
  };
  const treeOf = (ref: string) => {
    const sha = refs.get(ref) ?? ref;
    const commit = commits.get(sha);
    return commit ? trees.get(commit.tree) : undefined;
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (status: number, message: string) => ({ status, body: { message, documentation_url: 'https://docs.github.com/rest' } });

  type Result = { status: number; body: unknown; headers?: Record<string, string> };
  const pullJson = (p: FakePull) => ({
    number: p.number,
    title: p.title,
    body: p.body,
    state: p.state,
    head: { ref: p.head, sha: refs.get(p.head), label: `${owner}:${p.head}`, repo: { fork: false } },
    base: { ref: p.base },
    labels: p.labels.map((name) => ({ name })),
    created_at: p.created_at,
    updated_at: p.updated_at,
    user: { login: 'quartiersnetz-bot' },
  });

  function handle(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): Result {
    const prefix = `/repos/${owner}/${repo}`;
    if (!path.startsWith(prefix)) return fail(404, 'Not Found');
    const route = decodeURIComponent(path.slice(prefix.length));
    let m: RegExpExecArray | null;
    if ((m = /^\/contents\/(.+)$/.exec(route))) {
      const filePath = decodeURIComponent(m[1]);
      if (method === 'GET') {
        const ref = query.get('ref') ?? branch;
        const blob = treeOf(ref)?.get(filePath);
        if (!blob) return fail(404, 'Not Found');
        return { status: 200, body: { type: 'file', path: filePath, sha: blob, encoding: 'base64', content: Buffer.from(blobs.get(blob)!, 'utf8').toString('base64') } };
      }
      if (method === 'PUT') {
        const target = (body.branch as string) ?? branch;
        const head = refs.get(target);
        if (!head) return fail(404, 'Branch not found');
        const tree = new Map(treeOf(target)!);
        const current = tree.get(filePath);
        if (current && body.sha !== current) return fail(409, `${filePath} does not match ${String(body.sha)}`);
        if (!current && body.sha) return fail(409, `${filePath} does not exist`);
        const blob = putBlob(Buffer.from(String(body.content), 'base64').toString('utf8'));
        tree.set(filePath, blob);
        const sha = putCommit(putTree(tree), [head], String(body.message));
        refs.set(target, sha);
        return { status: 200, body: { content: { sha: blob, path: filePath }, commit: { sha } } };
      }
    }
    if ((m = /^\/git\/ref\/heads\/(.+)$/.exec(route)) && method === 'GET') {
      const sha = refs.get(decodeURIComponent(m[1]));
      return sha ? { status: 200, body: { ref: `refs/heads/${decodeURIComponent(m[1])}`, object: { sha, type: 'commit' } } } : fail(404, 'Not Found');
    }
    if ((m = /^\/git\/refs\/heads\/(.+)$/.exec(route)) && method === 'PATCH') {
      const name = decodeURIComponent(m[1]);
      if (!refs.has(name)) return fail(422, 'Reference does not exist');
      if (!commits.has(String(body.sha))) return fail(422, 'Object does not exist');
      // As GitHub: without force, the new commit must descend from the current head.
      if (body.force !== true && !descendsFrom(String(body.sha), refs.get(name)!)) return fail(422, 'Update is not a fast forward');
      refs.set(name, String(body.sha));
      return { status: 200, body: { ref: `refs/heads/${name}`, object: { sha: body.sha } } };
    }
    if (route === '/git/refs' && method === 'POST') {
      const name = String(body.ref).replace(/^refs\/heads\//, '');
      if (refs.has(name)) return fail(422, 'Reference already exists');
      if (!commits.has(String(body.sha))) return fail(422, 'Object does not exist');
      refs.set(name, String(body.sha));
      return { status: 201, body: { ref: body.ref, object: { sha: body.sha } } };
    }
    if ((m = /^\/git\/commits\/([0-9a-f]+)$/.exec(route)) && method === 'GET') {
      const commit = commits.get(m[1]);
      return commit ? { status: 200, body: { sha: commit.sha, message: commit.message, tree: { sha: commit.tree }, parents: commit.parents.map((sha) => ({ sha })) } } : fail(404, 'Not Found');
    }
    if (route === '/git/blobs' && method === 'POST') {
      const bytes = Buffer.from(String(body.content), body.encoding === 'base64' ? 'base64' : 'utf8');
      const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
      binaries.set(sha, bytes);
      blobs.set(sha, bytes.toString('utf8'));
      return { status: 201, body: { sha } };
    }
    if (route === '/git/trees' && method === 'POST') {
      // GitHub takes a tree-ish: a commit's sha names its tree (decap-cms-backend-github relies on it).
      const base = trees.get(String(body.base_tree)) ?? trees.get(commits.get(String(body.base_tree))?.tree ?? '');
      if (!base) return fail(422, 'base_tree is not a tree');
      const next = new Map(base);
      for (const entry of body.tree as Array<{ path: string; content?: string; sha?: string | null }>) {
        if (entry.sha === null) next.delete(entry.path);
        else next.set(entry.path, entry.content !== undefined ? putBlob(entry.content) : String(entry.sha));
      }
      return { status: 201, body: { sha: putTree(next) } };
    }
    if (route === '/git/commits' && method === 'POST') {
      if (!trees.has(String(body.tree))) return fail(422, 'tree does not exist');
      const sha = putCommit(String(body.tree), body.parents as string[], String(body.message));
      return { status: 201, body: { sha, message: body.message, tree: { sha: body.tree } } };
    }
    if (route === '/pulls' && method === 'GET') {
      const state = query.get('state') ?? 'open';
      const head = query.get('head')?.replace(`${owner}:`, '');
      const base = query.get('base');
      const list = pulls.filter((p) => (state === 'all' || p.state === state) && (!head || p.head === head) && (!base || p.base === base));
      return { status: 200, body: list.map(pullJson) };
    }
    if (route === '/pulls' && method === 'POST') {
      const head = String(body.head).replace(`${owner}:`, '');
      if (!refs.has(head)) return fail(422, 'head does not exist');
      if (pulls.some((p) => p.head === head && p.state === 'open')) return fail(422, `A pull request already exists for ${owner}:${head}.`);
      const at = new Date(clock++).toISOString();
      const pull: FakePull = { number: pulls.length + 1, title: String(body.title), body: String(body.body ?? ''), head, base: String(body.base), state: 'open', labels: [], created_at: at, updated_at: at };
      pulls.push(pull);
      return { status: 201, body: pullJson(pull) };
    }
    if ((m = /^\/issues\/(\d+)\/labels$/.exec(route)) && method === 'PUT') {
      const pull = pulls.find((p) => p.number === Number(m![1]));
      if (!pull) return fail(404, 'Not Found');
      pull.labels = [...new Set(body.labels as string[])];
      return { status: 200, body: pull.labels.map((name) => ({ name })) };
    }
    if ((m = /^\/pulls\/(\d+)\/merge$/.exec(route)) && method === 'PUT') {
      const pull = pulls.find((p) => p.number === Number(m![1]));
      if (!pull || pull.state !== 'open') return fail(405, 'Pull Request is not mergeable');
      const tree = new Map(treeOf(pull.base)!);
      for (const [p, blob] of treeOf(pull.head)!) tree.set(p, blob);
      refs.set(pull.base, putCommit(putTree(tree), [refs.get(pull.base)!], String(body.commit_title ?? pull.title)));
      pull.state = 'closed';
      return { status: 200, body: { merged: true } };
    }
    return fail(404, `Not Found: ${method} ${route}`);
  }

  const routeName = (method: string, path: string) =>
    `${method} ${decodeURIComponent(path).replace(/^\/repos\/[^/]+\/[^/]+/, '').replace(/\/contents\/.+/, '/contents/:path').replace(/\/(heads)\/.+/, '/$1/:branch').replace(/\/[0-9a-f]{40}$/, '/:sha').replace(/\/\d+(\/|$)/, '/:n$1')}`;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const name = routeName(method, url.pathname);
      requests.set(name, (requests.get(name) ?? 0) + 1);
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {
        return json(res, 400, { message: 'Problems parsing JSON' });
      }
      if (req.headers.authorization !== 'token fake-token' && req.headers.authorization !== 'bearer fake-token') return json(res, 401, { message: 'Bad credentials' });
      const faulty = faultOptions && random() < faultOptions.rate;
      if (!faulty) {
        const result = handle(method, url.pathname, url.searchParams, body);
        return json(res, result.status, result.body, result.headers);
      }
      faults.injected++;
      const afterEffect = random() < 0.5;
      if (afterEffect) {
        faults.afterEffect++;
        handle(method, url.pathname, url.searchParams, body);
      }
      if (random() < (faultOptions!.hangShare ?? 0.3)) {
        faults.hangs++;
        // Never answers: the client's timeout has to give up. Closed with the server.
        return;
      }
      const kinds: Array<() => void> = [
        () => json(res, 500, { message: 'Server Error' }),
        () => json(res, 502, { message: 'Bad Gateway' }),
        () => json(res, 503, { message: 'Service Unavailable' }),
        () => json(res, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'retry-after': '1' }),
        () => json(res, 429, { message: 'secondary rate limit' }, { 'retry-after': '1' }),
        () => json(res, 409, { message: 'Git Repository is empty or head moved' }),
      ];
      kinds[Math.floor(random() * kinds.length)]();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    owner,
    repo,
    branch,
    requests,
    faults,
    setFaults(options) {
      faultOptions = options;
      random = mulberry32(options?.seed ?? 1);
    },
    fileAt(ref, path) {
      const blob = treeOf(ref)?.get(path);
      return blob ? blobs.get(blob) : undefined;
    },
    fileBytes(ref, path) {
      const blob = treeOf(ref)?.get(path);
      if (!blob) return undefined;
      return binaries.get(blob) ?? (blobs.has(blob) ? Buffer.from(blobs.get(blob)!, 'utf8') : undefined);
    },
    refs: () => new Map(refs),
    pulls: () => pulls.map((p) => ({ ...p, labels: [...p.labels] })),
    commitMessage: (ref) => commits.get(refs.get(ref) ?? ref)?.message,
    commitCount(ref) {
      let count = 0;
      let sha = refs.get(ref);
      while (sha) {
        count++;
        sha = commits.get(sha)?.parents[0];
      }
      return count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

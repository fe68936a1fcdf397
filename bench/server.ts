import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { seconds } from './stats';

const nextBin = () => createRequire(import.meta.url).resolve('next/dist/bin/next');

/** `next build` in the current folder; its output goes to `logFile` and is shown only when it fails. */
export async function buildApp(options: {
  skip: boolean;
  logFile: string;
  log: (line: string) => void;
}): Promise<void> {
  const { log } = options;
  if (options.skip && existsSync('.next/BUILD_ID')) {
    log('--skip-build: using the existing .next build');
    return;
  }
  if (options.skip) log('--skip-build given but there is no .next/BUILD_ID: building');
  log(`next build… (output in ${options.logFile})`);
  const started = performance.now();
  const out = createWriteStream(options.logFile);
  const child = spawn(process.execPath, [nextBin(), 'build'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  track(child);
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  out.end();
  if (code !== 0) {
    await new Promise<void>((resolve) => out.once('close', () => resolve()));
    const tail = readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`next build failed (exit ${code}); the end of its output:\n${tail}`);
  }
  log(`next build done in ${seconds(started)}`);
}

const running = new Set<ChildProcess>();
function track(child: ChildProcess) {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** Stops every child this module started (the build or the server): SIGTERM, then SIGKILL after 5 s. */
export async function stopChildren(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }),
  );
}

export type AppServer = { url: string; pid: number; memory: MemoryWatch; stop: () => Promise<void> };

/** `next start` on 127.0.0.1:port with a production environment; resolves once /api/health answers 200. */
export async function startApp(options: {
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  log: (line: string) => void;
}): Promise<AppServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const out = createWriteStream(options.logFile);
  const child = spawn(process.execPath, [nextBin(), 'start', '-p', String(options.port), '-H', '127.0.0.1'], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  track(child);
  const memory = watchMemory(child.pid!);
  // Set by the exit handler; the assertion keeps TypeScript from narrowing it to `null` for the loop.
  let exited = null as string | null;
  child.once('exit', (code, signal) => {
    exited = `${signal ?? code}`;
  });

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== null)
      throw new Error(`next start exited (${exited}) before it answered; see ${options.logFile}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the app did not answer ${url}/api/health within 90 s; see ${options.logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    memory,
    stop: async () => {
      memory.stop();
      await stopChildren();
    },
  };
}

export type MemoryWatch = {
  /** the highest resident set seen, in MB, of the process that serves (the largest in the tree) */
  peakMb: () => number | null;
  /** the server process's own pid and command line, once found */
  serverProcess: () => { pid: number; command: string } | null;
  stop: () => void;
};

/** The pids below `root` (children, grandchildren…) read from /proc. */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid … — comm may contain spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    for (const [child, parent] of parentOf)
      if (parent === pid) {
        out.push(child);
        queue.push(child);
      }
  }
  return out;
}

function statusKb(pid: number): { hwm: number; rss: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { hwm: field('VmHWM'), rss: field('VmRSS') };
  } catch {
    return null;
  }
}

/**
 * Polls /proc/<pid>/status (VmHWM, the kernel's own high-water mark, and VmRSS) of `next start` and
 * every process below it every 250 ms. `next start` may serve from a child process; the peak reported
 * is that of the biggest process in the tree, which is the one serving requests.
 */
export function watchMemory(root: number): MemoryWatch {
  const peakByPid = new Map<number, number>();
  const poll = () => {
    for (const pid of [root, ...descendants(root)]) {
      const kb = statusKb(pid);
      if (!kb) continue;
      peakByPid.set(pid, Math.max(peakByPid.get(pid) ?? 0, kb.hwm, kb.rss));
    }
  };
  poll();
  const timer = setInterval(poll, 250);
  timer.unref();
  const biggest = () => [...peakByPid.entries()].sort((a, b) => b[1] - a[1])[0] ?? null;
  return {
    peakMb: () => {
      poll();
      const top = biggest();
      return top ? top[1] / 1024 : null;
    },
    serverProcess: () => {
      const top = biggest();
      if (!top) return null;
      let command = '';
      try {
        command = readFileSync(`/proc/${top[0]}/cmdline`, 'utf8').split('\0').join(' ').trim();
      } catch {
        command = '(exited)';
      }
      return { pid: top[0], command: command.length > 120 ? `${command.slice(0, 117)}…` : command };
    },
    stop: () => clearInterval(timer),
  };
}

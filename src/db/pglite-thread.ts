// The embedded engine on a thread of its own. PGlite is PostgreSQL compiled to WebAssembly; it runs
// each statement synchronously on the thread that owns it. On the main thread that was the
// webhook's problem (issue 10 item 13): during a burst of 500 events/s half of the main thread was
// PGlite, its event loop turned in 100–300 ms rounds, and Node accepts ONE new connection per round
// (seen with strace: one accept4 per epoll_wait). A platform that opens connections faster than
// that fills the listen backlog; the kernel then drops the handshake's last ACK and its SYN-ACK is
// resent after 1 s, 3 s, 7 s — acks of 3–7 s although every request that reached express was
// answered in < 50 ms (scripts/bench-burst.ts).
//
// So PGlite lives in a worker thread, and the main thread talks to it as it talks to a real server:
// node-postgres over a stream whose bytes are PostgreSQL's wire protocol, run by PGlite's own
// protocol entry `execProtocolRaw` (the one @electric-sql/pglite-socket serves over TCP). Both
// engines then share one driver (pg), one Prisma adapter (@prisma/adapter-pg) and one set of type
// parsers; only where the bytes go differs.
import { createRequire } from "node:module";
import { Duplex } from "node:stream";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

export interface PgliteThreadOptions {
  /** PGlite folder, or "memory://". */
  dataDir: string;
  /** postgresql.conf lines (PGliteOptions.postgresqlconf). */
  postgresqlconf?: string[];
}

/** One PGlite instance in a worker thread: a single PostgreSQL session shared by every stream. */
export interface PgliteThread {
  /** A new wire-protocol stream for a pg Client (`new pg.Client({ stream: () => thread.stream() })`). */
  stream(): Duplex;
  /** Closes PGlite (a clean shutdown: the data folder is left consistent) and ends the thread. */
  close(): Promise<void>;
}

// The worker's code. Plain JavaScript passed as text, so it runs the same under tsx, vitest and the
// esbuild bundle (no worker file to locate); it loads PGlite from the URL the main thread resolved.
// Messages are handled one at a time, in order: PGlite is a single session, and pg's protocol state
// (parse/bind/execute/sync) must reach it as sent.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  let db;
  try {
    const { PGlite } = await import(workerData.pgliteUrl);
    db = await PGlite.create(workerData.dataDir, { postgresqlconf: workerData.postgresqlconf });
  } catch (err) {
    parentPort.postMessage({ kind: "failed", message: String((err && err.stack) || err) });
    return;
  }
  parentPort.postMessage({ kind: "ready" });
  let chain = Promise.resolve();
  parentPort.on("message", (m) => {
    chain = chain.then(async () => {
      if (m.kind === "close") {
        try { if (!db.closed) await db.close(); } catch {}
        parentPort.postMessage({ kind: "closed" });
        parentPort.close();
        return;
      }
      try {
        const out = await db.execProtocolRaw(m.bytes);
        const copy = new Uint8Array(out); // out may be a view of PGlite's memory: never transfer that
        parentPort.postMessage({ kind: "reply", id: m.id, bytes: copy }, [copy.buffer]);
      } catch (err) {
        parentPort.postMessage({ kind: "reply", id: m.id, error: String((err && err.message) || err) });
      }
    });
  });
})();
`;

type FromWorker =
  | { kind: "ready" }
  | { kind: "failed"; message: string }
  | { kind: "closed" }
  | { kind: "reply"; id: number; bytes?: Uint8Array; error?: string };

/** PostgreSQL's Terminate message ('X', length 4): pg sends it on client.end(). It would end the
 * one backend every stream shares, so it is not passed on; the stream just ends. */
const isTerminate = (b: Buffer) => b.length === 5 && b[0] === 0x58 && b.readUInt32BE(1) === 4;

/**
 * Starts PGlite in a worker thread. Resolves once the database is open (created and migrated by
 * PGlite itself on first use of the folder); rejects with PGlite's own error when it cannot open.
 */
export async function startPgliteThread(o: PgliteThreadOptions): Promise<PgliteThread> {
  const require = createRequire(import.meta.url);
  const pgliteUrl = pathToFileURL(require.resolve("@electric-sql/pglite")).href;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { pgliteUrl, dataDir: o.dataDir, postgresqlconf: o.postgresqlconf } });
  let nextId = 0;
  const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  let stopped: Error | undefined;
  let closed = false;
  let onClosed: (() => void) | undefined;
  // The thread keeps the process alive only while a request is out (a CLI that forgets to close
  // still exits; one awaiting a reply does not exit under it).
  const hold = () => {
    if (pending.size === 1) worker.ref();
  };
  const letGo = () => {
    if (pending.size === 0) worker.unref();
  };
  const fail = (err: Error) => {
    stopped ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    letGo();
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (m: FromWorker) => {
      if (m.kind === "ready") resolve();
      else if (m.kind === "failed") {
        reject(new Error(`PGlite could not open ${o.dataDir}: ${m.message}`));
        void worker.terminate();
      } else if (m.kind === "closed") onClosed?.();
      else {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        letGo();
        if (m.error !== undefined) p.reject(new Error(`PGlite: ${m.error}`));
        else p.resolve(m.bytes!);
      }
    });
    worker.once("error", (err) => {
      reject(err);
      fail(err);
    });
    worker.once("exit", (code) => {
      const err = new Error(`PGlite thread exited (${code})`);
      reject(err);
      fail(err);
    });
  });
  await ready;
  worker.unref();

  const exec = (bytes: Buffer): Promise<Uint8Array> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      hold();
      worker.postMessage({ kind: "exec", id, bytes });
    });
  };

  return {
    stream: () => new WireStream(exec),
    async close() {
      if (closed) return;
      closed = true;
      const running = !stopped; // a thread that failed or exited has nothing left to shut down
      stopped ??= new Error("PGlite thread closed"); // new requests fail at once from here on
      if (running) {
        worker.ref();
        await new Promise<void>((resolve) => {
          onClosed = resolve;
          worker.once("exit", () => resolve());
          worker.postMessage({ kind: "close" });
        });
      }
      await worker.terminate();
    },
  };
}

/**
 * A duplex that stands in for pg's socket. Writes go to the thread; what PGlite answers is what the
 * client reads. pg corks each query's messages (parse, bind, describe, execute, sync) into one
 * write, and writes queued while one is out are joined (_writev): one thread round trip per query.
 */
class WireStream extends Duplex {
  constructor(private readonly exec: (bytes: Buffer) => Promise<Uint8Array>) {
    super();
  }
  // The socket methods pg calls on its stream.
  connect(): this {
    process.nextTick(() => this.emit("connect"));
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  override _read(): void {}
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    if (isTerminate(chunk)) return done();
    this.exec(chunk).then(
      (out) => {
        if (out.length) this.push(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
        done();
      },
      (err: Error) => done(err),
    );
  }
  override _writev(chunks: Array<{ chunk: Buffer }>, done: (err?: Error | null) => void): void {
    const bytes = Buffer.concat(chunks.map((c) => c.chunk).filter((c) => !isTerminate(c)));
    if (bytes.length === 0) return done();
    this._write(bytes, "binary", done);
  }
  override _final(done: () => void): void {
    this.push(null);
    done();
  }
}

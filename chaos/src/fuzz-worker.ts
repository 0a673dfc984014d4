/**
 * A load generator in a worker thread: `concurrency` connections at a time, each opened, sent a burst of
 * hostile frames (see fuzz.ts) and closed by the server (or by us after a while), until `frames` are sent.
 * The healthy clients run on the main thread, so their round trips are not delayed by this one's work.
 */
import type { Socket } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";
import { type Frame, FrameFactory, rng } from "./fuzz.ts";

export interface FuzzJob {
  wsBase: string;
  /** Documents to attack, with a token that may write them. */
  docs: string[];
  token: string;
  frames: number;
  concurrency: number;
  seed: number;
  maxMessageBytes: number;
}

export interface FuzzReport {
  type: "progress" | "done";
  framesSent: number;
  connections: number;
  /** Connections refused at the handshake or with a close code before any frame (bad token, bad name). */
  badHandshakes: number;
  closeCodes: Record<string, number>;
  labels: Record<string, number>;
  /** For each kind of frame that should end a connection, how the connection ended ("none": still open). */
  fatalOutcomes: Record<string, Record<string, number>>;
  connectErrors: number;
}

const job = workerData as FuzzJob;
const factory = new FrameFactory(job.seed, job.maxMessageBytes);
const r = rng(job.seed ^ 0x5eed);
const report: FuzzReport = {
  type: "progress",
  framesSent: 0,
  connections: 0,
  badHandshakes: 0,
  closeCodes: {},
  labels: {},
  fatalOutcomes: {},
  connectErrors: 0,
};
let remaining = job.frames;

const bump = (o: Record<string, number>, k: string) => {
  o[k] = (o[k] ?? 0) + 1;
};

function open(url: string): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { handshakeTimeout: 10_000, perMessageDeflate: false });
    ws.on("error", () => {});
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => {
      bump(report.closeCodes, `http-${res.statusCode}`);
      res.resume();
      resolve(null);
    });
    ws.once("close", () => resolve(null));
  });
}

function closed(ws: WebSocket, timeoutMs: number): Promise<string> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve("closed");
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("none"), timeoutMs);
    ws.once("close", (code: number) => {
      clearTimeout(timer);
      resolve(String(code));
    });
  });
}

function send(ws: WebSocket, frame: Frame): boolean {
  if (ws.readyState !== WebSocket.OPEN || remaining <= 0) return false;
  remaining--;
  report.framesSent++;
  bump(report.labels, frame.label);
  if (frame.kind === "raw") (ws as unknown as { _socket: Socket })._socket.write(frame.data);
  else ws.send(frame.data, { binary: frame.kind === "binary" });
  return true;
}

async function badHandshake(): Promise<void> {
  const doc = job.docs[0] ?? "x";
  const targets = [
    `${job.wsBase}/sync/${doc}`,
    `${job.wsBase}/sync/${doc}?token=not-a-token`,
    `${job.wsBase}/sync/${doc}x/chart/nosuch?token=${encodeURIComponent(job.token)}`,
    `${job.wsBase}/sync/%E0%A4%A?token=${encodeURIComponent(job.token)}`,
    `${job.wsBase}/elsewhere`,
  ];
  const ws = await open(targets[Math.floor(r() * targets.length)] ?? `${job.wsBase}/`);
  report.badHandshakes++;
  if (!ws) return;
  bump(report.closeCodes, await closed(ws, 3000));
  ws.terminate();
}

async function loop(): Promise<void> {
  while (remaining > 0) {
    report.connections++;
    if (r() < 0.05) {
      await badHandshake();
      continue;
    }
    const doc = job.docs[Math.floor(r() * job.docs.length)] ?? "";
    const ws = await open(`${job.wsBase}/sync/${doc}?token=${encodeURIComponent(job.token)}`);
    if (!ws) {
      report.connectErrors++;
      await new Promise((res) => setTimeout(res, 50));
      continue;
    }
    const burst = 1 + Math.floor(r() * 19);
    for (let i = 0; i < burst; i++) if (!send(ws, factory.survivable())) break;
    const fatal = factory.fatal();
    const sent = send(ws, fatal);
    const code = await closed(ws, 3000);
    bump(report.closeCodes, code);
    if (sent) {
      report.fatalOutcomes[fatal.label] ??= {};
      bump(report.fatalOutcomes[fatal.label] ?? {}, code);
    }
    ws.terminate();
  }
}

const progress = setInterval(() => parentPort?.postMessage({ ...report }), 1000);
await Promise.all(Array.from({ length: job.concurrency }, () => loop()));
clearInterval(progress);
parentPort?.postMessage({ ...report, type: "done" });

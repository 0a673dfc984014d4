/**
 * Real Yjs clients in Node, for filling a board before a browser opens it: they join with the code like a
 * tablet does (`POST /api/join`), and write through `@continuum/model` over the stock y-websocket provider.
 */
import { type Colour, placeAspect, readWorkshop, type Workshop } from "@continuum/model";
import {
  type ActivityId,
  type GroupId,
  type JoinResponse,
  laneDocName,
  type WorkshopId,
} from "@continuum/protocol";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export interface SeedClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  close(): void;
}

export async function joinAs(
  baseUrl: string,
  code: string,
  name: string,
  group: string,
): Promise<JoinResponse> {
  const res = await fetch(`${baseUrl}/api/join`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code, name, group }),
  });
  if (!res.ok) throw new Error(`join failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as JoinResponse;
}

/** Opens one document with a token and resolves once it is in step with the server. */
export async function openDoc(baseUrl: string, docName: string, token: string): Promise<SeedClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/sync`, docName, doc, {
    params: { token },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no sync for ${docName} within 15 s`)), 15_000);
    provider.once("sync", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    doc,
    provider,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves once the server has acknowledged everything this client sent (a fresh reader sees `check` hold). */
export async function flushed(
  baseUrl: string,
  docName: string,
  token: string,
  check: (doc: Y.Doc) => boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const reader = await openDoc(baseUrl, docName, token);
    const ok = check(reader.doc);
    reader.close();
    if (ok) return;
    if (Date.now() > end) throw new Error(`${docName} did not reach the server in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The workshop as a participant's device reads it (groups, activities with their ids and aspects). */
export async function readWorkshopAs(
  baseUrl: string,
  workshopId: WorkshopId,
  token: string,
): Promise<Workshop> {
  const c = await openDoc(baseUrl, workshopId, token);
  const w = readWorkshop(c.doc);
  c.close();
  return w;
}

/** Places prepared aspects on a group's lane at the given positions, as a participant of that group. */
export async function placeAspects(
  baseUrl: string,
  code: string,
  group: string,
  placements: { aspect: string; x: number; y?: number; colour?: Colour }[],
): Promise<void> {
  const who = await joinAs(baseUrl, code, "Seeder", group);
  const workshop = await readWorkshopAs(baseUrl, who.workshopId, who.token);
  const scale = workshop.activities.find((a) => a.kind === "scale");
  if (scale?.kind !== "scale") throw new Error("the workshop has no scale");
  const docName = laneDocName(who.workshopId, scale.id as ActivityId, who.group as GroupId);
  const lane = await openDoc(baseUrl, docName, who.token);
  for (const p of placements) {
    const aspect = scale.aspects.find((a) => a.text === p.aspect);
    if (!aspect) throw new Error(`no aspect ${p.aspect}`);
    placeAspect(lane.doc, {
      aspect,
      x: p.x,
      author: "Seeder",
      ...(p.y === undefined ? {} : { y: p.y }),
      ...(p.colour ? { colour: p.colour } : {}),
    });
  }
  await flushed(baseUrl, docName, who.token, (d) => d.getMap("notes").size >= placements.length);
  lane.close();
}

/**
 * What this device remembers between visits, in localStorage: no accounts, so the device is the identity.
 * - per workshop, the session (token, role, and for participants their name and group), so a reload or a
 *   tablet that sleeps comes straight back to the board;
 * - the last name and group a person joined with, so rejoining pre-fills them;
 * - per workshop, every person who writes on this device (a shared tablet: "Who's writing?"), each with their
 *   own token and key, so switching person needs no code and no network.
 */
import {
  type GroupId,
  isId,
  type JoinResponse,
  type Role,
  randomId,
  type WorkshopId,
} from "@continuum/protocol";

export interface Session {
  workshopId: WorkshopId;
  token: string;
  role: Role;
  /** Display name (participants); "Facilitator" or "Big screen" otherwise. */
  name: string;
  group: GroupId | null;
  groupName: string | null;
  /** The join code, when this device knows it (participants, and the facilitator who created it). */
  joinCode: string | null;
  /**
   * Participants: who they are to the server (PEOPLE-1) and the secret that brings the same person back
   * (`POST /api/rejoin`) when the token is refused or lost, or on their phone through "continue on another
   * device". Absent for sessions saved before the server issued participant ids.
   */
  participantId?: string;
  participantKey?: string;
  /** Facilitator only: the secrets needed to show the facilitator's own link and the observer link. */
  facilitatorKey?: string;
  observerKey?: string;
  /** Facilitator only: a read-only token for the room's screen (from `GET /api/workshops/<id>/share`). */
  roomToken?: string;
  /** Facilitator only: what the start page lists about this workshop, as last seen on this device. */
  summary?: WorkshopSummary;
}

/** What the facilitator's list of workshops shows, kept up to date while the workshop is open here. */
export interface WorkshopSummary {
  title: string;
  /** The meeting date, `YYYY-MM-DD` or "". */
  date: string;
  status: "running" | "ended" | "open-between" | "closed";
  /** The most participants seen here at once (this device only knows who it saw). */
  people: number;
  /** When this device last had it open (ms). */
  seenAt: number;
}

/** The room's screen keeps its own session, so a facilitator's browser can also be the room's screen. */
export interface PresentSession {
  workshopId: string;
  /** A read-only observer token: never a key. */
  token: string;
  joinCode: string | null;
}

export interface LastJoin {
  name: string;
  /** Group per join code: the same person may be in different groups in different workshops. */
  groups: Record<string, string>;
}

const SESSION_PREFIX = "continuum.session.";
const PEOPLE_PREFIX = "continuum.people.";
const LAST_JOIN = "continuum.lastJoin";
const VOTER_PREFIX = "continuum.voter.";
const DEVICE = "continuum.device";
const LAST_WORKSHOP = "continuum.lastWorkshop";

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Private browsing modes may throw on access: the app still works, it just forgets on reload.
    return null;
  }
}

function readJson<T>(key: string): T | null {
  try {
    const raw = storage()?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: not worth interrupting the person for.
  }
}

export function loadSession(workshopId: string): Session | null {
  const s = readJson<Session>(SESSION_PREFIX + workshopId);
  return s && typeof s.token === "string" && typeof s.role === "string" ? s : null;
}

/** A participant's session from the answer to joining or rejoining. */
export function participantSession(res: JoinResponse, joinCode: string | null): Session {
  return {
    workshopId: res.workshopId,
    token: res.token,
    role: "participant",
    name: res.name,
    group: res.group,
    groupName: res.groupName,
    joinCode,
    participantId: res.participantId,
    participantKey: res.participantKey,
  };
}

/** True when a participant's session can bring the same person back without the code (`POST /api/rejoin`). */
export function canRejoin(
  s: Session | null,
): s is Session & { participantId: string; participantKey: string } {
  return s?.role === "participant" && !!s.participantId && !!s.participantKey;
}

/** Saves the session this device uses for a workshop; a participant is also kept among its people. */
export function saveSession(session: Session): void {
  // Whoever was writing here stays among the device's people, saved before this list existed or not.
  const before = loadSession(session.workshopId);
  if (isPerson(before) && before.participantId !== session.participantId) rememberPerson(before);
  writeJson(SESSION_PREFIX + session.workshopId, session);
  if (session.role === "participant" && session.participantId) rememberPerson(session);
}

const isPerson = (s: unknown): s is Session & { participantId: string } =>
  typeof s === "object" &&
  s !== null &&
  (s as Session).role === "participant" &&
  typeof (s as Session).token === "string" &&
  typeof (s as Session).participantId === "string";

/**
 * The people who write on this device in a workshop, in the order they were added here: everyone who joined
 * or was added on it, and the one writing now (saved before this list existed, perhaps).
 */
export function devicePeople(workshopId: string): Session[] {
  const raw = readJson<unknown[]>(PEOPLE_PREFIX + workshopId);
  const people: Session[] = Array.isArray(raw) ? raw.filter(isPerson) : [];
  const active = loadSession(workshopId);
  if (isPerson(active) && !people.some((p) => p.participantId === active.participantId)) people.push(active);
  return people;
}

/** Keeps a person among this device's people of their workshop (a new token replaces their old one). */
export function rememberPerson(person: Session): void {
  if (!person.participantId) return;
  const raw = readJson<unknown[]>(PEOPLE_PREFIX + person.workshopId);
  const people: Session[] = Array.isArray(raw) ? raw.filter(isPerson) : [];
  const at = people.findIndex((p) => p.participantId === person.participantId);
  if (at >= 0) people[at] = person;
  else people.push(person);
  writeJson(PEOPLE_PREFIX + person.workshopId, people);
}

/** Takes a person off this device's list (they stay in the workshop, and can come back with their link). */
export function forgetPerson(workshopId: string, participantId: string): void {
  const raw = readJson<unknown[]>(PEOPLE_PREFIX + workshopId);
  const people = Array.isArray(raw) ? raw.filter(isPerson) : [];
  writeJson(
    PEOPLE_PREFIX + workshopId,
    people.filter((p) => p.participantId !== participantId),
  );
}

/** The workshops this device facilitates, most recently opened first. */
export function listFacilitated(): Session[] {
  const found: Session[] = [];
  const store = storage();
  if (!store) return found;
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(SESSION_PREFIX)) continue;
    const s = loadSession(key.slice(SESSION_PREFIX.length));
    if (s?.role === "facilitator") found.push(s);
  }
  return found.sort((a, b) => (b.summary?.seenAt ?? 0) - (a.summary?.seenAt ?? 0));
}

/** Updates what the list shows about a facilitated workshop (only if this device facilitates it). */
export function saveSummary(workshopId: string, patch: Partial<WorkshopSummary>): void {
  const s = loadSession(workshopId);
  if (s?.role !== "facilitator") return;
  const before: WorkshopSummary = s.summary ?? {
    title: "",
    date: "",
    status: "running",
    people: 0,
    seenAt: 0,
  };
  const next = { ...before, ...patch, people: Math.max(before.people, patch.people ?? 0) };
  if (JSON.stringify(next) !== JSON.stringify(before)) saveSession({ ...s, summary: next });
}

const PRESENT_PREFIX = "continuum.present.";

export function loadPresentSession(workshopId: string): PresentSession | null {
  const s = readJson<PresentSession>(PRESENT_PREFIX + workshopId);
  return s && typeof s.token === "string" ? s : null;
}

export function savePresentSession(s: PresentSession): void {
  writeJson(PRESENT_PREFIX + s.workshopId, s);
}

export function forgetSession(workshopId: string): void {
  try {
    storage()?.removeItem(SESSION_PREFIX + workshopId);
    storage()?.removeItem(PEOPLE_PREFIX + workshopId);
  } catch {
    // ignore
  }
}

export function loadLastJoin(): LastJoin {
  const j = readJson<LastJoin>(LAST_JOIN);
  return { name: typeof j?.name === "string" ? j.name : "", groups: j?.groups ?? {} };
}

export function saveLastJoin(code: string, name: string, group: string): void {
  const last = loadLastJoin();
  writeJson(LAST_JOIN, { name, groups: { ...last.groups, [code]: group } });
}

const voterIds = new Map<string, string>();

/**
 * This device's voter id for a workshop's dot votes: made once and kept, so a reload (or a tablet that slept)
 * still owns the dots it placed. Not a secret and not an identity: see docs/architecture.md on voting.
 */
export function voterIdFor(workshopId: string): string {
  const key = VOTER_PREFIX + workshopId;
  const known = voterIds.get(key);
  if (known) return known;
  try {
    const stored = storage()?.getItem(key);
    if (isId(stored)) {
      voterIds.set(key, stored);
      return stored;
    }
  } catch {
    // fall through: a fresh id for this visit
  }
  const id = randomId();
  voterIds.set(key, id);
  try {
    storage()?.setItem(key, id);
  } catch {
    // Storage refused: the id lasts for this page only.
  }
  return id;
}

let deviceId: string | null = null;

/**
 * A random label for this device, the same for every workshop, sent when joining so the facilitator sees
 * how many devices a person uses. Not a secret and not an identity: it proves nothing and opens nothing.
 */
export function deviceLabel(): string {
  if (deviceId) return deviceId;
  try {
    const stored = storage()?.getItem(DEVICE);
    if (isId(stored)) {
      deviceId = stored;
      return stored;
    }
  } catch {
    // fall through: a fresh label for this visit
  }
  deviceId = randomId();
  try {
    storage()?.setItem(DEVICE, deviceId);
  } catch {
    // Storage refused: the label lasts for this page only.
  }
  return deviceId;
}

/** Remembers the workshop this device opened last, where the installed app opens (issue 17). */
export function saveLastWorkshop(workshopId: string): void {
  try {
    storage()?.setItem(LAST_WORKSHOP, workshopId);
  } catch {
    // Storage refused: the app opens on the start page instead.
  }
}

/** The workshop this device opened last, if it still has a session for it. */
export function lastWorkshop(): string | null {
  try {
    const id = storage()?.getItem(LAST_WORKSHOP) ?? null;
    return id && loadSession(id) ? id : null;
  } catch {
    return null;
  }
}

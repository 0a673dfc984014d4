/**
 * The HTTP API, with every failure turned into a sentence a person can act on. The server words its errors
 * for people in English with a stable code; `failureMessage` shows the catalogue's sentence for the code in
 * the person's language (`i18n/errors.ts`), and adds the cases the server cannot word (no network, a proxy's
 * HTML page).
 */
import type {
  AddPersonRequest,
  ApiError,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  JoinRequest,
  JoinResponse,
  LookupResponse,
  ParticipantsResponse,
  RejoinRequest,
  RevokeResponse,
  SessionRequest,
  SessionResponse,
  ShareBackResponse,
  ShareBackStatus,
  ShareResponse,
} from "@continuum/protocol";
import { apiMessage } from "./i18n/errors.ts";
import { i18n } from "./i18n/i18n.ts";

export const UNREACHABLE =
  "We cannot reach the workshop server. Check your Wi-Fi or internet connection, then try again.";

/** An API failure: `message` is for the person, `code` for the program. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where the API lives. Same origin in production; tests point it at a server on a random port. */
let apiBase = "";
export function setApiBase(base: string): void {
  apiBase = base.replace(/\/+$/, "");
}
export function getApiBase(): string {
  return apiBase;
}

function isApiError(body: unknown): body is ApiError {
  const e = (body as ApiError | null)?.error;
  return typeof e?.message === "string" && typeof e.code === "string";
}

type Method = "GET" | "POST" | "DELETE";

const shareBackPath = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}/share-back`;

async function call<T>(method: Method, path: string, body?: unknown, token?: string): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), token);
}

/** A POST of JSON text that is already serialised (an archive file as the person chose it). */
const callRaw = <T>(path: string, json: string): Promise<T> => send<T>("POST", path, json);

async function send<T>(method: Method, path: string, json?: string, token?: string): Promise<T> {
  let res: Response;
  const headers: Record<string, string> = json === undefined ? {} : { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    res = await fetch(apiBase + path, { method, headers, body: json });
  } catch {
    throw new ApiFailure(0, "unreachable", UNREACHABLE);
  }
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    // A proxy or captive portal answered with something that is not our JSON.
  }
  if (res.ok && parsed !== null) return parsed as T;
  if (isApiError(parsed)) throw new ApiFailure(res.status, parsed.error.code, parsed.error.message);
  if (res.status === 429) {
    throw new ApiFailure(
      429,
      "too_many_attempts",
      "Too many wrong attempts. Wait a few minutes and try again.",
    );
  }
  throw new ApiFailure(res.status, "unexpected", UNREACHABLE);
}

export const api = {
  createWorkshop: (req: CreateWorkshopRequest) => call<CreateWorkshopResponse>("POST", "/api/workshops", req),
  lookup: (code: string) => call<LookupResponse>("GET", `/api/lookup/${encodeURIComponent(code)}`),
  join: (req: JoinRequest) => call<JoinResponse>("POST", "/api/join", req),
  session: (req: SessionRequest) => call<SessionResponse>("POST", "/api/session", req),
  /** The same participant again, with the key they got when they joined (a new token, same person). */
  rejoin: (req: RejoinRequest) => call<JoinResponse>("POST", "/api/rejoin", req),
  /**
   * Another person joins from this device (a shared tablet), with the token of someone already in the
   * workshop on it, or the facilitator's: the answer is the new person's own token and key.
   */
  addPerson: (workshopId: string, token: string, req: AddPersonRequest) =>
    call<JoinResponse>("POST", `/api/workshops/${encodeURIComponent(workshopId)}/people`, req, token),
  /** Facilitator: everyone who joined, with their devices and whether they are connected now. */
  participants: (workshopId: string, token: string) =>
    call<ParticipantsResponse>(
      "GET",
      `/api/workshops/${encodeURIComponent(workshopId)}/participants`,
      undefined,
      token,
    ),
  /** Facilitator: removes a person (their devices are disconnected, their token stops working) or lets them back. */
  setRemoved: (workshopId: string, token: string, participantId: string, removed: boolean) =>
    call<{ participantId: string; removed: boolean }>(
      "POST",
      `/api/workshops/${encodeURIComponent(workshopId)}/participants/${encodeURIComponent(participantId)}/${removed ? "remove" : "restore"}`,
      undefined,
      token,
    ),
  /** A new workshop from a JSON archive's text (sent as it is: the server reads and checks it). */
  importWorkshop: (archiveText: string) =>
    callRaw<CreateWorkshopResponse>("/api/workshops/import", archiveText),
  /** New private links; the facilitator's and the big screen's old ones stop working. */
  revoke: (workshopId: string, token: string) =>
    call<RevokeResponse>("POST", `/api/workshops/${encodeURIComponent(workshopId)}/revoke`, undefined, token),
  /** The join code (and for the facilitator a room-screen token), so any device with a private link has them. */
  share: (workshopId: string, token: string) =>
    call<ShareResponse>("GET", `/api/workshops/${encodeURIComponent(workshopId)}/share`, undefined, token),
  /** Facilitator: publishes a results page (a new link; the earlier one stops working). */
  publishResults: (workshopId: string, token: string) =>
    call<ShareBackResponse>("POST", shareBackPath(workshopId), undefined, token),
  resultsState: (workshopId: string, token: string) =>
    call<ShareBackStatus>("GET", shareBackPath(workshopId), undefined, token),
  withdrawResults: (workshopId: string, token: string) =>
    call<{ withdrawn: boolean }>("DELETE", shareBackPath(workshopId), undefined, token),
  /** Anyone with the link: a published results page, without names (`SharedResults` of @continuum/export). */
  results: <T>(slug: string) => call<T>("GET", `/api/results/${encodeURIComponent(slug)}`),
  /** Closes the workshop for everyone; exports still work. */
  close: (workshopId: string, token: string) =>
    call<{ closedAt: number }>(
      "POST",
      `/api/workshops/${encodeURIComponent(workshopId)}/close`,
      undefined,
      token,
    ),
};

/** The sentence to show for anything thrown by `api`, in the person's language. */
export function failureMessage(err: unknown): string {
  if (!(err instanceof ApiFailure) || err.code === "unreachable" || err.code === "unexpected") {
    return i18n.t("errors.unreachable");
  }
  return apiMessage(err.code, err.message);
}

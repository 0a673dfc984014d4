import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  type GroupId,
  isId,
  type ParticipantId,
  type Principal,
  ROLES,
  type Role,
  type WorkshopId,
} from "@continuum/protocol";

/** A random secret, URL safe. 32 bytes: guessing is not a strategy. */
export const newSecretKey = (): string => randomBytes(32).toString("base64url");

export const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex");

/** Compares a presented key to a stored hash without leaking how much matched. */
export function keyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashKey(key), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token secret comes from TOKEN_SECRET or, on the embedded default, from a file in the data directory
 * created on first start, so tokens stay valid across restarts without any setup.
 */
export function loadTokenSecret(dataDir: string, fromEnv: string | undefined): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, "utf8");
  const file = path.join(dataDir, "token-secret");
  if (existsSync(file)) return readFileSync(file);
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

interface TokenPayload {
  /** workshop */
  w: string;
  /** role */
  r: Role;
  /** group, participants only */
  g?: string;
  /** display name */
  n: string;
  /** participant id, participants who joined since ids were issued by the server */
  p?: string;
  /** the workshop's token version when issued; a bump revokes */
  v: number;
  /** issued at, seconds */
  iat: number;
}

export type VerifiedToken = Principal & { tokenVersion: number; issuedAt: number };

/**
 * Stateless signed tokens: `base64url(json).base64url(hmac-sha256)`. Stateless so that a participant's
 * tablet can reconnect to any restart of the server without a session table; revocation is by bumping the
 * workshop's token version.
 */
export class TokenSigner {
  constructor(private readonly secret: Buffer) {}

  sign(p: Principal, tokenVersion: number, now = Date.now()): string {
    const payload: TokenPayload = {
      w: p.workshopId,
      r: p.role,
      n: p.name,
      v: tokenVersion,
      iat: Math.floor(now / 1000),
    };
    if (p.group) payload.g = p.group;
    if (p.participant) payload.p = p.participant;
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${body}.${this.mac(body)}`;
  }

  /** Returns null for anything that is not a token this server signed. Never throws. */
  verify(token: string | null | undefined): VerifiedToken | null {
    if (!token || token.length > 2048) return null;
    const dot = token.indexOf(".");
    if (dot <= 0) return null;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), "base64url");
    const expected = Buffer.from(this.mac(body), "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let payload: Partial<TokenPayload>;
    try {
      payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      return null;
    }
    if (!isId(payload.w) || !ROLES.includes(payload.r as Role)) return null;
    if (typeof payload.v !== "number" || typeof payload.n !== "string" || typeof payload.iat !== "number")
      return null;
    if (payload.r === "participant" && !isId(payload.g)) return null;
    if (payload.p !== undefined && (payload.r !== "participant" || !isId(payload.p))) return null;
    return {
      workshopId: payload.w as WorkshopId,
      role: payload.r as Role,
      group: payload.r === "participant" ? (payload.g as GroupId) : null,
      name: payload.n,
      participant: (payload.p as ParticipantId | undefined) ?? null,
      tokenVersion: payload.v,
      issuedAt: payload.iat,
    };
  }

  /**
   * The tag presence carries for this person (PRES-2, ANON-2): the same on every reconnect and on every
   * document of the workshop, different for each person, and telling nothing about them. A reconnect gets a
   * new Yjs client id, so the board needs something stable to tell "this tablet is back" from "another
   * tablet of the same group is here"; in an anonymous workshop the name cannot be it (it is blank), and
   * the participant id cannot either (notes carry it, so it would tie a tablet to the notes it wrote).
   *
   * An HMAC with the token secret, which every node of a cluster shares, so a reconnect to another node
   * gets the same tag. Its input starts with a label and holds NUL bytes, which a token's base64url body
   * never does, so no tag is ever a token's MAC or a piece of one. Keyed on the participant id; older
   * tokens without one (and the facilitator's and room screen's) on the token itself, which a device
   * keeps across reconnects. Cut to 16 characters (96 bits): unique among a workshop's people, not guessable.
   */
  presenceTag(who: VerifiedToken): string {
    const person = who.participant
      ? `p\u0000${who.participant}`
      : `t\u0000${who.role}\u0000${who.group ?? ""}\u0000${who.name}\u0000${who.issuedAt}`;
    return createHmac("sha256", this.secret)
      .update(`presence-tag\u0000${who.workshopId}\u0000${person}`)
      .digest("base64url")
      .slice(0, 16);
  }

  private mac(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("base64url");
  }
}

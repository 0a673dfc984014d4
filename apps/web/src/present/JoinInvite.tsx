/**
 * Before and between activities, the room's screen invites people in: the address to type, the code in
 * giant type, the QR code, and how many people have joined per group (names are not shown on the big
 * screen: a count is enough to see who is still missing).
 */
import type { Workshop } from "@continuum/model";
import type { Person } from "../sync/presence.ts";
import { useQrCode } from "../ui/qr.ts";

export function JoinInvite({
  code,
  workshop,
  people,
  ended,
}: {
  code: string | null;
  workshop: Workshop;
  people: readonly Person[];
  ended: boolean;
}) {
  const joinUrl = code ? `${location.origin}/join/${code}` : null;
  const qr = useQrCode(joinUrl, 640);
  const here = people.filter((p) => p.here && p.role === "participant");
  return (
    <section className="join-invite" aria-labelledby="invite-title">
      <div className="invite-words">
        <h2 id="invite-title">{ended ? "The meeting has ended. Thank you." : "Join the workshop"}</h2>
        {code ? (
          <>
            <p className="invite-step">
              Go to <strong>{location.host}</strong> and enter the code
            </p>
            <p className="invite-code">
              <span className="sr-only">Workshop code: {code.split("").join(" ")}</span>
              <span aria-hidden="true">{code}</span>
            </p>
            <p className="invite-step">or scan the QR code with your phone or tablet's camera.</p>
          </>
        ) : (
          <p className="invite-step" role="status">
            Getting the join code…
          </p>
        )}
        <ul className="invite-groups" aria-label="People who have joined">
          {workshop.groups.map((g) => {
            const n = here.filter((p) => p.group === g.id).length;
            return (
              <li key={g.id}>
                <span className={`swatch colour-${g.colour}`} aria-hidden="true" />
                {g.name}: <strong>{n}</strong> {n === 1 ? "person" : "people"} joined
              </li>
            );
          })}
        </ul>
      </div>
      {qr && joinUrl ? (
        <img className="invite-qr" src={qr} alt={`QR code that opens the join page: ${joinUrl}`} />
      ) : null}
    </section>
  );
}

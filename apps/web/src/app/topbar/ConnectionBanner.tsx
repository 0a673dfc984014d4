import type { ConnectionState } from "../../sync/connection.ts";

/** Sums up several connections (the workshop and the lanes): the worst one is what the person needs to know. */
export function combineStates(states: readonly ConnectionState[]): ConnectionState | null {
  const order = ["closed", "offline", "reconnecting", "connecting", "connected"] as const;
  let worst: ConnectionState | null = null;
  for (const s of states) {
    if (!worst || order.indexOf(s.status) < order.indexOf(worst.status)) worst = s;
  }
  if (!worst) return null;
  const pending = states.reduce((n, s) => n + s.pending, 0);
  const message = states.find((s) => s.message)?.message ?? null;
  return { ...worst, pending, message };
}

const waiting = (n: number) => (n === 1 ? "1 change waiting" : `${n} changes waiting`);

/** Always on screen: whether what you do reaches the others. Words, not only a coloured dot. */
export function ConnectionBanner({
  state,
  onDismiss,
}: {
  state: ConnectionState | null;
  onDismiss?(): void;
}) {
  if (!state) return null;
  let text: string;
  switch (state.status) {
    case "connected":
      text = "Connected";
      break;
    case "connecting":
      text = "Connecting…";
      break;
    case "reconnecting":
      text =
        state.pending > 0
          ? `Reconnecting… ${waiting(state.pending)}, kept on this device.`
          : "Reconnecting… Your changes are kept on this device.";
      break;
    case "offline":
      text = `Offline. ${state.pending > 0 ? `${waiting(state.pending)}, kept on this device. ` : ""}They will be sent when the connection returns.`;
      break;
    case "closed":
      text = state.message ?? "Disconnected.";
      break;
  }
  const notice = state.status !== "closed" ? state.message : null;
  return (
    <div className={`conn conn-${state.status}`} role="status" aria-live="polite" data-testid="connection">
      <span className="conn-dot" aria-hidden="true" />
      <span>{text}</span>
      {notice ? (
        <span className="conn-notice">
          {notice}
          {onDismiss ? (
            <button type="button" className="btn small" onClick={onDismiss}>
              OK
            </button>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

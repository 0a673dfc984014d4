import { useTranslation } from "react-i18next";
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

/** Always on screen: whether what you do reaches the others. Words, not only a coloured dot. */
export function ConnectionBanner({
  state,
  onDismiss,
}: {
  state: ConnectionState | null;
  onDismiss?(): void;
}) {
  const { t } = useTranslation();
  if (!state) return null;
  let text: string;
  switch (state.status) {
    case "connected":
      text = t("connection.connected");
      break;
    case "connecting":
      text = t("connection.connecting");
      break;
    case "reconnecting":
      text =
        state.pending > 0
          ? t("connection.reconnectingWaiting", { count: state.pending })
          : t("connection.reconnecting");
      break;
    case "offline":
      // Short, for a one-line top bar; `OfflineNotice` below the bar says what it means.
      text =
        state.pending > 0
          ? t("connection.offlineWaiting", { count: state.pending })
          : t("connection.offline");
      break;
    case "closed":
      text = state.message ?? t("connection.disconnected");
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
              {t("connection.ok")}
            </button>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

/**
 * While the device is offline, a sentence across the page under the top bar, as wide as the screen (the top
 * bar is one line on a phone): what is on screen is this device's own copy (IndexedDB, also after a reload
 * with no network, when the service worker opened the app), and what happens to changes. Not a live region:
 * the connection line above already announces "Offline".
 */
export function OfflineNotice({ state }: { state: ConnectionState | null }) {
  const { t } = useTranslation();
  if (state?.status !== "offline") return null;
  return (
    <div className="offline-notice" data-testid="offline-notice">
      <p>
        <strong>{t("connection.noConnection")}</strong> {t("connection.offlineExplain")}
      </p>
    </div>
  );
}

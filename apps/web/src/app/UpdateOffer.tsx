import { useTranslation } from "react-i18next";
import { offerLater, useUpdateOffer } from "./update.ts";
import "./offline.css";

/**
 * "A new version is ready — Reload": a strip above the page, shown only when it cannot interrupt anything
 * (see `update.ts`). "Later" puts it away until the next activity. Reloading keeps everything: the workshop's
 * changes are in this device's IndexedDB and the session in localStorage.
 */
export function UpdateOffer() {
  const { show, reload } = useUpdateOffer();
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <div className="update-offer" role="status" data-testid="update-offer">
      <p>
        <strong>{t("update.ready")}</strong> {t("update.explain")}
      </p>
      <div className="update-actions">
        <button type="button" className="btn primary" onClick={reload}>
          {t("update.reload")}
        </button>
        <button type="button" className="btn" onClick={offerLater}>
          {t("update.later")}
        </button>
      </div>
    </div>
  );
}

import { useTranslation } from "react-i18next";
import { setLargerText, useLargerText } from "./textSize.ts";

/** The switch for larger text and targets: a button that says whether it is on, in words too. */
export function LargerTextSwitch({ className = "" }: { className?: string }) {
  const on = useLargerText();
  const { t } = useTranslation();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      className={`btn text-switch ${className}`.trim()}
      onClick={() => setLargerText(!on)}
    >
      <span aria-hidden="true" className="text-switch-mark">
        A<span>A</span>
      </span>
      {t("larger.label")}
      <span className="text-switch-state">{on ? t("common.on") : t("common.off")}</span>
    </button>
  );
}

/**
 * A line under a note's writing area saying that the device's own dictation works there: some people find
 * speaking easier than writing. The writing areas are plain textareas with no key handling of their own, so
 * the keyboard's microphone (iPadOS, Android, Windows) types into them as into any field.
 */
import { useTranslation } from "react-i18next";

export function DictationHint({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <span id={id} className="hint dictation-hint">
      {t("common.dictationHint")}
    </span>
  );
}

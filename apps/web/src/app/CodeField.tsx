import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

/** Where a workshop code is typed: capitals, no autocomplete or spelling fixes. */
export function CodeField({
  value,
  onChange,
  ...rest
}: { value: string; onChange(value: string): void } & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "inputMode" | "placeholder"
>) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{t("join.codeField")}</span>
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="code-input"
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        {...rest}
      />
    </label>
  );
}

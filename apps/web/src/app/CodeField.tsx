import type { InputHTMLAttributes } from "react";

/** Where a workshop code is typed: capitals, no autocomplete or spelling fixes. */
export function CodeField({
  value,
  onChange,
  ...rest
}: { value: string; onChange(value: string): void } & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "inputMode" | "placeholder"
>) {
  return (
    <label className="field">
      <span>Workshop code (on the screen in the room)</span>
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

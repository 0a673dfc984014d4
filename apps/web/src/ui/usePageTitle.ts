import { useEffect } from "react";

/**
 * Names the screen in the browser's tab and history (WCAG 2.4.2): what is on screen first, then the workshop,
 * then the product. Put back as it was when the screen goes.
 */
export function usePageTitle(...parts: readonly (string | null | undefined)[]): void {
  const title = [...parts.filter((p): p is string => !!p?.trim()), "Continuum"].join(" – ");
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
}

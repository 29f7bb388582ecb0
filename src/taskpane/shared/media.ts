import * as React from "react";

/** Phones and other touch screens: up to a phone's width (375 px and the like), or a coarse pointer. */
export const PHONE = "@media (max-width: 599px), (pointer: coarse)";

/** Where 填写 shows the official table instead of the form (issue 22: a wide screen, 900 px and more). */
export const WIDE = "(min-width: 900px)";

/** Whether a media query matches now, following its changes (false where matchMedia is missing, as in jsdom). */
export function useMediaQuery(query: string): boolean {
  const list = React.useMemo(
    () =>
      typeof window !== "undefined" && typeof window.matchMedia === "function"
        ? window.matchMedia(query)
        : null,
    [query],
  );
  return React.useSyncExternalStore(
    (changed) => {
      list?.addEventListener("change", changed);
      return () => list?.removeEventListener("change", changed);
    },
    () => list?.matches ?? false,
  );
}

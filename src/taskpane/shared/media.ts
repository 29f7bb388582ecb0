/** Phones and other touch screens: up to a phone's width (375 px and the like), or a coarse pointer. */
export const PHONE = "@media (max-width: 599px), (pointer: coarse)";

/** Where 填写 shows the official table instead of the form (issue 22: a wide screen, 900 px and more). */
export const WIDE = "(min-width: 900px)";

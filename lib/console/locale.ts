/** The locale the console formats dates and numbers in: British English (24-hour clock, `26 Nov`, `1,000`), as i18nFor("en") does for the portal. */
export const CONSOLE_LOCALE = "en-GB";

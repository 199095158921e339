/** The keys page's query flag that asks for the create dialog to open (set only by landingPath, lib/portal-sessions/intent.ts). */
export const CREATE_DIALOG_FLAG = "create";

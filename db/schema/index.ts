export * from "./workspaces";
export * from "./root-keys";
export * from "./apis";
export * from "./identities";
export * from "./keys";
export * from "./portals";
export * from "./portal-sessions";
export * from "./events";

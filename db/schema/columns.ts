import { bigint } from "drizzle-orm/pg-core";

/** Unix milliseconds: the wire format of every time in Unkey's API, and easy to inject in tests. */
export const ms = (name: string) => bigint(name, { mode: "number" });

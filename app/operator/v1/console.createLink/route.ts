// POST /operator/v1/console.createLink — a one-time console sign-in link (operator view, or one workspace's admin view)
import { route } from "@/lib/api/route";
import { createConsoleLink, createConsoleLinkInput } from "@/lib/console/create-link";
import { consoleLinkOutput } from "@/lib/console/responses";
import { operatorAuth } from "@/lib/operator/operator-auth";

export const POST = route({
  summary: "a one-time console sign-in link (operator view, or one workspace's admin view)",
  auth: operatorAuth,
  input: createConsoleLinkInput,
  output: consoleLinkOutput,
  handler: async ({ db, input, actor }) => {
    const { url, expiresAt } = await createConsoleLink({ db, input, actor });
    return { url, expiresAt };
  },
});

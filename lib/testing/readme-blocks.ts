/**
 * README's runnable examples. A fenced block preceded by `<!-- readme-test expect="…" -->` is run by
 * lib/readme.test.ts against a test server, in order, and its output must contain `expect`.
 *
 * Conventions the blocks follow (so that a reader can copy them as written):
 * - `http://localhost:3000` is where the reader's server listens; the test points it at its own.
 * - `export NAME=…` with a `…` in the value is the reader pasting something shown earlier (the root
 *   key demo printed, the key copied in the portal); the test supplies NAME instead.
 */
export type ReadmeBlock = { lang: "sh" | "ts"; code: string; expect: string; line: number };

const MARKER = /^<!-- readme-test expect="((?:[^"\\]|\\.)*)" -->$/;

export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i] ?? "");
    if (!marker) continue;
    const fence = /^```(sh|ts)$/.exec(lines[i + 1] ?? "");
    if (!fence) throw new Error(`README line ${i + 1}: a readme-test marker must sit right above a \`\`\`sh or \`\`\`ts block`);
    const end = lines.indexOf("```", i + 2);
    if (end === -1) throw new Error(`README line ${i + 2}: unclosed block`);
    blocks.push({
      lang: fence[1] as "sh" | "ts",
      code: lines.slice(i + 2, end).join("\n"),
      expect: (marker[1] ?? "").replace(/\\(.)/g, "$1"),
      line: i + 2,
    });
    i = end;
  }
  return blocks;
}

/** The block as the test runs it: against `baseUrl`, with the reader's pasted values left to the environment. */
export function runnableCode(block: ReadmeBlock, baseUrl: string): string {
  return block.code
    .split("\n")
    .filter((line) => !/^export [A-Z_]+=\S*…/.test(line))
    .join("\n")
    .replaceAll("http://localhost:3000", baseUrl);
}

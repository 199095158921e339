/** Text whose `backticked` spans are commands: each becomes a <code> element (the React twin of lib/ui/static-page.ts escapeWithCode). */
export function WithCode({ text }: { text: string }) {
  return text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

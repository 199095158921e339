import Link from "next/link";

export default function UnknownErrorCode() {
  return (
    <main className="doc">
      <h1>Unknown error code</h1>
      <p>
        Keyport has no error with this code. The <Link href="/docs/errors">error reference</Link> lists every code it answers
        with.
      </p>
    </main>
  );
}

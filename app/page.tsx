export default function Home() {
  return (
    <main style={{ maxWidth: 760, margin: "0 auto", padding: 24 }}>
      <h1>Keyport</h1>
      <p>A self-hostable API-key service with a customer portal.</p>
    </main>
  );
}

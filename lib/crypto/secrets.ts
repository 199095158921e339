import { hash, randomBytes } from "node:crypto";

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

export function base58(bytes: Uint8Array): string {
  let n = BigInt("0x" + (Buffer.from(bytes).toString("hex") || "0"));
  let out = "";
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = "1" + out;
  }
  return out;
}

/** A fresh secret: `prefix_` + base58 of `bytes` random bytes from the CSPRNG (≥16 bytes = 128 bits). */
export function newSecret(prefix: string, bytes = 16): string {
  if (bytes < 16) throw new Error("secrets need at least 128 bits");
  return `${prefix}_${base58(randomBytes(bytes))}`;
}

/** SHA-256, base64: the only form in which a secret is stored or looked up. (One-shot `hash`: no Hash object per call on the verify path.) */
export function sha256(secret: string): string {
  return hash("sha256", secret, "base64");
}

/** What lists show of a secret: `prefix_` + the first 4 characters after it. */
export function secretStart(secret: string): string {
  const cut = secret.lastIndexOf("_");
  return cut < 0 ? secret.slice(0, 4) : secret.slice(0, cut + 5);
}

import { sanitizeLogoUrl } from "@/lib/ui/branding";

/** Logo (sanitised URL only) or a monogram in the brand colour, then the display name. */
export function Brand({ displayName, logoUrl, suffix }: { displayName: string; logoUrl?: string | null; suffix?: string }) {
  const logo = sanitizeLogoUrl(logoUrl);
  const initial = displayName.trim().charAt(0).toUpperCase() || "K";
  return (
    <div className="p-brand">
      {logo ? (
        // eslint-disable-next-line @next/next/no-img-element -- a third-party logo URL; next/image would proxy it through this server
        <img src={logo} alt="" referrerPolicy="no-referrer" />
      ) : (
        <span className="p-brand-mark" aria-hidden="true">
          {initial}
        </span>
      )}
      <span className="p-brand-name">
        {displayName}
        {suffix ? <span className="p-brand-sub"> · {suffix}</span> : null}
      </span>
    </div>
  );
}

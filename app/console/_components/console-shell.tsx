import Link from "next/link";
import type { ReactNode } from "react";
import type { ConsoleViewer } from "@/lib/console/viewer";
import { Brand } from "../../portal/_components/brand";
import { LAYER_ID } from "../../portal/_components/layer";
import { ConsoleNav } from "./console-nav";
import { SecretHost } from "./secret-host";

/**
 * The console's frame (docs/console.md): brand and where you are, who is signed in (the operator, or
 * the admin of one workspace) and Sign out, the workspace's sections when a workspace is open, and the
 * layer dialogs render into, and the host of the "shown once" dialog (secret-host.tsx). Server-rendered;
 * Sign out is a plain form POST, so it works without script.
 */
export function ConsoleShell({ viewer, workspace, children }: { viewer: ConsoleViewer; workspace?: { id: string; name: string }; children: ReactNode }) {
  const operator = viewer.workspaceId === null;
  return (
    <div className="portal console">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="c-header">
        <div className="c-header-inner">
          <div className="c-topline">
            <div className="c-where">
              <Link prefetch={false} href={operator ? "/console" : `/console/w/${viewer.workspaceId}`} className="c-home">
                <Brand displayName="Keyport" suffix="Console" />
                {/* The visible name stays the start of the link's name (WCAG 2.5.3, axe label-content-name-mismatch). */}
                <span className="visually-hidden">: start page</span>
              </Link>
              {/* The operator's way back to every workspace; an admin has one workspace, named on the right. */}
              {workspace && operator ? (
                <nav aria-label="Breadcrumb" className="c-crumbs">
                  <ol>
                    <li>
                      <Link prefetch={false} href="/console">
                        Workspaces
                      </Link>
                    </li>
                    <li>
                      <Link prefetch={false} href={`/console/w/${workspace.id}`} aria-current="page" className="c-crumb-current">
                        {workspace.name}
                      </Link>
                    </li>
                  </ol>
                </nav>
              ) : null}
            </div>
            <div className="c-user">
              <span data-testid="console-viewer">
                {operator ? (
                  <>
                    Signed in as <strong>operator</strong>
                  </>
                ) : (
                  <>
                    Admin of <strong>{workspace?.name ?? viewer.workspaceId}</strong>
                  </>
                )}
              </span>
              <form method="post" action="/console/sign-out">
                <button type="submit" className="btn btn-sm">
                  Sign out
                </button>
              </form>
            </div>
          </div>
          {workspace ? <ConsoleNav workspaceId={workspace.id} /> : null}
        </div>
      </header>
      <main id="main" className="c-main">
        <SecretHost>{children}</SecretHost>
      </main>
      <footer className="p-footer">
        Keyport console · session <span data-testid="console-session">{viewer.sessionId}</span>
      </footer>
      <div id={LAYER_ID} />
    </div>
  );
}

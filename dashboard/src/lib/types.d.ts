// Types shared by the page modules (for tsc only; build.mjs does not ship .d.ts files).
import type { Api } from './api.js';
import type { Session } from './session.js';

/** /config.json: written by `mailflow run` and by the CDK deployment (docs/dashboard.md, Settings). */
export interface Settings {
  apiBaseUrl: string;
  environment: string;
  /** Under `mailflow run` with its own signing key: the link it prints signs in; otherwise null. */
  oidc: OidcSettings | null;
  /** The claim holding the roles (api.rolesClaim), a dotted path for nested claims. */
  rolesClaim?: string;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string[];
  token: 'access_token' | 'id_token';
}

export interface PageContext {
  api: Api;
  session: Session;
  settings: Settings;
  /** The route's segments after the page's own: #/queues/NAME gives ["NAME"]. */
  params: string[];
  query: URLSearchParams;
  /** Aborted when the page is left: timers and requests stop with it. */
  signal: AbortSignal;
  navigate(hash: string): void;
  /** Re-reads the alert banner (after an action that changes queues or switches). */
  refreshBanner(): void;
}

export interface PageModule {
  render(main: HTMLElement, context: PageContext): void | Promise<void>;
}

// Shapes of the platform connector's status, shared by the API route and the /platform page.

/** What GET /api/platform/status answers and the /platform page shows. Never a token or secret. */
export interface PlatformStatus {
  configured: boolean;
  /** Why it is not configured, or the configuration error (variable names only). */
  note: string | null;
  /** Host and port of PLATFORM_URL (no path, no credentials). */
  host: string | null;
  appId: string | null;
  discover: boolean;
  syncSeconds: number | null;
  lostPushGraceSeconds: number | null;
  connection: {
    holder: string | null;
    leaseUntil: string | null;
    tokenIssuedAt: string | null;
    tokenExpiresAt: string | null;
    /** Seconds since the current token was issued (null without one). */
    tokenAgeSeconds: number | null;
    lastLoginAt: string | null;
    logins: number;
    lastError: string | null;
    lastErrorAt: string | null;
  } | null;
  tasks: {
    operationId: string;
    operateType: string | null;
    status: string | null;
    staTotal: number | null;
    targetsSynced: number;
    lostPushes: number;
    syncedAt: string | null;
    syncError: string | null;
    syncErrorAt: string | null;
    refreshRequestedAt: string | null;
    syncingBy: string | null;
  }[];
}

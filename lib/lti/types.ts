// What the browser is handed about LTI 1.3 (the Course sites page).

/** A registered course site as the Course sites page lists it. */
export type RegisteredPlatform = {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  /** the registering instructor's name (or email); null when that account is gone or was never recorded */
  registeredBy: string | null;
  /** ISO 8601 */
  registeredAt: string;
  /** registered by the instructor looking: only they may remove it */
  mine: boolean;
};

/** On every page while no sign-in is configured: nobody should mistake a trial for a protected install. */
export function OpenAccessBanner() {
  return (
    <div
      className="border-b border-amber-300 bg-amber-50 px-4 py-1.5 text-center text-sm text-amber-950"
      data-testid="open-access-banner"
    >
      <strong className="font-semibold">No sign-in configured:</strong> anyone who can reach this server sees every page
      and API. Fine for a local trial; set <code>AUTH_USERS</code> or <code>AUTH_OIDC_ISSUER</code> before real use.
    </div>
  );
}

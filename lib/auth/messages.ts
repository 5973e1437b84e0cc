/** The sign-in page's message for an Auth.js error code; never says whether the user name exists. */
export function describeSignInError(code: string | undefined): string | undefined {
  switch (code) {
    case undefined:
    case "":
      return undefined;
    case "credentials":
    case "CredentialsSignin":
      return "Wrong user name or password.";
    case "rate_limited":
      return "Too many failed sign-ins from here. Wait a little (the wait doubles with each further failure), then try again.";
    case "Configuration":
      return "Sign-in is misconfigured on the server; the server log says why.";
    default:
      return "Single sign-on did not complete. Try again, or ask the administrator of your identity provider.";
  }
}

// Drives Amplify's JavaScript library (v6) against a Cognito API endpoint, configured from
// an amplify_outputs.json written by `cognito-auth outputs`.
//
//   node flow.mjs OUTPUTS ENDPOINT signup USERNAME PASSWORD [EMAIL]
//   node flow.mjs OUTPUTS ENDPOINT signin USERNAME PASSWORD
//
// Prints one JSON line: {"ok": true, ...} or {"ok": false, "name": ..., "message": ...}.
import { readFileSync } from "node:fs";
import { Amplify } from "aws-amplify";
import { signUp, signIn, fetchAuthSession, getCurrentUser } from "aws-amplify/auth";

const [outputsPath, endpoint, action, username, password, email] = process.argv.slice(2);
const outputs = JSON.parse(readFileSync(outputsPath, "utf8"));

// The file configures Amplify as is; only the endpoint of the local Cognito API is added.
Amplify.configure(outputs);
const config = Amplify.getConfig();
Amplify.configure({
  ...config,
  Auth: { ...config.Auth, Cognito: { ...config.Auth.Cognito, userPoolEndpoint: endpoint } },
});

function report(result) {
  process.stdout.write(JSON.stringify(result) + "\n");
}

try {
  if (action === "config") {
    report({ ok: true, cognito: Amplify.getConfig().Auth.Cognito });
  } else if (action === "signup") {
    const attributes = email ? { email } : {};
    const result = await signUp({ username, password, options: { userAttributes: attributes } });
    report({ ok: true, isSignUpComplete: result.isSignUpComplete, nextStep: result.nextStep.signUpStep, userId: result.userId });
  } else if (action === "signin") {
    const result = await signIn({ username, password, options: { authFlowType: "USER_SRP_AUTH" } });
    let user = null;
    let hasTokens = false;
    if (result.isSignedIn) {
      user = await getCurrentUser();
      const session = await fetchAuthSession();
      hasTokens = Boolean(session.tokens && session.tokens.accessToken);
    }
    report({ ok: true, isSignedIn: result.isSignedIn, nextStep: result.nextStep.signInStep, username: user && user.username, hasTokens });
  } else {
    report({ ok: false, name: "UsageError", message: `unknown action ${action}` });
  }
} catch (error) {
  report({ ok: false, name: error.name, message: error.message });
}

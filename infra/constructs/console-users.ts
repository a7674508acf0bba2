import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { consoleTenantClaim } from '../../shared/domain/tenant';

/**
 * The user attribute holding a console user's tenant (`dealer:<id>` or `brand:<id>`), named from
 * the claim the console's routes read: Cognito prefixes custom attributes with `custom:`.
 */
export const consoleTenantAttribute = ((claim: string): string => {
  const name = /^custom:(\w{1,20})$/.exec(claim)?.[1];
  if (!name) throw new Error(`${claim} is not a Cognito custom attribute claim (custom:<name>)`);
  return name;
})(consoleTenantClaim);

export interface ConsoleUsersProps {
  /** The stage (`dev`, `prod`): part of the hosted UI's domain prefix. */
  readonly stage: string;
}

/**
 * Who may sign in to the console: a Cognito user pool whose users an administrator creates (no
 * self sign-up), each with the tenant they speak for in an attribute only administrators write.
 * Users sign in with their email address, a strong password and a TOTP code (MFA required), on
 * the Plus feature plan with threat protection enforced (compromised credentials, risky sign-ins
 * blocked): the console shows customers' personal data and holds the pause switch.
 */
export class ConsoleUsers extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  /** Where the browser signs in and exchanges its code (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly hostedUiUrl: string;

  constructor(scope: Construct, id: string, props: ConsoleUsersProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `dealer-journeys-console-${props.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [consoleTenantAttribute]: new cognito.StringAttribute({ minLen: 3, maxLen: 128, mutable: true }),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // TOTP only: SMS codes would need an SNS role and a sender per country for a handful of users.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Cognito prefixes are unique per region across all accounts: the account id makes ours so.
    const domainPrefix = Fn.join('-', ['dealer-journeys', props.stage, Aws.ACCOUNT_ID]);
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    this.hostedUiUrl = this.domain.baseUrl();
  }

  /**
   * The console's app client: a browser app, so no secret; authorization code with PKCE through
   * the hosted UI only (no password flows of its own), returning to `consoleUrl`. It reads the
   * tenant attribute (into the ID token the API checks) but cannot write it, and gets no
   * `aws.cognito.signin.user.admin` scope, so a user cannot change their own attributes.
   */
  addConsoleClient(consoleUrl: string): cognito.UserPoolClient {
    const returnUrls = [`${consoleUrl}/`];
    return this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: returnUrls,
        logoutUrls: returnUrls,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(consoleTenantAttribute),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }
}

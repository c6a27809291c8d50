// Package server is the engine of iamkit's local IAM-compatible server:
// the state, the action handlers, authentication, authorization, fault
// injection and persistence. iamtest and `iamctl serve` are thin wrappers.
// It never imports the root iam package.
//
// # Wire protocol
//
// Requests are form-encoded POSTs or GET queries carrying Action and
// Version=2010-05-08 (a missing or other Version is InvalidAction, as in
// AWS). Answers are IAM's XML: <ActionResponse> in the
// https://iam.amazonaws.com/doc/2010-05-08/ namespace, <ActionResult>
// (left out for actions without a result), ResponseMetadata/RequestId, and
// the request ID in the X-Amzn-RequestId header. Errors use IAM's
// ErrorResponse envelope, codes and HTTP statuses. Policy documents come
// back URL-encoded as IAM sends them. Every paged list takes Marker and
// MaxItems (default 100, 1..1000) and answers IsTruncated and Marker;
// markers are opaque. The implemented actions are listed by Actions.
//
// # Authentication and authorization
//
// Every request is verified by internal/sign: SigV4 in the header or the
// query string (any region, service iam), or SigV2 (host with or without
// its port), against the stored secret, 15 minutes of clock skew allowed.
// The configured root keys exist from the start; keys from
// CreateAccessKey authenticate once active and propagated.
//
// Root may do everything. Any other caller is authorized by
// internal/policy against the identity-based policies that apply to it
// (its inline and attached policies and its groups'), and its permissions
// boundary when set, for action iam:<Action> on the resource ARN of the
// IAM service authorization reference (user/PATH/NAME, group/..., role/...,
// policy/..., instance-profile/..., mfa/..., server-certificate/...,
// oidc-provider/..., saml-provider/...; "*" for account-wide lists).
// Context keys: aws:username, aws:userid, aws:PrincipalArn,
// aws:PrincipalAccount, aws:PrincipalType, aws:PrincipalTag/*,
// aws:CurrentTime, aws:EpochTime, aws:SecureTransport, aws:SourceIp,
// aws:RequestedRegion, iam:ResourceTag/* and aws:ResourceTag/* of a
// tagged user, role or managed policy, and where the request carries them
// iam:PolicyARN, iam:PermissionsBoundary, aws:RequestTag/* and
// aws:TagKeys.
//
// # Rules
//
// Names follow IAM's patterns and lengths and are unique regardless of
// case. Quotas: 2 access keys, 2 signing certificates, 5 SSH keys, 8 MFA
// devices and 10 groups per user; 10 attached managed policies per user,
// group or role; 5 versions per managed policy; one role per instance
// profile; inline policy sizes per owner as IAM counts them. Deleting an
// entity with dependents is DeleteConflict. IDs carry AWS's prefixes
// (AIDA, AGPA, AROA, ANPA, AIPA, ASCA, APKA, ACCA; AKIA keys) and come
// from a seeded generator.
//
// # Eventual consistency
//
// With Config.PropagationDelay set, a new access key authenticates, and a
// new user, group, role, managed policy or instance profile is found by
// its Get action, only once the delay has passed since its creation by
// the server's clock. Lists and every other action see new entities at
// once.
//
// # Persistence
//
// With Config.StateFile set, the state is loaded at start and, after
// every successful write action and before its answer is sent, saved as
// JSON (0600: it holds secret keys) by writing a temporary file in the same
// directory, syncing it, renaming it over the old file and syncing the
// directory. A save that fails answers ServiceFailure and rolls the change
// back. The file also keeps the ID generator's position (a seeded server
// restarted on it never reissues an ID) and root keys New had to generate
// (a restart accepts the keys printed on the first run). Passwords are
// stored as salted hashes; private keys of server certificates are checked
// against the certificate and not kept.
//
// # Known differences from AWS
//
//   - Hardware MFA codes cannot be checked (the seed is the vendor's), so
//     EnableMFADevice accepts any six digits for a non-virtual serial.
//   - ChangePassword with a wrong old password answers AccessDenied.
//   - A handful of AWS managed policies exist (AdministratorAccess,
//     IAMFullAccess, IAMReadOnlyAccess, IAMUserChangePassword,
//     PowerUserAccess), with IAM-only documents.
//   - No default password policy applies until
//     UpdateAccountPasswordPolicy sets one.
//   - GenerateCredentialReport builds the report at once: STARTED on the
//     first call, COMPLETE afterwards.
package server

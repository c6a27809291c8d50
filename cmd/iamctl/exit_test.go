package main

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iamkit/iam"
)

// Every error code that says the request itself was wrong is "invalid
// input", and every refusal of the caller's credentials is "denied", so
// that a script does not retry what can never succeed as if it were an
// outage (exit 1).
func TestExitCodeOfServiceErrors(t *testing.T) {
	tests := map[string]int{
		"NoSuchEntity": exitNotFound,

		"AccessDenied": exitDenied, "InvalidClientTokenId": exitDenied, "SignatureDoesNotMatch": exitDenied,
		"MissingAuthenticationToken": exitDenied, "IncompleteSignature": exitDenied, "RequestExpired": exitDenied,
		"ExpiredToken": exitDenied,

		"InvalidInput": exitInvalid, "ValidationError": exitInvalid, "MalformedPolicyDocument": exitInvalid,
		"InvalidAction": exitInvalid, "MalformedQueryString": exitInvalid, "MissingParameter": exitInvalid,
		"MissingAction": exitInvalid, "InvalidParameterValue": exitInvalid, "InvalidParameterCombination": exitInvalid,
		"InvalidQueryParameter": exitInvalid, "InvalidAuthenticationCode": exitInvalid,
		"PasswordPolicyViolation": exitInvalid, "MalformedCertificate": exitInvalid, "InvalidCertificate": exitInvalid,
		"InvalidPublicKey": exitInvalid, "UnrecognizedPublicKeyEncoding": exitInvalid, "KeyPairMismatch": exitInvalid,
		"InvalidUserType": exitInvalid,

		"Throttling": exitOther, "DeleteConflict": exitOther, "LimitExceeded": exitOther,
		"EntityAlreadyExists": exitOther, "ServiceFailure": exitOther,
	}
	for code, want := range tests {
		t.Run(code, func(t *testing.T) {
			err := fmt.Errorf("wrapped: %w", &iam.OperationError{Action: "X", Err: &iam.APIError{Code: code, StatusCode: 400}})
			assert.Equal(t, want, exitCode(err))
		})
	}
}

func TestCallUnknownActionIsInvalidInput(t *testing.T) {
	x := newCtl(t)
	code, _, errOut := x.run("call", "ListUzers")
	assert.Equal(t, exitInvalid, code, errOut)
	assert.Contains(t, errOut, "InvalidAction")
}

// A mistyped Name=Value argument is named in the error only when it looks
// like a parameter name: "Password:$PW" must not put the password on
// stderr, which CI systems keep.
func TestCallDoesNotEchoAMistypedValue(t *testing.T) {
	x := newCtl(t)
	const secret = "s3cr3t/Pass+word"
	code, out, errOut := x.run("call", "CreateLoginProfile", "UserName=alice", "Password:"+secret)
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, out)
	assert.NotContains(t, errOut, secret)
	assert.NotContains(t, errOut, "s3cr3t")
	assert.Contains(t, errOut, "argument 3")
	assert.Contains(t, errOut, "want Name=Value")
}

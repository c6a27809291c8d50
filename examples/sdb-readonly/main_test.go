package main

import (
	"bytes"
	"testing"

	"github.com/iamkit/iam/examples/internal/exampletest"
	"github.com/iamkit/iam/examples/internal/scenarios"
	"github.com/iamkit/iam/iamtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSDBReadOnly(t *testing.T) {
	srv, c := exampletest.Configure(t)
	domain := scenarios.SDBDomainARN(iamtest.Region, srv.AccountID(), scenarios.SDBDomain)
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())
	assert.Equal(t, []string{scenarios.SDBUserName}, exampletest.GroupMembers(t, c, scenarios.SDBGroupName))
	assert.JSONEq(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sdb:GetAttributes","sdb:Select"],"Resource":"`+domain+`"}]}`,
		exampletest.GroupPolicy(t, c, scenarios.SDBGroupName, scenarios.SDBPolicyName))
	require.Len(t, exampletest.AccessKeys(t, c, scenarios.SDBUserName), 1)
	for _, line := range []string{
		"sdb:Select        on " + domain + " ",
		"sdb:PutAttributes on " + domain + " ",
		"iam:CreateUser    on *",
	} {
		assert.Contains(t, out.String(), line)
	}
	assert.Equal(t, 3, bytes.Count(out.Bytes(), []byte("denied (implicitDeny)")))
	assert.Equal(t, 1, bytes.Count(out.Bytes(), []byte(" allowed\n")))

	out.Reset()
	require.Equal(t, 0, run(nil, &out, &errOut), errOut.String())
	require.Len(t, exampletest.AccessKeys(t, c, scenarios.SDBUserName), 1)
	assert.NotContains(t, out.String(), "  created ")

	require.Equal(t, 0, run([]string{"--cleanup"}, &out, &errOut), errOut.String())
	exampletest.Empty(t, c)
}

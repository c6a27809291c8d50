package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/iamkit/iam/internal/server/testclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateGetUser(t *testing.T) {
	e := newEnv(t)
	r := e.ok("CreateUser", "UserName", "Bob", "Path", "/division/", "Tags.member.1.Key", "team", "Tags.member.1.Value", "a&b")
	assert.Contains(t, string(r.Body), `<CreateUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateUserResult><User>`)
	assert.Equal(t, "Bob", value(t, r.Body, "UserName"))
	id := value(t, r.Body, "UserId")
	assert.Len(t, id, 21)
	assert.True(t, strings.HasPrefix(id, "AIDA"))
	assert.Equal(t, "arn:aws:iam::123456789012:user/division/Bob", value(t, r.Body, "Arn"))
	assert.Equal(t, "2026-01-02T15:04:05Z", value(t, r.Body, "CreateDate"))
	assert.Equal(t, "a&b", value(t, r.Body, "Value"))

	r = e.ok("GetUser", "UserName", "bob")
	assert.Equal(t, id, value(t, r.Body, "UserId"))

	e.fail(http.StatusConflict, CodeEntityAlreadyExists, "CreateUser", "UserName", "BOB")
	e.fail(http.StatusNotFound, CodeNoSuchEntity, "GetUser", "UserName", "alice")
}

func TestGetUserRoot(t *testing.T) {
	e := newEnv(t)
	r := e.ok("GetUser")
	assert.Equal(t, "arn:aws:iam::123456789012:root", value(t, r.Body, "Arn"))
	assert.Equal(t, "123456789012", value(t, r.Body, "UserId"))
	assert.Empty(t, values(t, r.Body, "UserName"))
}

func TestDeleteUser(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	e.ok("DeleteUser", "UserName", "bob")
	r := e.ok("ListUsers")
	assert.Empty(t, values(t, r.Body, "member"))
	require.NotContains(t, string(r.Body), "DeleteUserResult")
}

// IAM accepts GET with the parameters in the query string, signed like
// any request.
func TestGetRequest(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	req, err := http.NewRequest(http.MethodGet, e.hs.URL+"/?"+form("GetUser", "UserName", "bob"), nil)
	require.NoError(t, err)
	testclient.SignV4(req, nil, testAK, testSK, "", e.clock.now())
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body := readAll(t, resp)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	assert.Equal(t, "bob", value(t, body, "UserName"))
	assert.Equal(t, value(t, body, "RequestId"), resp.Header.Get("X-Amzn-RequestId"))
}

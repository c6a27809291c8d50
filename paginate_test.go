package iam

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// usersPage is one scripted answer of a paginated ListUsers.
type usersPage struct {
	users     []string
	truncated string // "true", "false" or "" for no IsTruncated element
	marker    string
	status    int // 0 means 200
	body      string
}

func (p usersPage) xml() string {
	if p.body != "" {
		return p.body
	}
	var b strings.Builder
	b.WriteString(`<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult><Users>`)
	for _, u := range p.users {
		fmt.Fprintf(&b, `<member><Path>/</Path><UserName>%s</UserName><UserId>AIDA%s</UserId>`+
			`<Arn>arn:aws:iam::123456789012:user/%s</Arn><CreateDate>2020-01-02T03:04:05Z</CreateDate></member>`, u, u, u)
	}
	b.WriteString(`</Users>`)
	if p.truncated != "" {
		fmt.Fprintf(&b, `<IsTruncated>%s</IsTruncated>`, p.truncated)
	}
	if p.marker != "" {
		fmt.Fprintf(&b, `<Marker>%s</Marker>`, p.marker)
	}
	b.WriteString(`</ListUsersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUsersResponse>`)
	return b.String()
}

// usersPageServer answers ListUsers from pages keyed by the Marker received
// ("" for the first page) and records the markers and filters sent.
func usersPageServer(t *testing.T, pages map[string]usersPage) (*Client, *[]string, *atomic.Int32) {
	t.Helper()
	var sent []string
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		require.NoError(t, r.ParseForm())
		assert.Equal(t, "/eng/", r.PostForm.Get("PathPrefix"), "the filter is sent on every page")
		assert.Equal(t, "2", r.PostForm.Get("MaxItems"), "MaxItems is sent on every page")
		m := r.PostForm.Get("Marker")
		sent = append(sent, m)
		p, ok := pages[m]
		if !ok {
			t.Errorf("unexpected marker %q", m)
			xmlReply(w, 400, "")
			return
		}
		status := p.status
		if status == 0 {
			status = 200
		}
		xmlReply(w, status, p.xml())
	})
	return c, &sent, &hits
}

func collectUserNames(seq func(func(User, error) bool)) ([]string, error) {
	var names []string
	for u, err := range seq {
		if err != nil {
			return names, err
		}
		names = append(names, u.UserName)
	}
	return names, nil
}

func TestListUsersAllWalksThreePages(t *testing.T) {
	c, sent, _ := usersPageServer(t, map[string]usersPage{
		"":   {users: []string{"a", "b"}, truncated: "true", marker: "m1"},
		"m1": {users: []string{"c", "d"}, truncated: "true", marker: "m2"},
		"m2": {users: []string{"e"}, truncated: "false"},
	})
	opts := &ListUsersOptions{PathPrefix: "/eng/", PageOptions: PageOptions{MaxItems: 2}}
	names, err := collectUserNames(c.ListUsersAll(context.Background(), opts))
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, names)
	assert.Equal(t, []string{"", "m1", "m2"}, *sent)
	assert.Equal(t, &ListUsersOptions{PathPrefix: "/eng/", PageOptions: PageOptions{MaxItems: 2}}, opts, "the caller's options are not changed")
}

func TestListUsersAllStartsAtCallersMarker(t *testing.T) {
	c, sent, _ := usersPageServer(t, map[string]usersPage{
		"m1": {users: []string{"c"}, truncated: "true", marker: "m2"},
		"m2": {users: []string{"d"}},
	})
	names, err := collectUserNames(c.ListUsersAll(context.Background(), &ListUsersOptions{PathPrefix: "/eng/", PageOptions: PageOptions{MaxItems: 2, Marker: "m1"}}))
	require.NoError(t, err)
	assert.Equal(t, []string{"c", "d"}, names)
	assert.Equal(t, []string{"m1", "m2"}, *sent)
}

func TestListUsersAllBrokenPagination(t *testing.T) {
	opts := &ListUsersOptions{PathPrefix: "/eng/", PageOptions: PageOptions{MaxItems: 2}}
	tests := map[string]struct {
		pages   map[string]usersPage
		names   []string
		wantErr error
		code    string
		pagesN  int32
	}{
		"missing IsTruncated is the last page": {
			pages: map[string]usersPage{"": {users: []string{"a"}, marker: "ignored"}},
			names: []string{"a"}, pagesN: 1,
		},
		"repeated marker": {
			pages: map[string]usersPage{
				"":   {users: []string{"a"}, truncated: "true", marker: "m1"},
				"m1": {users: []string{"b"}, truncated: "true", marker: "m1"},
			},
			names: []string{"a", "b"}, wantErr: ErrRepeatedMarker, pagesN: 2,
		},
		"marker that went back to an earlier one": {
			pages: map[string]usersPage{
				"":   {users: []string{"a"}, truncated: "true", marker: "m1"},
				"m1": {users: []string{"b"}, truncated: "true", marker: "m2"},
				"m2": {users: []string{"c"}, truncated: "true", marker: "m1"},
			},
			names: []string{"a", "b", "c"}, wantErr: ErrRepeatedMarker, pagesN: 3,
		},
		"truncated without marker": {
			pages:   map[string]usersPage{"": {users: []string{"a"}, truncated: "true"}},
			names:   []string{"a"},
			wantErr: ErrMissingMarker, pagesN: 1,
		},
		"error on page 3": {
			pages: map[string]usersPage{
				"":   {users: []string{"a", "b"}, truncated: "true", marker: "m1"},
				"m1": {users: []string{"c", "d"}, truncated: "true", marker: "m2"},
				"m2": {status: 403, body: `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error><RequestId>x</RequestId></ErrorResponse>`},
			},
			names: []string{"a", "b", "c", "d"}, wantErr: ErrAccessDenied, code: "AccessDenied", pagesN: 3,
		},
		"malformed page 2": {
			pages: map[string]usersPage{
				"":   {users: []string{"a"}, truncated: "true", marker: "m1"},
				"m1": {users: []string{"b"}, truncated: "yes"},
			},
			names: []string{"a"}, pagesN: 2,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _, hits := usersPageServer(t, tc.pages)
			var names []string
			var errs []error
			for u, err := range c.ListUsersAll(context.Background(), opts) {
				if err != nil {
					errs = append(errs, err)
					assert.Equal(t, User{}, u, "an error comes with a zero entry")
					continue
				}
				names = append(names, u.UserName)
			}
			assert.Equal(t, tc.names, names)
			assert.Equal(t, tc.pagesN, hits.Load())
			switch {
			case tc.wantErr != nil:
				require.Len(t, errs, 1, "the error is yielded once, then the iteration ends")
				assert.ErrorIs(t, errs[0], tc.wantErr)
				var oe *OperationError
				require.ErrorAs(t, errs[0], &oe)
				assert.Equal(t, "ListUsers", oe.Action)
				if tc.code != "" {
					assert.Equal(t, tc.code, ErrorCode(errs[0]))
				}
			case name == "malformed page 2":
				require.Len(t, errs, 1)
				var de *DecodeError
				assert.ErrorAs(t, errs[0], &de)
			default:
				assert.Empty(t, errs)
			}
		})
	}
}

func TestListUsersAllStopsFetchingOnBreak(t *testing.T) {
	c, _, hits := usersPageServer(t, map[string]usersPage{
		"":   {users: []string{"a", "b"}, truncated: "true", marker: "m1"},
		"m1": {users: []string{"c"}, truncated: "false"},
	})
	for u, err := range c.ListUsersAll(context.Background(), &ListUsersOptions{PathPrefix: "/eng/", PageOptions: PageOptions{MaxItems: 2}}) {
		require.NoError(t, err)
		if u.UserName == "b" {
			break
		}
	}
	assert.EqualValues(t, 1, hits.Load())
}

func TestListUsersAllRefusesBadMaxItems(t *testing.T) {
	c := neverCalled(t)
	for _, n := range []int{-1, 1001} {
		var errs []error
		for _, err := range c.ListUsersAll(context.Background(), &ListUsersOptions{PageOptions: PageOptions{MaxItems: n}}) {
			errs = append(errs, err)
		}
		require.Len(t, errs, 1)
		requireValidation(t, errs[0], "ListUsers", "MaxItems")
	}
}

func TestListUsersAllThrottledIsAnError(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		xmlReply(w, 400, fixture(t, "errors/throttling.xml"))
	})
	names, err := collectUserNames(c.ListUsersAll(context.Background(), nil))
	assert.Empty(t, names)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrThrottling))
}

func TestPageOptionsParams(t *testing.T) {
	tests := map[string]struct {
		in   *PageOptions
		want Params
		err  bool
	}{
		"nil":      {nil, Params{}, false},
		"zero":     {&PageOptions{}, Params{}, false},
		"bounds":   {&PageOptions{MaxItems: 1000, Marker: "m"}, Params{"MaxItems": 1000, "Marker": "m"}, false},
		"one":      {&PageOptions{MaxItems: 1}, Params{"MaxItems": 1}, false},
		"too many": {&PageOptions{MaxItems: 1001}, Params{}, true},
		"negative": {&PageOptions{MaxItems: -5}, Params{}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p := Params{}
			err := tc.in.params(p)
			assert.Equal(t, tc.err, err != nil)
			assert.Equal(t, tc.want, p)
		})
	}
}

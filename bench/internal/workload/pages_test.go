package workload

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPages(t *testing.T) {
	page, err := Fixture(ListUsers1000)
	require.NoError(t, err)
	p, err := NewPages(page, 3)
	require.NoError(t, err)
	srv := httptest.NewServer(p)
	defer srv.Close()

	post := func(form url.Values) (int, string) {
		resp, err := http.PostForm(srv.URL, form)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(b)
	}
	tests := map[string]struct {
		marker, wantMarker string
		truncated          bool
	}{
		"first":  {"", "page-2", true},
		"middle": {"page-2", "page-3", true},
		"last":   {"page-3", "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			form := url.Values{"Action": {"ListUsers"}, "Version": {"2010-05-08"}}
			if tc.marker != "" {
				form.Set("Marker", tc.marker)
			}
			code, body := post(form)
			require.Equal(t, http.StatusOK, code, body)
			assert.Equal(t, 1000, strings.Count(body, "<member>"))
			if tc.truncated {
				assert.Contains(t, body, "<IsTruncated>true</IsTruncated>")
				assert.Contains(t, body, "<Marker>"+tc.wantMarker+"</Marker>")
			} else {
				assert.Contains(t, body, "<IsTruncated>false</IsTruncated>")
				assert.NotContains(t, body, "<Marker>")
			}
			assert.True(t, strings.HasSuffix(body, "</ListUsersResponse>\n"))
		})
	}
	for name, form := range map[string]url.Values{
		"bad marker":   {"Action": {"ListUsers"}, "Marker": {"page-9"}},
		"first marker": {"Action": {"ListUsers"}, "Marker": {"page-1"}},
		"other action": {"Action": {"GetUser"}},
	} {
		t.Run(name, func(t *testing.T) {
			code, _ := post(form)
			assert.Equal(t, http.StatusBadRequest, code)
		})
	}
}

func TestNewPagesRefusesOtherBodies(t *testing.T) {
	_, err := NewPages([]byte("<GetUserResponse/>"), 2)
	assert.Error(t, err)
	_, err = NewPages([]byte("<IsTruncated>"), 0)
	assert.Error(t, err)
}

func TestMemoryTransport(t *testing.T) {
	rt := &MemoryTransport{Body: []byte("<x/>")}
	req, err := http.NewRequest(http.MethodPost, "http://example.invalid/", strings.NewReader("Action=ListUsers"))
	require.NoError(t, err)
	resp, err := rt.RoundTrip(req)
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, "<x/>", string(b))
	assert.Equal(t, int64(4), resp.ContentLength)
}

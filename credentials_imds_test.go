package iam

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam/internal/imds/imdsfake"
)

// newFakeIMDS serves a fake metadata service whose role credentials expire
// six hours after credT0.
func newFakeIMDS(t *testing.T) (*imdsfake.IMDS, *httptest.Server) {
	t.Helper()
	fake := imdsfake.New()
	fake.SetRole("app-role")
	fake.SetCredentials("ASIAFIRST", credSecret, credToken, credT0.Add(6*time.Hour))
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv
}

func TestIMDSCredentials(t *testing.T) {
	clearCredentialEnv(t)
	fake, srv := newFakeIMDS(t)
	clk := &credClock{now: credT0}
	p := IMDSCredentials(&IMDSOptions{Endpoint: srv.URL, HTTPClient: srv.Client(), Now: clk.Now})

	got, err := p.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, Credentials{
		AccessKeyID: "ASIAFIRST", SecretAccessKey: credSecret, SessionToken: credToken,
		Source: "imds:app-role", CanExpire: true, Expires: credT0.Add(6 * time.Hour),
	}, got)
	assert.Equal(t, "21600", fake.LastTTL())

	// Cached: IMDS is not asked again while the credentials are fresh.
	clk.Set(credT0.Add(5*time.Hour + 54*time.Minute))
	_, err = p.Retrieve(context.Background())
	require.NoError(t, err)
	puts, lists, reads := fake.Counts()
	assert.Equal(t, [3]int{1, 1, 1}, [3]int{puts, lists, reads})

	// Five minutes before expiry the provider fetches the rotated keys.
	fake.SetCredentials("ASIASECOND", credSecret, credToken, credT0.Add(12*time.Hour))
	clk.Set(credT0.Add(5*time.Hour + 55*time.Minute))
	got, err = p.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ASIASECOND", got.AccessKeyID)
	assert.Equal(t, credT0.Add(12*time.Hour), got.Expires)
	_, _, reads = fake.Counts()
	assert.Equal(t, 2, reads)
}

func TestIMDSCredentialsEndpointFromEnvironment(t *testing.T) {
	clearCredentialEnv(t)
	_, srv := newFakeIMDS(t)
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", srv.URL+"/")
	got, err := IMDSCredentials(nil).Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ASIAFIRST", got.AccessKeyID)
}

func TestIMDSCredentialsDisabled(t *testing.T) {
	clearCredentialEnv(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("disabled provider sent %s %s", r.Method, r.URL.Path)
	}))
	t.Cleanup(srv.Close)
	for _, v := range []string{"true", "TRUE", " True "} {
		t.Setenv("AWS_EC2_METADATA_DISABLED", v)
		_, err := IMDSCredentials(&IMDSOptions{Endpoint: srv.URL}).Retrieve(context.Background())
		require.EqualError(t, err, "iam: imds credentials: disabled by AWS_EC2_METADATA_DISABLED=true", v)
	}
}

func TestIMDSCredentialsErrors(t *testing.T) {
	tests := map[string]struct {
		setup func(*imdsfake.IMDS)
		want  string
	}{
		"IMDSv1 only": {
			setup: func(f *imdsfake.IMDS) { f.SetTokenStatus(http.StatusMethodNotAllowed) },
			want:  "/latest/api/token: 405 Method Not Allowed (the endpoint does not offer IMDSv2 tokens: it is IMDSv1 only or not an instance metadata service)",
		},
		"token forbidden": {
			setup: func(f *imdsfake.IMDS) { f.SetTokenStatus(http.StatusForbidden) },
			want:  "/latest/api/token: 403 Forbidden (IMDS is disabled on this instance, or the request came through a proxy)",
		},
		"no role": {
			setup: func(f *imdsfake.IMDS) { f.SetRole("") },
			want:  "list instance roles: GET ",
		},
		"malformed document": {
			setup: func(f *imdsfake.IMDS) { f.SetDocument(`{"Code":"Success","SecretAccessKey":"` + credSecret + `",`) },
			want:  `credentials of role "app-role": answer is not a valid credentials JSON document`,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			clearCredentialEnv(t)
			fake, srv := newFakeIMDS(t)
			tt.setup(fake)
			_, err := IMDSCredentials(&IMDSOptions{Endpoint: srv.URL}).Retrieve(context.Background())
			require.Error(t, err)
			assert.Contains(t, err.Error(), "iam: imds credentials: ")
			assert.Contains(t, err.Error(), tt.want)
			assertNoCredSecret(t, err.Error(), "error")
		})
	}
}

func TestIMDSCredentialsConcurrentRetrieve(t *testing.T) {
	clearCredentialEnv(t)
	fake, srv := newFakeIMDS(t)
	clk := &credClock{now: credT0}
	p := IMDSCredentials(&IMDSOptions{Endpoint: srv.URL, Now: clk.Now})
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			got, err := p.Retrieve(context.Background())
			assert.NoError(t, err)
			assert.Equal(t, "ASIAFIRST", got.AccessKeyID)
		})
	}
	wg.Wait()
	puts, lists, reads := fake.Counts()
	assert.Equal(t, [3]int{1, 1, 1}, [3]int{puts, lists, reads}, "one refresh served every caller")
}

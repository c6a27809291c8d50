package procstat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadAndPrint(t *testing.T) {
	s, err := Read()
	require.NoError(t, err)
	assert.Positive(t, s.MaxRSSKiB)
	assert.Positive(t, s.TotalAlloc)

	var b strings.Builder
	Print(&b, "iamkit", 100000, 100, 1500*time.Millisecond, Stats{MaxRSSKiB: 9000, TotalAlloc: 123, NumGC: 4})
	assert.Equal(t, "walk iamkit users=100000 pages=100 maxrss_kib=9000 total_alloc=123 num_gc=4 elapsed_ms=1500\n", b.String())
}

func TestProfile(t *testing.T) {
	dir := t.TempDir()
	cpu, allocs := filepath.Join(dir, "cpu"), filepath.Join(dir, "allocs")
	stop, err := Profile(cpu, allocs)
	require.NoError(t, err)
	require.NoError(t, stop())
	for _, f := range []string{cpu, allocs} {
		fi, err := os.Stat(f)
		require.NoError(t, err)
		assert.Positive(t, fi.Size(), f)
	}

	stop, err = Profile("", "")
	require.NoError(t, err)
	assert.NoError(t, stop())

	_, err = Profile(filepath.Join(dir, "missing", "cpu"), "")
	assert.Error(t, err)
}

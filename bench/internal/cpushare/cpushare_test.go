package cpushare

import (
	"bytes"
	"compress/gzip"
	"context"
	"runtime/pprof"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The encoder below writes the subset of profile.proto that Split reads,
// so the tests state their samples exactly.

func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendVarintField(b []byte, num int, v uint64) []byte {
	return appendVarint(appendVarint(b, uint64(num)<<3), v)
}

func appendBytesField(b []byte, num int, data []byte) []byte {
	b = appendVarint(b, uint64(num)<<3|2)
	return append(appendVarint(b, uint64(len(data))), data...)
}

type testSample struct {
	count, nanos int64
	side         string // "" for none
	packed       bool
}

func encode(t *testing.T, samples []testSample) []byte {
	t.Helper()
	strs := []string{"", "samples", "count", "cpu", "nanoseconds", "side", "client", "server", "other"}
	idx := map[string]uint64{}
	for i, s := range strs {
		idx[s] = uint64(i)
	}
	var p []byte
	for _, vt := range [][2]string{{"samples", "count"}, {"cpu", "nanoseconds"}} {
		var m []byte
		m = appendVarintField(m, 1, idx[vt[0]])
		m = appendVarintField(m, 2, idx[vt[1]])
		p = appendBytesField(p, 1, m)
	}
	for _, s := range samples {
		var m []byte
		m = appendBytesField(m, 1, appendVarint(nil, 1)) // location ids, ignored
		if s.packed {
			m = appendBytesField(m, 2, appendVarint(appendVarint(nil, uint64(s.count)), uint64(s.nanos)))
		} else {
			m = appendVarintField(m, 2, uint64(s.count))
			m = appendVarintField(m, 2, uint64(s.nanos))
		}
		if s.side != "" {
			var l []byte
			l = appendVarintField(l, 1, idx["side"])
			l = appendVarintField(l, 2, idx[s.side])
			m = appendBytesField(m, 3, l)
		}
		p = appendBytesField(p, 2, m)
	}
	p = appendVarintField(p, 9, 12345)                       // time_nanos, skipped
	p = append(appendVarint(p, 10<<3|1), make([]byte, 8)...) // a fixed64 field, skipped
	for _, s := range strs {
		p = appendBytesField(p, 6, []byte(s))
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	_, err := zw.Write(p)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return z.Bytes()
}

func TestSplit(t *testing.T) {
	tests := map[string]struct {
		samples   []testSample
		want      map[string]int64
		wantTotal int64
	}{
		"labelled and not": {
			samples: []testSample{
				{1, 10_000_000, "client", false},
				{2, 20_000_000, "server", true},
				{1, 10_000_000, "client", true},
				{3, 30_000_000, "", false},
			},
			want:      map[string]int64{"client": 20_000_000, "server": 20_000_000, Unlabelled: 30_000_000},
			wantTotal: 70_000_000,
		},
		"empty": {want: map[string]int64{}, wantTotal: 0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, total, err := Split(encode(t, tc.samples), "side")
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.wantTotal, total)
		})
	}
}

func TestSplitRefusesBrokenInput(t *testing.T) {
	good := encode(t, []testSample{{1, 10, "client", false}})
	zr, err := gzip.NewReader(bytes.NewReader(good))
	require.NoError(t, err)
	var raw bytes.Buffer
	_, err = raw.ReadFrom(zr)
	require.NoError(t, err)

	gz := func(b []byte) []byte {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		_, _ = zw.Write(b)
		_ = zw.Close()
		return z.Bytes()
	}
	for name, in := range map[string][]byte{
		"not gzip":          []byte("profile"),
		"truncated message": gz(raw.Bytes()[:raw.Len()-3]),
		"group wire type":   gz([]byte{1<<3 | 3}),
		"no cpu type":       gz(appendBytesField(nil, 6, []byte(""))),
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := Split(in, "side")
			assert.Error(t, err)
		})
	}
}

// TestSplitRealProfile reads a profile written by runtime/pprof, so a
// change in its encoding shows up here rather than as a wrong table.
func TestSplitRealProfile(t *testing.T) {
	var buf bytes.Buffer
	if err := pprof.StartCPUProfile(&buf); err != nil {
		t.Skipf("CPU profiling unavailable: %v", err)
	}
	var sink uint64
	pprof.Do(context.Background(), pprof.Labels("side", "client"), func(context.Context) {
		for i := range uint64(50_000_000) {
			sink += i * i
		}
	})
	pprof.StopCPUProfile()
	by, total, err := Split(buf.Bytes(), "side")
	require.NoError(t, err)
	var sum int64
	for _, v := range by {
		sum += v
	}
	assert.Equal(t, total, sum)
	assert.NotZero(t, sink)
}

// Package report turns the raw lines ./run collects (go test benchmark
// lines and the one-line reports of the cmd/ programs) into the table of
// medians and ratios against the targets of issue 7.
package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Results holds every sample of every measure, keyed by measure name:
// "<benchmark>:ns/op", "walk/iamkit:maxrss_kib", "size/floor",
// "build/awssdk", "buildcpu/awssdk", "server:rps" and so on.
type Results struct {
	samples map[string][]float64
	// Deps lists the library's non-standard dependencies ./run found.
	Deps []string
	// DepsChecked is set once a deps line was read.
	DepsChecked bool
}

// Parse reads the lines ./run wrote. Lines it does not know (go test's
// goos/pkg/PASS chatter) are skipped; a known line that is malformed is an
// error, so a broken run cannot print a plausible table.
func Parse(r io.Reader) (*Results, error) {
	res := &Results{samples: make(map[string][]float64)}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		var err error
		switch {
		case strings.HasPrefix(f[0], "Benchmark"):
			err = res.benchLine(f)
		case f[0] == "walk" || f[0] == "server":
			err = res.keyValueLine(f)
		case f[0] == "size" || f[0] == "build" || f[0] == "buildcpu":
			err = res.valueLine(f)
		case f[0] == "deps":
			res.DepsChecked = true
			res.Deps = append(res.Deps, f[1:]...)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d %q: %w", line, sc.Text(), err)
		}
	}
	return res, sc.Err()
}

// benchLine reads "BenchmarkX/y-2  N  123 ns/op  4.5 MB/s  67 B/op  8 allocs/op".
func (res *Results) benchLine(f []string) error {
	if len(f) < 4 || len(f)%2 != 0 {
		return fmt.Errorf("not a benchmark result")
	}
	name := f[0]
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			name = name[:i] // the GOMAXPROCS suffix
		}
	}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return err
		}
		res.add(name+":"+f[i+1], v)
	}
	return nil
}

// keyValueLine reads "walk iamkit a=1 b=2" or "server a=1 b=2".
func (res *Results) keyValueLine(f []string) error {
	prefix := f[0]
	rest := f[1:]
	if f[0] == "walk" {
		if len(f) < 2 {
			return fmt.Errorf("walk line without a variant")
		}
		prefix, rest = "walk/"+f[1], f[2:]
	}
	for _, kv := range rest {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("%q is not key=value", kv)
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return err
		}
		res.add(prefix+":"+k, x)
	}
	return nil
}

// valueLine reads "size floor 5902601", "build awssdk 61.3" (wall
// seconds) or "buildcpu awssdk 88.1" (user+sys seconds).
func (res *Results) valueLine(f []string) error {
	if len(f) != 3 {
		return fmt.Errorf("want: %s <variant> <value>", f[0])
	}
	v, err := strconv.ParseFloat(f[2], 64)
	if err != nil {
		return err
	}
	res.add(f[0]+"/"+f[1], v)
	return nil
}

func (res *Results) add(key string, v float64) {
	res.samples[key] = append(res.samples[key], v)
}

// Median returns the median of a measure's samples and how many there
// were; ok is false when there were none.
func (res *Results) Median(key string) (m float64, n int, ok bool) {
	s := slices.Clone(res.samples[key])
	if len(s) == 0 {
		return 0, 0, false
	}
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2], len(s), true
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2, len(s), true
}

// Spread returns (max-min)/median of a measure's samples, a rough sign of
// how noisy the machine was; 0 with fewer than two samples.
func (res *Results) Spread(key string) float64 {
	s := res.samples[key]
	m, n, ok := res.Median(key)
	if !ok || n < 2 || m == 0 {
		return 0
	}
	return (slices.Max(s) - slices.Min(s)) / m
}

// Package procstat reports what a whole benchmark process cost: its peak
// resident set and the bytes it allocated, as one line ./run can parse.
package procstat

import (
	"fmt"
	"io"
	"runtime"
	"syscall"
	"time"
)

// Stats is what a finished walk reports.
type Stats struct {
	// MaxRSSKiB is the process's peak resident set (getrusage ru_maxrss,
	// KiB on Linux): what the operating system had to give it.
	MaxRSSKiB int64
	// TotalAlloc is runtime.MemStats.TotalAlloc: every byte allocated on
	// the heap over the process's life, freed or not.
	TotalAlloc uint64
	// NumGC is the number of completed GC cycles.
	NumGC uint32
}

// Read takes the figures now; call it after the work is done.
func Read() (Stats, error) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return Stats{}, fmt.Errorf("getrusage: %w", err)
	}
	return Stats{MaxRSSKiB: int64(ru.Maxrss), TotalAlloc: ms.TotalAlloc, NumGC: ms.NumGC}, nil
}

// Print writes the one line ./run reads:
//
//	walk <variant> users=N pages=N maxrss_kib=N total_alloc=N num_gc=N elapsed_ms=N
func Print(w io.Writer, variant string, users, pages int, elapsed time.Duration, s Stats) {
	fmt.Fprintf(w, "walk %s users=%d pages=%d maxrss_kib=%d total_alloc=%d num_gc=%d elapsed_ms=%d\n",
		variant, users, pages, s.MaxRSSKiB, s.TotalAlloc, s.NumGC, elapsed.Milliseconds())
}

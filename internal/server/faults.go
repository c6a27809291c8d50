package server

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"
)

// Faults makes the server misbehave on purpose, repeatably: the same Seed
// and the same sequence of requests give the same faults.
type Faults struct {
	// Seed seeds the fault decisions.
	Seed uint64
	// ThrottleRate is the fraction of requests answered 400 Throttling.
	ThrottleRate float64
	// ServerErrorRate is the fraction answered 500 ServiceFailure or
	// 503 ServiceUnavailable (half each).
	ServerErrorRate float64
	// DropRate is the fraction whose connection is closed unanswered.
	DropRate float64
	// Latency is added to every request before it is handled.
	Latency time.Duration
}

type faultKind int

const (
	faultNone faultKind = iota
	faultDrop
	faultThrottle
	faultServerError
	faultUnavailable
)

type faultInjector struct {
	f   Faults
	mu  sync.Mutex
	rng *rand.Rand
}

func newFaultInjector(f Faults) (*faultInjector, error) {
	for _, r := range []float64{f.ThrottleRate, f.ServerErrorRate, f.DropRate} {
		if r < 0 || r > 1 {
			return nil, errors.New("server: fault rates must lie in [0, 1]")
		}
	}
	if f.ThrottleRate+f.ServerErrorRate+f.DropRate > 1 {
		return nil, errors.New("server: fault rates must add up to at most 1")
	}
	if f.Latency < 0 {
		return nil, errors.New("server: fault latency must not be negative")
	}
	return &faultInjector{f: f, rng: rand.New(rand.NewPCG(f.Seed, ^f.Seed))}, nil
}

func (fi *faultInjector) active() bool {
	return fi.f.ThrottleRate > 0 || fi.f.ServerErrorRate > 0 || fi.f.DropRate > 0
}

// decide waits out the latency and draws the fault for one request. One
// draw per request keeps the sequence repeatable.
func (fi *faultInjector) decide(ctx context.Context) faultKind {
	if fi.f.Latency > 0 {
		t := time.NewTimer(fi.f.Latency)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
		}
	}
	if !fi.active() {
		return faultNone
	}
	fi.mu.Lock()
	u := fi.rng.Float64()
	half := fi.rng.IntN(2)
	fi.mu.Unlock()
	switch {
	case u < fi.f.DropRate:
		return faultDrop
	case u < fi.f.DropRate+fi.f.ThrottleRate:
		return faultThrottle
	case u < fi.f.DropRate+fi.f.ThrottleRate+fi.f.ServerErrorRate:
		if half == 0 {
			return faultServerError
		}
		return faultUnavailable
	}
	return faultNone
}

package sign

import (
	"fmt"
	"sync"
	"testing"
)

func TestKeyCache(t *testing.T) {
	var c KeyCache
	scope := Scope{Date: "20150830", Region: "us-east-1", Service: "iam"}
	const ak, secret = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

	first := c.Key(ak, secret, scope)
	if first != DeriveKey(secret, scope) {
		t.Fatal("cached key differs from the derived one")
	}
	if c.Key(ak, secret, scope) != first || c.Len() != 1 {
		t.Fatalf("second lookup: len %d", c.Len())
	}

	// Another day or region is another key.
	next := scope
	next.Date = "20150831"
	other := scope
	other.Region = "eu-west-1"
	if c.Key(ak, secret, next) == first || c.Key(ak, secret, other) == first || c.Len() != 3 {
		t.Fatalf("day/region change: len %d", c.Len())
	}

	// A rotated secret behind the same access key is never answered with
	// the old key.
	if got := c.Key(ak, "rotated-secret", scope); got != DeriveKey("rotated-secret", scope) {
		t.Fatal("rotated secret got a stale key")
	}
	if c.Key(ak, secret, scope) != first {
		t.Fatal("rotating back gave a wrong key")
	}

	// The cache stays bounded.
	for i := range 2 * maxCachedKeys {
		c.Key(ak, secret, Scope{Date: scope.Date, Region: fmt.Sprintf("r-%d", i), Service: "iam"})
	}
	if c.Len() > maxCachedKeys {
		t.Fatalf("len %d > %d", c.Len(), maxCachedKeys)
	}
}

func TestKeyCacheConcurrent(t *testing.T) {
	var c KeyCache
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				s := Scope{Date: "20240101", Region: fmt.Sprintf("r-%d", (g+i)%80), Service: "iam"}
				if c.Key("AK", "SK", s) != DeriveKey("SK", s) {
					t.Error("wrong key under concurrency")
					return
				}
			}
		}()
	}
	wg.Wait()
}

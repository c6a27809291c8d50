package server

import (
	"encoding/base64"
	"math/rand/v2"
	"sync"
)

// idGen makes IAM-style unique IDs (AIDA..., AKIA...) from a seeded
// source, so a seeded server hands out the same IDs on every run.
type idGen struct {
	mu  sync.Mutex
	pcg *rand.PCG
	rng *rand.Rand
}

func newIDGen(seed uint64) *idGen {
	pcg := rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	return &idGen{pcg: pcg, rng: rand.New(pcg)}
}

// marshal returns the generator's position, saved with the state so that
// a restarted seeded server does not hand out the IDs it handed out
// before.
func (g *idGen) marshal() []byte {
	g.mu.Lock()
	defer g.mu.Unlock()
	b, _ := g.pcg.MarshalBinary() // PCG's marshalling cannot fail
	return b
}

// restore moves the generator to a saved position.
func (g *idGen) restore(b []byte) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.pcg.UnmarshalBinary(b)
}

const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// id returns prefix followed by uppercase base32 characters, 21 in all
// (AWS's length for user, group, role, policy and instance profile IDs).
func (g *idGen) id(prefix string) string { return g.idLen(prefix, 21) }

// accessKeyID returns a 20-character AKIA... key ID, AWS's length.
func (g *idGen) accessKeyID() string { return g.idLen("AKIA", 20) }

func (g *idGen) idLen(prefix string, n int) string {
	b := make([]byte, n)
	copy(b, prefix)
	g.mu.Lock()
	for i := len(prefix); i < n; i++ {
		b[i] = base32Alphabet[g.rng.IntN(32)]
	}
	g.mu.Unlock()
	return string(b)
}

// requestID returns a UUID-shaped request ID.
func (g *idGen) requestID() string {
	const hex = "0123456789abcdef"
	g.mu.Lock()
	a, b := g.rng.Uint64(), g.rng.Uint64()
	g.mu.Unlock()
	var out [36]byte
	j := 0
	for i := 0; i < 36; i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			out[i] = '-'
			continue
		}
		var nib uint64
		if j < 16 {
			nib = a >> (4 * j) & 15
		} else {
			nib = b >> (4 * (j - 16)) & 15
		}
		out[i] = hex[nib]
		j++
	}
	return string(out[:])
}

// secret returns n random bytes from the secret source, base64-encoded
// (AWS secret keys are 40 characters of this alphabet).
func secretString(src func([]byte), n int) string {
	b := make([]byte, n)
	src(b)
	return base64.StdEncoding.EncodeToString(b)[:n*4/3]
}

package sign

import (
	"crypto/sha256"
	"sync"
)

// maxCachedKeys bounds a KeyCache. Keys change daily, so old entries are
// dead weight; dropping the lot when full is simpler than LRU and costs
// one derivation per live key.
const maxCachedKeys = 64

// KeyCache keeps derived SigV4 signing keys per access key and scope (day,
// region, service), so signing and verifying skip the four HMACs of
// DeriveKey. The zero value is ready to use and safe for concurrent use.
type KeyCache struct {
	mu   sync.RWMutex
	keys map[keyID]cachedKey
}

// keyID identifies a derived key. The scope strings are those of the
// request, so a lookup builds nothing.
type keyID struct {
	accessKeyID string
	scope       Scope
}

type cachedKey struct {
	secret string // re-derive when the secret behind an access key changes
	key    [sha256.Size]byte
}

// Key returns DeriveKey(secret, s), from the cache when it can.
func (c *KeyCache) Key(accessKeyID, secret string, s Scope) [sha256.Size]byte {
	id := keyID{accessKeyID, s}
	c.mu.RLock()
	e, ok := c.keys[id]
	c.mu.RUnlock()
	if ok && e.secret == secret {
		return e.key
	}
	key := DeriveKey(secret, s)
	c.mu.Lock()
	if c.keys == nil || len(c.keys) >= maxCachedKeys {
		c.keys = make(map[keyID]cachedKey, maxCachedKeys)
	}
	c.keys[id] = cachedKey{secret: secret, key: key}
	c.mu.Unlock()
	return key
}

// Len returns the number of keys held.
func (c *KeyCache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.keys)
}

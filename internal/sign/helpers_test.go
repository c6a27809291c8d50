package sign

import "crypto/sha256"

func sha256Sum(b []byte) [sha256.Size]byte { return sha256.Sum256(b) }

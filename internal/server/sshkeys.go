package server

import (
	"crypto/md5"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"math/big"
	"slices"
	"strings"
)

// SSH public keys of IAM users (for CodeCommit).

func init() {
	register("UploadSSHPublicKey", true, resUser("UserName"), uploadSSHPublicKey)
	register("GetSSHPublicKey", false, resUser("UserName"), getSSHPublicKey)
	register("ListSSHPublicKeys", false, resUser("UserName"), listSSHPublicKeys)
	register("UpdateSSHPublicKey", true, resUser("UserName"), updateSSHPublicKey)
	register("DeleteSSHPublicKey", true, resUser("UserName"), deleteSSHPublicKey)
}

// maxSSHKeys is IAM's quota of SSH public keys per user.
const maxSSHKeys = 5

// parseSSHKey reads "ssh-rsa BASE64 [comment]" (or PEM is refused) and
// returns the key blob. Only the types IAM accepts: ssh-rsa and
// ssh-ed25519.
func parseSSHKey(body string) ([]byte, string, bool) {
	f := strings.Fields(body)
	if len(f) < 2 || f[0] != "ssh-rsa" && f[0] != "ssh-ed25519" {
		return nil, "", false
	}
	blob, err := base64.StdEncoding.DecodeString(f[1])
	if err != nil || len(blob) < 4 {
		return nil, "", false
	}
	n := binary.BigEndian.Uint32(blob)
	if uint64(n)+4 > uint64(len(blob)) || string(blob[4:4+n]) != f[0] {
		return nil, "", false
	}
	return blob, f[0], true
}

// sshFingerprint is the MD5 fingerprint IAM shows: hex pairs joined by ':'.
func sshFingerprint(blob []byte) string {
	sum := md5.Sum(blob)
	var b strings.Builder
	const hex = "0123456789abcdef"
	for i, c := range sum {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// sshRSAtoPEM converts an ssh-rsa blob to a PEM public key, for
// GetSSHPublicKey with Encoding=PEM.
func sshRSAtoPEM(blob []byte) (string, bool) {
	var parts [][]byte
	for rest := blob; len(rest) > 0; {
		if len(rest) < 4 {
			return "", false
		}
		n := binary.BigEndian.Uint32(rest)
		if uint64(n)+4 > uint64(len(rest)) {
			return "", false
		}
		parts = append(parts, rest[4:4+n])
		rest = rest[4+n:]
	}
	if len(parts) != 3 || string(parts[0]) != "ssh-rsa" {
		return "", false
	}
	e := new(big.Int).SetBytes(parts[1])
	if !e.IsInt64() || e.Int64() > 1<<31 {
		return "", false
	}
	der, err := x509.MarshalPKIXPublicKey(&rsa.PublicKey{N: new(big.Int).SetBytes(parts[2]), E: int(e.Int64())})
	if err != nil {
		return "", false
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), true
}

func (c *call) sshUser() (*user, *APIError) {
	return c.user("UserName")
}

func uploadSSHPublicKey(c *call) *APIError {
	u, err := c.sshUser()
	if err != nil {
		return err
	}
	body, err := c.p.required("SSHPublicKeyBody")
	if err != nil {
		return err
	}
	if err := checkLen("SSHPublicKeyBody", body, 1, 16384); err != nil {
		return err
	}
	blob, _, ok := parseSSHKey(body)
	if !ok {
		return errf(CodeInvalidPublicKey, "The SSH public key is not a valid ssh-rsa or ssh-ed25519 key in OpenSSH format.")
	}
	fp := sshFingerprint(blob)
	for _, k := range u.SSHKeys {
		if k.Fingerprint == fp {
			return errf(CodeDuplicateSSHPublicKey, "The SSH public key is already associated with user %s.", u.Name)
		}
	}
	if len(u.SSHKeys) >= maxSSHKeys {
		return limitExceeded("Cannot exceed quota for SSHPublicKeysPerUser: %d", maxSSHKeys)
	}
	k := &sshKey{ID: c.s.ids.id("APKA"), Body: strings.TrimSpace(body), Fingerprint: fp, Active: true, Uploaded: c.now}
	u.SSHKeys = append(u.SSHKeys, k)
	writeSSHKey(c.w, u, k, k.Body)
	return nil
}

func writeSSHKey(w *xmlw, u *user, k *sshKey, body string) {
	w.open("SSHPublicKey")
	w.elem("UserName", u.Name)
	w.elem("SSHPublicKeyId", k.ID)
	w.elem("Fingerprint", k.Fingerprint)
	w.elem("SSHPublicKeyBody", body)
	w.elem("Status", status(k.Active))
	w.time("UploadDate", k.Uploaded)
	w.close("SSHPublicKey")
}

func (c *call) sshKey(u *user) (int, *APIError) {
	id, err := c.p.required("SSHPublicKeyId")
	if err != nil {
		return 0, err
	}
	i := slices.IndexFunc(u.SSHKeys, func(k *sshKey) bool { return k.ID == id })
	if i < 0 {
		return 0, errf(CodeNoSuchEntity, "The Public Key with id %s cannot be found.", id)
	}
	return i, nil
}

func getSSHPublicKey(c *call) *APIError {
	u, err := c.sshUser()
	if err != nil {
		return err
	}
	i, err := c.sshKey(u)
	if err != nil {
		return err
	}
	k := u.SSHKeys[i]
	enc, err := c.p.required("Encoding")
	if err != nil {
		return err
	}
	body := k.Body
	switch enc {
	case "SSH":
	case "PEM":
		blob, _, _ := parseSSHKey(k.Body)
		p, ok := sshRSAtoPEM(blob)
		if !ok {
			return errf(CodeUnrecognizedPublicKeyEncode, "The key %s cannot be given in PEM encoding.", k.ID)
		}
		body = p
	default:
		return validationf("Encoding", enc, "Member must satisfy enum value set: [SSH, PEM]")
	}
	writeSSHKey(c.w, u, k, body)
	return nil
}

func listSSHPublicKeys(c *call) *APIError {
	u, err := c.userOrCaller("UserName")
	if err != nil {
		return err
	}
	var keys []*sshKey
	if u != nil {
		keys = u.SSHKeys
	}
	return writeSlicePage(c, "SSHPublicKeys", keys, func(k *sshKey) {
		c.w.open("member")
		c.w.elem("UserName", u.Name)
		c.w.elem("SSHPublicKeyId", k.ID)
		c.w.elem("Status", status(k.Active))
		c.w.time("UploadDate", k.Uploaded)
		c.w.close("member")
	})
}

func updateSSHPublicKey(c *call) *APIError {
	u, err := c.sshUser()
	if err != nil {
		return err
	}
	i, err := c.sshKey(u)
	if err != nil {
		return err
	}
	active, err := statusParam(c.p)
	if err != nil {
		return err
	}
	u.SSHKeys[i].Active = active
	return nil
}

func deleteSSHPublicKey(c *call) *APIError {
	u, err := c.sshUser()
	if err != nil {
		return err
	}
	i, err := c.sshKey(u)
	if err != nil {
		return err
	}
	u.SSHKeys = slices.Delete(u.SSHKeys, i, i+1)
	return nil
}

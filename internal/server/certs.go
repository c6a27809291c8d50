package server

import (
	"crypto/x509"
	"encoding/pem"
	"slices"
	"strings"
)

// Signing certificates (X.509 certificates of IAM users).

func init() {
	register("UploadSigningCertificate", true, resUser("UserName"), uploadSigningCertificate)
	register("ListSigningCertificates", false, resUser("UserName"), listSigningCertificates)
	register("UpdateSigningCertificate", true, resUser("UserName"), updateSigningCertificate)
	register("DeleteSigningCertificate", true, resUser("UserName"), deleteSigningCertificate)
}

// maxSigningCerts is IAM's quota of signing certificates per user.
const maxSigningCerts = 2

// parseCertPEM parses one PEM certificate, answering MalformedCertificate.
func parseCertPEM(body string) (*x509.Certificate, *APIError) {
	blk, _ := pem.Decode([]byte(body))
	if blk == nil || blk.Type != "CERTIFICATE" {
		return nil, errf(CodeMalformedCertificate, "Certificate body is not a PEM-encoded certificate.")
	}
	cert, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		return nil, errf(CodeMalformedCertificate, "Unable to parse certificate. Please ensure the certificate is in PEM format.")
	}
	return cert, nil
}

// certUser resolves UserName or the caller; root has no signing
// certificates here.
func (c *call) certUser() (*user, *APIError) {
	u, err := c.userOrCaller("UserName")
	if err != nil {
		return nil, err
	}
	if u == nil {
		return nil, errf(CodeInvalidInput, "The root user's signing certificates are not managed by this server; give UserName.")
	}
	return u, nil
}

func uploadSigningCertificate(c *call) *APIError {
	u, err := c.certUser()
	if err != nil {
		return err
	}
	body, err := c.p.required("CertificateBody")
	if err != nil {
		return err
	}
	if err := checkLen("CertificateBody", body, 1, 16384); err != nil {
		return err
	}
	if _, err := parseCertPEM(body); err != nil {
		return err
	}
	dup := false
	c.s.st.Users.each(func(o *user) bool {
		for _, sc := range o.SigningCerts {
			if strings.TrimSpace(sc.Body) == strings.TrimSpace(body) {
				dup = true
			}
		}
		return !dup
	})
	if dup {
		return errf(CodeDuplicateCertificate, "The certificate is already registered.")
	}
	if len(u.SigningCerts) >= maxSigningCerts {
		return limitExceeded("Cannot exceed quota for SigningCertificatesPerUser: %d", maxSigningCerts)
	}
	sc := &signingCert{ID: c.s.ids.idLen("", 32), Body: body, Active: true, Uploaded: c.now}
	u.SigningCerts = append(u.SigningCerts, sc)
	writeSigningCert(c.w, "Certificate", u, sc)
	return nil
}

func writeSigningCert(w *xmlw, elem string, u *user, sc *signingCert) {
	w.open(elem)
	w.elem("UserName", u.Name)
	w.elem("CertificateId", sc.ID)
	w.elem("CertificateBody", sc.Body)
	w.elem("Status", status(sc.Active))
	w.time("UploadDate", sc.Uploaded)
	w.close(elem)
}

func listSigningCertificates(c *call) *APIError {
	u, err := c.certUser()
	if err != nil {
		return err
	}
	return writeSlicePage(c, "Certificates", u.SigningCerts, func(sc *signingCert) {
		writeSigningCert(c.w, "member", u, sc)
	})
}

func (c *call) signingCert(u *user) (int, *APIError) {
	id, err := c.p.required("CertificateId")
	if err != nil {
		return 0, err
	}
	i := slices.IndexFunc(u.SigningCerts, func(sc *signingCert) bool { return sc.ID == id })
	if i < 0 {
		return 0, errf(CodeNoSuchEntity, "The Certificate with id %s cannot be found.", id)
	}
	return i, nil
}

// statusParam reads the required Status of a credential: true for Active,
// false for Inactive.
func statusParam(p params) (bool, *APIError) {
	st, err := p.required("Status")
	if err != nil {
		return false, err
	}
	return st == "Active", checkEnum("Status", st, "Active", "Inactive")
}

func updateSigningCertificate(c *call) *APIError {
	u, err := c.certUser()
	if err != nil {
		return err
	}
	i, err := c.signingCert(u)
	if err != nil {
		return err
	}
	active, err := statusParam(c.p)
	if err != nil {
		return err
	}
	u.SigningCerts[i].Active = active
	return nil
}

func deleteSigningCertificate(c *call) *APIError {
	u, err := c.certUser()
	if err != nil {
		return err
	}
	i, err := c.signingCert(u)
	if err != nil {
		return err
	}
	u.SigningCerts = slices.Delete(u.SigningCerts, i, i+1)
	return nil
}

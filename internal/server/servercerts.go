package server

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"strings"
)

// Server certificates (TLS certificates for load balancers and the like).

func init() {
	register("UploadServerCertificate", true, resServerCert("ServerCertificateName"), uploadServerCertificate)
	register("GetServerCertificate", false, resServerCert("ServerCertificateName"), getServerCertificate)
	register("ListServerCertificates", false, nil, listServerCertificates)
	register("UpdateServerCertificate", true, resServerCert("ServerCertificateName"), updateServerCertificate)
	authorizeTarget("UpdateServerCertificate", resRenamed("server-certificate", "ServerCertificateName", "NewServerCertificateName", func(st *state) *coll[*serverCert] { return &st.ServerCerts }))
	register("DeleteServerCertificate", true, resServerCert("ServerCertificateName"), deleteServerCertificate)
	registerTagging("ServerCertificate", resServerCert("ServerCertificateName"), (*call).serverCert)
}

func (c *call) serverCert() (*serverCert, *APIError) {
	return c.s.st.ServerCerts.named(c.p, "ServerCertificateName", 128, "The Server Certificate with name %s cannot be found.")
}

// parsePrivateKey reads a PEM private key (PKCS#1, PKCS#8 or SEC 1).
// Errors never quote the key.
func parsePrivateKey(body string) (crypto.Signer, *APIError) {
	blk, _ := pem.Decode([]byte(body))
	if blk == nil {
		return nil, errf(CodeMalformedCertificate, "The private key is not PEM-encoded.")
	}
	if k, err := x509.ParsePKCS1PrivateKey(blk.Bytes); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(blk.Bytes); err == nil {
		return k, nil
	}
	if k, err := x509.ParsePKCS8PrivateKey(blk.Bytes); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
	}
	return nil, errf(CodeMalformedCertificate, "Unable to parse the private key.")
}

func uploadServerCertificate(c *call) *APIError {
	name, path, err := namePathParams(c.p, "ServerCertificateName", 128)
	if err != nil {
		return err
	}
	tags, err := tagsParam(c.p)
	if err != nil {
		return err
	}
	body, err := c.p.required("CertificateBody")
	if err != nil {
		return err
	}
	keyPEM, err := c.p.required("PrivateKey")
	if err != nil {
		return err
	}
	chain := c.p.str("CertificateChain")
	cert, err := parseCertPEM(body)
	if err != nil {
		return err
	}
	key, err := parsePrivateKey(keyPEM)
	if err != nil {
		return err
	}
	type equaler interface{ Equal(crypto.PublicKey) bool }
	if pub, ok := key.Public().(equaler); !ok || !pub.Equal(cert.PublicKey) {
		return errf(CodeKeyPairMismatch, "The public key of the certificate does not match the private key.")
	}
	for rest := []byte(chain); len(strings.TrimSpace(string(rest))) > 0; {
		var blk *pem.Block
		blk, rest = pem.Decode(rest)
		if blk == nil {
			return errf(CodeMalformedCertificate, "The certificate chain is not PEM-encoded.")
		}
		if _, err := x509.ParseCertificate(blk.Bytes); err != nil {
			return errf(CodeMalformedCertificate, "Unable to parse a certificate of the chain.")
		}
	}
	if _, ok := c.s.st.ServerCerts.get(name); ok {
		return errf(CodeEntityAlreadyExists, "The Server Certificate with name %s already exists.", name)
	}
	sc := &serverCert{Name: name, Path: path, ID: c.s.ids.id("ASCA"), Body: body, Chain: chain,
		Uploaded: c.now, Expiration: cert.NotAfter, Tags: tags}
	c.s.st.ServerCerts.put(name, sc)
	c.s.writeServerCertMeta(c.w, "ServerCertificateMetadata", sc)
	writeTags(c.w, "Tags", tags, false)
	return nil
}

func (s *Server) writeServerCertMeta(w *xmlw, elem string, sc *serverCert) {
	w.open(elem)
	w.elem("Path", sc.Path)
	w.elem("ServerCertificateName", sc.Name)
	w.elem("ServerCertificateId", sc.ID)
	w.elem("Arn", s.serverCertArn(sc))
	w.time("UploadDate", sc.Uploaded)
	w.time("Expiration", sc.Expiration)
	w.close(elem)
}

func getServerCertificate(c *call) *APIError {
	sc, err := c.serverCert()
	if err != nil {
		return err
	}
	c.w.open("ServerCertificate")
	c.s.writeServerCertMeta(c.w, "ServerCertificateMetadata", sc)
	c.w.elem("CertificateBody", sc.Body)
	c.w.opt("CertificateChain", sc.Chain)
	writeTags(c.w, "Tags", sc.Tags, false)
	c.w.close("ServerCertificate")
	return nil
}

func listServerCertificates(c *call) *APIError {
	return writePathPage(c, "ServerCertificateMetadataList", &c.s.st.ServerCerts,
		func(sc *serverCert) { c.s.writeServerCertMeta(c.w, "member", sc) })
}

func updateServerCertificate(c *call) *APIError {
	sc, err := c.serverCert()
	if err != nil {
		return err
	}
	name, path, err := renameParams(c.p, "NewServerCertificateName", 128, sc.Name, sc.Path)
	if err != nil {
		return err
	}
	if !c.s.st.ServerCerts.rename(sc.Name, name, sc) {
		return errf(CodeEntityAlreadyExists, "The Server Certificate with name %s already exists.", name)
	}
	sc.Name, sc.Path = name, path
	return nil
}

func deleteServerCertificate(c *call) *APIError {
	sc, err := c.serverCert()
	if err != nil {
		return err
	}
	c.s.st.ServerCerts.del(sc.Name)
	return nil
}

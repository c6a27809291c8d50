package iam

import (
	"bytes"
	"context"
	"crypto"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"iter"
	"log/slog"
	"strings"
	"time"
)

// SigningCertificate is an X.509 signing certificate of a user (used by
// SOAP-era services), as UploadSigningCertificate and
// ListSigningCertificates return it.
type SigningCertificate struct {
	UserName        string
	CertificateID   string
	CertificateBody string
	Status          Status
	UploadDate      time.Time

	source
}

func readSigningCertificate(n Node, resp *Response) (SigningCertificate, error) {
	f := fields{n: n}
	sc := SigningCertificate{
		UserName:        f.str("UserName"),
		CertificateID:   f.str("CertificateId"),
		CertificateBody: f.str("CertificateBody"),
		Status:          Status(f.str("Status")),
		UploadDate:      f.time("UploadDate"),
		source:          source{n, resp},
	}
	return sc, f.err
}

// UploadSigningCertificate uploads an X.509 signing certificate for a
// user; an empty userName means the caller, and then no UserName is sent.
// The PEM body is parsed locally first and a malformed one is refused.
// The new certificate is Active.
func (c *Client) UploadSigningCertificate(ctx context.Context, userName, certificateBody string) (*SigningCertificate, error) {
	const action = "UploadSigningCertificate"
	if err := checkAll(checkOptionalUserName(userName), checkCertificatePEM("CertificateBody", certificateBody)); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"CertificateBody": certificateBody}
	setString(p, "UserName", userName)
	return callElement(ctx, c, action, p, "Certificate", readSigningCertificate)
}

// ListSigningCertificatesOutput is one page of ListSigningCertificates.
type ListSigningCertificatesOutput struct {
	Certificates []SigningCertificate
	PageInfo
	source
}

// ListSigningCertificates returns one page of a user's signing
// certificates; an empty userName means the caller.
func (c *Client) ListSigningCertificates(ctx context.Context, userName string, opts *PageOptions) (*ListSigningCertificatesOutput, error) {
	const action = "ListSigningCertificates"
	p := Params{}
	if err := addPageParams(p, action, "UserName", userName, optionalUserNameCheck, opts); err != nil {
		return nil, err
	}
	pg, err := listPage(ctx, c, action, p, "Certificates", readSigningCertificate)
	if err != nil {
		return nil, err
	}
	return &ListSigningCertificatesOutput{Certificates: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListSigningCertificatesAll iterates over every signing certificate of a
// user (an empty userName means the caller).
func (c *Client) ListSigningCertificatesAll(ctx context.Context, userName string, opts *PageOptions) iter.Seq2[SigningCertificate, error] {
	return allPages(ctx, "ListSigningCertificates", opts, pageOf(bind(c.ListSigningCertificates, userName), func(o *ListSigningCertificatesOutput) []SigningCertificate { return o.Certificates }))
}

// signingCertificateCredential names a signing certificate in the actions
// on one certificate.
var signingCertificateCredential = credentialKind{idParam: "CertificateId", checkID: checkCertificateID}

// UpdateSigningCertificate activates or deactivates a signing
// certificate; an empty userName means the caller.
func (c *Client) UpdateSigningCertificate(ctx context.Context, userName, certificateID string, status Status) error {
	return c.setCredentialStatus(ctx, "UpdateSigningCertificate", signingCertificateCredential, userName, certificateID, status)
}

// DeleteSigningCertificate deletes a signing certificate; an empty
// userName means the caller.
func (c *Client) DeleteSigningCertificate(ctx context.Context, userName, certificateID string) error {
	return c.credentialAction(ctx, "DeleteSigningCertificate", signingCertificateCredential, userName, certificateID)
}

// ServerCertificateMetadata describes a server certificate stored in IAM
// (for load balancers and CloudFront), as every server certificate call
// returns it.
type ServerCertificateMetadata struct {
	Path                  string
	ServerCertificateName string
	ServerCertificateID   string
	ARN                   string
	UploadDate            time.Time
	// Expiration is the certificate's notAfter.
	Expiration time.Time
	// Tags are set by UploadServerCertificate only (GetServerCertificate
	// carries them in ServerCertificate.Tags).
	Tags []Tag

	source
}

func readServerCertificateMetadata(n Node, resp *Response) (ServerCertificateMetadata, error) {
	f := fields{n: n}
	m := ServerCertificateMetadata{
		Path:                  f.str("Path"),
		ServerCertificateName: f.str("ServerCertificateName"),
		ServerCertificateID:   f.str("ServerCertificateId"),
		ARN:                   f.str("Arn"),
		UploadDate:            f.time("UploadDate"),
		Expiration:            f.time("Expiration"),
		source:                source{n, resp},
	}
	return m, f.err
}

// ServerCertificate is a server certificate with its body and chain, as
// GetServerCertificate returns it. IAM never returns the private key.
type ServerCertificate struct {
	Metadata         ServerCertificateMetadata
	CertificateBody  string
	CertificateChain string
	Tags             []Tag

	source
}

// UploadServerCertificateInput is what UploadServerCertificate sends.
//
// PrivateKey is kept out of every printed and logged form of the input:
// String, GoString, every fmt verb, slog (LogValue) and encoding/json show
// it redacted.
type UploadServerCertificateInput struct {
	// CertificateBody is the PEM-encoded certificate (required).
	CertificateBody string
	// PrivateKey is the PEM-encoded, unencrypted private key of the
	// certificate (required): PKCS #1, SEC 1 (EC) or PKCS #8.
	PrivateKey string
	// CertificateChain is the PEM-encoded chain of intermediate
	// certificates, optional.
	CertificateChain string
	// Path is the certificate's path, "/" by default; use
	// "/cloudfront/..." for CloudFront.
	Path string
	// Tags are attached to the certificate (at most 50).
	Tags []Tag
}

// String shows the input with the private key redacted and the PEM
// bodies summarized.
func (in UploadServerCertificateInput) String() string {
	return fmt.Sprintf("{CertificateBody:%s PrivateKey:%s CertificateChain:%s Path:%s Tags:%v}",
		pemSummary(in.CertificateBody), shownSecret(in.PrivateKey != ""), pemSummary(in.CertificateChain), in.Path, in.Tags)
}

// GoString is String for %#v.
func (in UploadServerCertificateInput) GoString() string {
	return "iam.UploadServerCertificateInput" + in.String()
}

// Format makes every fmt verb print the redacted form.
func (in UploadServerCertificateInput) Format(f fmt.State, verb rune) { formatRedacted(f, verb, in) }

// LogValue logs the input without the private key.
func (in UploadServerCertificateInput) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("certificate_body", pemSummary(in.CertificateBody)),
		slog.String("private_key", shownSecret(in.PrivateKey != "")),
		slog.String("certificate_chain", pemSummary(in.CertificateChain)),
		slog.String("path", in.Path),
	)
}

// MarshalJSON writes the input with the private key redacted.
func (in UploadServerCertificateInput) MarshalJSON() ([]byte, error) {
	type shown struct {
		CertificateBody  string
		PrivateKey       string
		CertificateChain string `json:",omitempty"`
		Path             string `json:",omitempty"`
		Tags             []Tag  `json:",omitempty"`
	}
	return json.Marshal(shown{in.CertificateBody, shownSecret(in.PrivateKey != ""), in.CertificateChain, in.Path, in.Tags})
}

// pemSummary describes PEM text by its block count, e.g. "[2 PEM
// blocks, 2345 bytes]", so a printed input stays readable.
func pemSummary(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf("[%d PEM blocks, %d bytes]", strings.Count(s, "-----BEGIN "), len(s))
}

// UploadServerCertificate uploads a server certificate, its private key
// and optional chain under name. Everything is parsed locally first: a
// malformed certificate or chain, an encrypted or malformed private key,
// or a key that does not belong to the certificate is refused before
// sending, and the key is never quoted in an error or log.
func (c *Client) UploadServerCertificate(ctx context.Context, name string, in *UploadServerCertificateInput) (*ServerCertificateMetadata, error) {
	const action = "UploadServerCertificate"
	o := orDefaults(in)
	if err := checkAll(
		checkServerCertificateName("ServerCertificateName", name),
		checkPath("Path", o.Path),
		checkServerCertificatePEMs(o),
		checkTags(o.Tags, false),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"ServerCertificateName": name, "CertificateBody": o.CertificateBody, "PrivateKey": o.PrivateKey}
	setString(p, "CertificateChain", o.CertificateChain)
	setString(p, "Path", o.Path)
	setList(p, "Tags", o.Tags)
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	m, err := readElement(action, resp, result, "ServerCertificateMetadata", readServerCertificateMetadata)
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	m.Tags = f.tags()
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	return m, nil
}

// GetServerCertificate returns a server certificate with its body, chain
// and tags.
func (c *Client) GetServerCertificate(ctx context.Context, name string) (*ServerCertificate, error) {
	const action = "GetServerCertificate"
	if err := checkServerCertificateName("ServerCertificateName", name); err != nil {
		return nil, validationFailed(action, err)
	}
	resp, result, err := c.callResult(ctx, action, Params{"ServerCertificateName": name})
	if err != nil {
		return nil, err
	}
	n := result.Path("ServerCertificate")
	mn := n.Path("ServerCertificateMetadata")
	if !mn.Exists() {
		return nil, decodeFailed(action, resp, errNotFound(result, "ServerCertificate.ServerCertificateMetadata"))
	}
	m, err := readServerCertificateMetadata(mn, resp)
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	f := fields{n: n}
	sc := &ServerCertificate{
		Metadata:         m,
		CertificateBody:  f.str("CertificateBody"),
		CertificateChain: f.str("CertificateChain"),
		Tags:             f.tags(),
		source:           source{n, resp},
	}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	return sc, nil
}

// ListServerCertificatesOptions filter and page ListServerCertificates.
type ListServerCertificatesOptions struct {
	// PathPrefix keeps certificates whose path begins with it, e.g.
	// "/cloudfront/".
	PathPrefix string
	PageOptions
}

// ListServerCertificatesOutput is one page of ListServerCertificates.
type ListServerCertificatesOutput struct {
	ServerCertificateMetadataList []ServerCertificateMetadata
	PageInfo
	source
}

// ListServerCertificates returns one page of server certificates. See
// ListServerCertificatesAll.
func (c *Client) ListServerCertificates(ctx context.Context, opts *ListServerCertificatesOptions) (*ListServerCertificatesOutput, error) {
	const action = "ListServerCertificates"
	o := orDefaults(opts)
	p := Params{}
	if err := addPageParams(p, action, "PathPrefix", o.PathPrefix, pathPrefixCheck, &o.PageOptions); err != nil {
		return nil, err
	}
	pg, err := listPage(ctx, c, action, p, "ServerCertificateMetadataList", readServerCertificateMetadata)
	if err != nil {
		return nil, err
	}
	return &ListServerCertificatesOutput{ServerCertificateMetadataList: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListServerCertificatesAll iterates over every server certificate.
func (c *Client) ListServerCertificatesAll(ctx context.Context, opts *ListServerCertificatesOptions) iter.Seq2[ServerCertificateMetadata, error] {
	return allPages(ctx, "ListServerCertificates", opts, pageOf(c.ListServerCertificates, func(o *ListServerCertificatesOutput) []ServerCertificateMetadata {
		return o.ServerCertificateMetadataList
	}))
}

// UpdateServerCertificateOptions are the changes UpdateServerCertificate
// makes; an empty field is left as it is.
type UpdateServerCertificateOptions struct {
	NewServerCertificateName string
	NewPath                  string
}

// UpdateServerCertificate renames a server certificate or moves it to
// another path.
func (c *Client) UpdateServerCertificate(ctx context.Context, name string, opts *UpdateServerCertificateOptions) error {
	const action = "UpdateServerCertificate"
	o := orDefaults(opts)
	newName := error(nil)
	if o.NewServerCertificateName != "" {
		newName = checkServerCertificateName("NewServerCertificateName", o.NewServerCertificateName)
	}
	if err := checkAll(checkServerCertificateName("ServerCertificateName", name), newName, checkPath("NewPath", o.NewPath)); err != nil {
		return validationFailed(action, err)
	}
	p := Params{"ServerCertificateName": name}
	setString(p, "NewServerCertificateName", o.NewServerCertificateName)
	setString(p, "NewPath", o.NewPath)
	_, err := c.Call(ctx, action, p)
	return err
}

// DeleteServerCertificate deletes a server certificate. IAM refuses
// (ErrDeleteConflict) while a load balancer still uses it.
func (c *Client) DeleteServerCertificate(ctx context.Context, name string) error {
	return c.idAction(ctx, "DeleteServerCertificate", "ServerCertificateName", name, checkServerCertificateName)
}

// Rules of the IAM API reference for certificate arguments.
const (
	certificateIDRule   = `must match [\w]+ (24-128 characters)`
	serverCertNameRule  = `must match [\w+=,.@-]+ (1-128 characters)`
	maxCertificateBody  = 16384
	maxCertificateChain = 2097152
	maxPrivateKey       = 16384
)

func checkCertificateID(id string) error {
	if id == "" {
		return invalid("CertificateId", id, requiredRule+"; "+certificateIDRule)
	}
	if !checkChars(id, 24, 128, isWordByte) {
		return invalid("CertificateId", id, certificateIDRule)
	}
	return nil
}

func checkServerCertificateName(field, name string) error {
	return checkName(field, name, 128, serverCertNameRule)
}

// pemBlocks splits PEM text into its blocks, refusing text around or
// between them that is not whitespace: a truncated paste or a stray line
// must not be sent on as if it were the whole.
func pemBlocks(text string) ([]*pem.Block, error) {
	rest := []byte(text)
	var blocks []*pem.Block
	for {
		rest = bytes.TrimSpace(rest)
		if len(rest) == 0 {
			break
		}
		b, r := pem.Decode(rest)
		if b == nil {
			return nil, fmt.Errorf("not PEM: expected -----BEGIN ...----- armour around base64 data")
		}
		if !bytes.HasPrefix(rest, []byte("-----BEGIN")) {
			return nil, fmt.Errorf("text before the PEM block")
		}
		blocks = append(blocks, b)
		rest = r
	}
	if len(blocks) == 0 {
		return nil, fmt.Errorf("no PEM block")
	}
	return blocks, nil
}

// parseCertificatesPEM parses PEM text of CERTIFICATE blocks.
func parseCertificatesPEM(field, text string, max int, single bool) ([]*x509.Certificate, error) {
	rule := "must be a PEM-encoded X.509 certificate"
	if !single {
		rule = "must be PEM-encoded X.509 certificates"
	}
	if strings.TrimSpace(text) == "" {
		return nil, invalid(field, "", requiredRule+"; "+rule)
	}
	if len(text) > max {
		return nil, invalid(field, "", fmt.Sprintf("%s, at most %d characters", rule, max))
	}
	if strings.Contains(text, "PRIVATE KEY") {
		return nil, invalid(field, "", rule+"; it contains a private key")
	}
	blocks, err := pemBlocks(text)
	if err != nil {
		return nil, invalid(field, "", rule+": "+err.Error())
	}
	if single && len(blocks) != 1 {
		return nil, invalid(field, "", fmt.Sprintf("%s: found %d PEM blocks, want 1 (put intermediates in CertificateChain)", rule, len(blocks)))
	}
	certs := make([]*x509.Certificate, len(blocks))
	for i, b := range blocks {
		if b.Type != "CERTIFICATE" {
			return nil, invalid(field, "", fmt.Sprintf("%s: block %d is %s, not CERTIFICATE", rule, i+1, quoteShort(b.Type)))
		}
		cert, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, invalid(field, "", fmt.Sprintf("%s: block %d: %v", rule, i+1, err))
		}
		certs[i] = cert
	}
	return certs, nil
}

// checkCertificatePEM checks a PEM certificate body (one certificate).
func checkCertificatePEM(field, text string) error {
	_, err := parseCertificatesPEM(field, text, maxCertificateBody, true)
	return err
}

// parsePrivateKeyPEM parses an unencrypted PEM private key. Its errors
// never carry key material: not the value, and not the parser's message,
// only which form was expected.
func parsePrivateKeyPEM(text string) (crypto.Signer, error) {
	const field = "PrivateKey"
	const rule = "must be a PEM-encoded, unencrypted private key (PKCS #1, SEC 1 or PKCS #8)"
	if strings.TrimSpace(text) == "" {
		return nil, invalid(field, "", requiredRule+"; "+rule)
	}
	if len(text) > maxPrivateKey {
		return nil, invalid(field, "", fmt.Sprintf("%s, at most %d characters", rule, maxPrivateKey))
	}
	blocks, err := pemBlocks(text)
	if err != nil {
		return nil, invalid(field, "", rule+": not one well-formed PEM block")
	}
	if len(blocks) != 1 {
		return nil, invalid(field, "", fmt.Sprintf("%s: found %d PEM blocks, want 1", rule, len(blocks)))
	}
	b := blocks[0]
	if b.Type == "ENCRYPTED PRIVATE KEY" || b.Headers["Proc-Type"] != "" {
		return nil, invalid(field, "", rule+": the key is encrypted; IAM needs it decrypted")
	}
	var key any
	switch b.Type {
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(b.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(b.Bytes)
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
	default:
		return nil, invalid(field, "", fmt.Sprintf("%s: PEM block is %s", rule, quoteShort(b.Type)))
	}
	if err != nil {
		return nil, invalid(field, "", fmt.Sprintf("%s: the %s block does not parse", rule, b.Type))
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, invalid(field, "", rule+": unsupported key type")
	}
	return signer, nil
}

// checkServerCertificatePEMs parses the body, the chain and the key of a
// server certificate and checks that the key is the certificate's.
func checkServerCertificatePEMs(in UploadServerCertificateInput) error {
	certs, err := parseCertificatesPEM("CertificateBody", in.CertificateBody, maxCertificateBody, true)
	if err != nil {
		return err
	}
	if in.CertificateChain != "" {
		if _, err := parseCertificatesPEM("CertificateChain", in.CertificateChain, maxCertificateChain, false); err != nil {
			return err
		}
	}
	key, err := parsePrivateKeyPEM(in.PrivateKey)
	if err != nil {
		return err
	}
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(certs[0].PublicKey) {
		return invalid("PrivateKey", "", "does not match the public key of CertificateBody")
	}
	return nil
}

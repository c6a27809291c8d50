package iam

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Error codes of GetCredentialReport. Compare with errors.Is against the
// matching Err sentinel.
const (
	// CodeReportNotPresent: no report was generated (HTTP 410).
	CodeReportNotPresent = "ReportNotPresent"
	// CodeReportExpired: the last report is older than four hours (HTTP
	// 410); generate a new one.
	CodeReportExpired = "ReportExpired"
	// CodeReportInProgress: the report is still being generated (HTTP
	// 404); ask again shortly.
	CodeReportInProgress = "ReportInProgress"
)

// Sentinels for the GetCredentialReport error codes, for errors.Is.
var (
	ErrReportNotPresent error = codeSentinel(CodeReportNotPresent)
	ErrReportExpired    error = codeSentinel(CodeReportExpired)
	ErrReportInProgress error = codeSentinel(CodeReportInProgress)
)

// CredentialReportState is how far GenerateCredentialReport has got.
type CredentialReportState string

// The states IAM reports.
const (
	ReportStarted    CredentialReportState = "STARTED"
	ReportInProgress CredentialReportState = "INPROGRESS"
	ReportComplete   CredentialReportState = "COMPLETE"
)

// GenerateCredentialReportOutput is the answer of
// GenerateCredentialReport.
type GenerateCredentialReportOutput struct {
	State       CredentialReportState
	Description string

	source
}

// GenerateCredentialReport starts generating the account's credential
// report, or reports that one is in progress or complete. Poll it (or
// GetCredentialReport, which answers ErrReportInProgress meanwhile) until
// State is ReportComplete.
func (c *Client) GenerateCredentialReport(ctx context.Context) (*GenerateCredentialReportOutput, error) {
	const action = "GenerateCredentialReport"
	resp, result, err := c.callResult(ctx, action, Params{})
	if err != nil {
		return nil, err
	}
	state := result.Path("State")
	if !state.Exists() {
		return nil, decodeFailed(action, resp, errNotFound(result, "State"))
	}
	return &GenerateCredentialReportOutput{
		State:       CredentialReportState(strings.TrimSpace(state.String())),
		Description: result.Path("Description").String(),
		source:      source{result, resp},
	}, nil
}

// CredentialReport is the account's credential report, decoded.
type CredentialReport struct {
	GeneratedTime time.Time
	// ReportFormat is the MIME type, "text/csv".
	ReportFormat string
	// Content is the report as IAM generated it, base64 removed.
	Content []byte
	// Rows are the report's lines after the header, one per user; the
	// first is usually the root user, "<root_account>".
	Rows []CredentialReportRow

	source
}

// CredentialReportRow is one user's line of the credential report.
//
// Columns IAM fills with "N/A" (not applicable), "not_supported" (the
// root user's password columns) or "no_information" (never used since
// tracking began) read as zero values: the zero time, false, "". Columns
// keeps every column's text as written, to tell those apart or to read a
// column the type does not carry.
type CredentialReportRow struct {
	User             string
	ARN              string
	UserCreationTime time.Time
	PasswordEnabled  bool
	PasswordLastUsed time.Time
	// PasswordLastChanged and PasswordNextRotation are zero for a user
	// without a password.
	PasswordLastChanged  time.Time
	PasswordNextRotation time.Time
	MFAActive            bool
	// AccessKeys are the access_key_1_* and access_key_2_* columns.
	AccessKeys [2]CredentialReportKey
	// Certs are the cert_1_* and cert_2_* columns.
	Certs [2]CredentialReportCert
	// Columns maps every column name of the header to this row's text.
	Columns map[string]string
}

// CredentialReportKey is one access key's columns of a report row.
type CredentialReportKey struct {
	Active          bool
	LastRotated     time.Time
	LastUsedDate    time.Time
	LastUsedRegion  string
	LastUsedService string
}

// CredentialReportCert is one signing certificate's columns of a report
// row.
type CredentialReportCert struct {
	Active      bool
	LastRotated time.Time
}

// GetCredentialReport returns the account's last credential report,
// decoded from base64 and parsed from CSV. Without a fresh report it
// answers an error matching ErrReportNotPresent, ErrReportExpired or
// ErrReportInProgress (errors.Is); call GenerateCredentialReport first.
func (c *Client) GetCredentialReport(ctx context.Context) (*CredentialReport, error) {
	const action = "GetCredentialReport"
	resp, result, err := c.callResult(ctx, action, Params{})
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	out := &CredentialReport{
		GeneratedTime: f.time("GeneratedTime"),
		ReportFormat:  f.str("ReportFormat"),
		Content:       f.blob("Content"),
		source:        source{result, resp},
	}
	if f.err == nil && !result.Path("Content").Exists() {
		f.err = errNotFound(result, "Content")
	}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	if out.ReportFormat != "" && out.ReportFormat != "text/csv" {
		return nil, decodeFailed(action, resp, fmt.Errorf("iam: credential report format %q is not text/csv", out.ReportFormat))
	}
	rows, err := ParseCredentialReport(out.Content)
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	out.Rows = rows
	return out, nil
}

// ParseCredentialReport parses the CSV text of a credential report (the
// decoded Content of GetCredentialReport, or a saved copy). Columns are
// found by their header names, so reordered or added columns are read
// correctly; the "user" and "arn" columns are required. A date or boolean
// that is neither valid nor one of IAM's placeholders is an error naming
// the row and column.
func ParseCredentialReport(content []byte) ([]CredentialReportRow, error) {
	r := csv.NewReader(bytes.NewReader(content))
	r.ReuseRecord = false
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("iam: credential report is empty (no header line)")
	}
	if err != nil {
		return nil, fmt.Errorf("iam: credential report: %w", err)
	}
	col := make(map[string]int, len(header))
	for i, name := range header {
		col[strings.TrimSpace(name)] = i
	}
	for _, required := range []string{"user", "arn"} {
		if _, ok := col[required]; !ok {
			return nil, fmt.Errorf("iam: credential report header has no %q column", required)
		}
	}
	rows := []CredentialReportRow{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("iam: credential report: %w", err)
		}
		row, err := readReportRow(header, col, rec)
		if err != nil {
			return nil, fmt.Errorf("iam: credential report line %d: %w", line, err)
		}
		rows = append(rows, row)
	}
}

// reportFields reads the columns of one report line, keeping the first
// error, like fields does for XML.
type reportFields struct {
	col map[string]int
	rec []string
	err error
}

// text returns a column's text, "" when the column is absent.
func (f *reportFields) text(name string) string {
	i, ok := f.col[name]
	if !ok || i >= len(f.rec) {
		return ""
	}
	return f.rec[i]
}

// isPlaceholder reports IAM's "no value" texts.
func isPlaceholder(s string) bool {
	switch s {
	case "", "N/A", "not_supported", "no_information":
		return true
	}
	return false
}

func (f *reportFields) str(name string) string {
	s := f.text(name)
	if isPlaceholder(s) {
		return ""
	}
	return s
}

func (f *reportFields) time(name string) time.Time {
	s := f.text(name)
	if f.err != nil || isPlaceholder(s) {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		f.err = fmt.Errorf("column %s: invalid ISO 8601 time %q", name, clip(s))
		return time.Time{}
	}
	return t.UTC()
}

func (f *reportFields) bool(name string) bool {
	s := f.text(name)
	if f.err != nil || isPlaceholder(s) {
		return false
	}
	switch strings.ToLower(s) {
	case "true":
		return true
	case "false":
		return false
	}
	f.err = fmt.Errorf("column %s: invalid boolean %q", name, clip(s))
	return false
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

func readReportRow(header []string, col map[string]int, rec []string) (CredentialReportRow, error) {
	f := reportFields{col: col, rec: rec}
	row := CredentialReportRow{
		User:                 f.text("user"),
		ARN:                  f.text("arn"),
		UserCreationTime:     f.time("user_creation_time"),
		PasswordEnabled:      f.bool("password_enabled"),
		PasswordLastUsed:     f.time("password_last_used"),
		PasswordLastChanged:  f.time("password_last_changed"),
		PasswordNextRotation: f.time("password_next_rotation"),
		MFAActive:            f.bool("mfa_active"),
		Columns:              make(map[string]string, len(header)),
	}
	for i := range row.AccessKeys {
		p := fmt.Sprintf("access_key_%d_", i+1)
		row.AccessKeys[i] = CredentialReportKey{
			Active:          f.bool(p + "active"),
			LastRotated:     f.time(p + "last_rotated"),
			LastUsedDate:    f.time(p + "last_used_date"),
			LastUsedRegion:  f.str(p + "last_used_region"),
			LastUsedService: f.str(p + "last_used_service"),
		}
		c := fmt.Sprintf("cert_%d_", i+1)
		row.Certs[i] = CredentialReportCert{Active: f.bool(c + "active"), LastRotated: f.time(c + "last_rotated")}
	}
	for i, name := range header {
		if i < len(rec) {
			row.Columns[strings.TrimSpace(name)] = rec[i]
		}
	}
	return row, f.err
}

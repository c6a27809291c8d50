package server

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"strings"
	"time"
)

// The credential report: one CSV row per user (and the root user) with
// the state of its password, MFA, keys and certificates.

func init() {
	register("GenerateCredentialReport", true, nil, generateCredentialReport)
	register("GetCredentialReport", false, nil, getCredentialReport)
}

// reportLifetime is how long IAM keeps a report before GetCredentialReport
// answers ReportExpired and Generate makes a new one.
const reportLifetime = 4 * time.Hour

const reportHeader = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed," +
	"password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date," +
	"access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated," +
	"access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active," +
	"cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

func generateCredentialReport(c *call) *APIError {
	r := c.s.st.Report
	if r != nil && c.now.Sub(r.Generated) < reportLifetime {
		c.w.elem("State", "COMPLETE")
		return nil
	}
	c.s.st.Report = &credentialReport{Generated: c.now, Content: c.credentialReport()}
	c.w.elem("State", "STARTED")
	c.w.elem("Description", "No report exists. Starting a new report generation task")
	return nil
}

func getCredentialReport(c *call) *APIError {
	r := c.s.st.Report
	if r == nil {
		return errf(CodeReportNotPresent, "Credential report not present. Call GenerateCredentialReport first.")
	}
	if c.now.Sub(r.Generated) >= reportLifetime {
		return errf(CodeReportExpired, "Credential report expired. Call GenerateCredentialReport to make a new one.")
	}
	c.w.elem("Content", base64.StdEncoding.EncodeToString(r.Content))
	c.w.elem("ReportFormat", "text/csv")
	c.w.time("GeneratedTime", r.Generated)
	return nil
}

func reportTime(t time.Time) string {
	if t.IsZero() {
		return "N/A"
	}
	return t.UTC().Format("2006-01-02T15:04:05+00:00")
}

func (c *call) credentialReport() []byte {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	// User names may hold commas, hence a real CSV writer.
	row := func(fields ...string) { cw.Write(fields) }
	row(strings.Split(reportHeader, ",")...)
	keyCols := func(ids []string) []string {
		var out []string
		for i := range 2 {
			if i >= len(ids) {
				out = append(out, "false", "N/A", "N/A", "N/A", "N/A")
				continue
			}
			k := c.s.st.AccessKeys[ids[i]]
			if k == nil { // the configured root key
				out = append(out, "true", reportTime(c.s.started), "N/A", "N/A", "N/A")
				continue
			}
			last, region := c.lastUse(k)
			svc := "N/A"
			if !last.IsZero() {
				svc = "iam"
			} else {
				region = "N/A"
			}
			out = append(out, boolStr(k.Active), reportTime(k.Created), reportTime(last), region, svc)
		}
		return out
	}
	root := []string{"<root_account>", "arn:aws:iam::" + c.s.account + ":root", reportTime(c.s.started),
		"not_supported", "N/A", "not_supported", "not_supported", "false"}
	root = append(root, keyCols(c.keyIDs(nil))...)
	root = append(root, "false", "N/A", "false", "N/A")
	row(root...)
	c.s.st.Users.each(func(u *user) bool {
		pw, changed := "false", "N/A"
		if u.Login != nil {
			pw, changed = "true", reportTime(u.Login.Created)
		}
		f := []string{u.Name, c.s.userArn(u), reportTime(u.Created), pw, reportTime(u.PasswordLastUsed), changed, "N/A",
			boolStr(len(u.MFA) > 0)}
		f = append(f, keyCols(u.Keys)...)
		for i := range 2 {
			if i < len(u.SigningCerts) {
				f = append(f, boolStr(u.SigningCerts[i].Active), reportTime(u.SigningCerts[i].Uploaded))
			} else {
				f = append(f, "false", "N/A")
			}
		}
		row(f...)
		return true
	})
	cw.Flush()
	return b.Bytes()
}

func boolStr(v bool) string {
	if v {
		return "true"
	}
	return "false"
}

// Command walk-floor walks every page of a pageserver with bare net/http
// and keeps nothing: the floor of the walk figure. It reads each page into
// one reused buffer and finds the next Marker and the users by byte search,
// the least any client can do.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/iamkit/iam/bench/internal/procstat"
)

func main() { procstat.WalkMain("floor", walk) }

func walk(ctx context.Context, endpoint string) (users, pages int, err error) {
	var buf bytes.Buffer
	marker := ""
	for {
		form := "Action=ListUsers&Version=2010-05-08"
		if marker != "" {
			form = "Action=ListUsers&Marker=" + url.QueryEscape(marker) + "&Version=2010-05-08"
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader([]byte(form)))
		if err != nil {
			return users, pages, err
		}
		req.Header["Content-Type"] = []string{"application/x-www-form-urlencoded; charset=utf-8"}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return users, pages, err
		}
		buf.Reset()
		_, err = buf.ReadFrom(resp.Body)
		resp.Body.Close()
		if err != nil {
			return users, pages, err
		}
		if resp.StatusCode != http.StatusOK {
			return users, pages, fmt.Errorf("page %d: status %d", pages+1, resp.StatusCode)
		}
		pages++
		body := buf.Bytes()
		users += bytes.Count(body, []byte("<member>"))
		marker = between(body, "<Marker>", "</Marker>")
		if !bytes.Contains(body, []byte("<IsTruncated>true</IsTruncated>")) {
			return users, pages, nil
		}
		if marker == "" {
			return users, pages, errors.New("truncated page without a Marker")
		}
	}
}

func between(b []byte, open, end string) string {
	i := bytes.Index(b, []byte(open))
	if i < 0 {
		return ""
	}
	b = b[i+len(open):]
	j := bytes.Index(b, []byte(end))
	if j < 0 {
		return ""
	}
	return string(b[:j])
}

package workload

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Pages answers ListUsers with count pages cut from one ListUsers page:
// every page carries the same users, with IsTruncated and Marker rewritten
// so a paginator walks page 1 to page count. Markers are "page-N".
type Pages struct {
	head, tail []byte // the page around its IsTruncated/Marker elements
	count      int
}

// NewPages prepares count pages from page, which must be a ListUsers
// answer with an IsTruncated element.
func NewPages(page []byte, count int) (*Pages, error) {
	if count < 1 {
		return nil, fmt.Errorf("pages: count %d is not positive", count)
	}
	i := bytes.Index(page, []byte("<IsTruncated>"))
	if i < 0 {
		return nil, errors.New("pages: the page has no IsTruncated element")
	}
	j := bytes.Index(page, []byte("</ListUsersResult>"))
	if j < i {
		return nil, errors.New("pages: the page has no ListUsersResult end after IsTruncated")
	}
	return &Pages{head: page[:i], tail: page[j:], count: count}, nil
}

// Page returns page n (1-based) as the server sends it.
func (p *Pages) Page(n int) []byte {
	var b bytes.Buffer
	b.Grow(len(p.head) + len(p.tail) + 96)
	b.Write(p.head)
	if n < p.count {
		fmt.Fprintf(&b, "<IsTruncated>true</IsTruncated>\n    <Marker>page-%d</Marker>\n  ", n+1)
	} else {
		b.WriteString("<IsTruncated>false</IsTruncated>\n  ")
	}
	b.Write(p.tail)
	return b.Bytes()
}

// pageOf reads the page number a request asks for: 1 without a Marker.
func (p *Pages) pageOf(marker string) (int, error) {
	if marker == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(marker, "page-"))
	if err != nil || !strings.HasPrefix(marker, "page-") || n < 2 || n > p.count {
		return 0, fmt.Errorf("unknown Marker %q", marker)
	}
	return n, nil
}

// ServeHTTP answers a ListUsers form POST with the page its Marker names.
func (p *Pages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if a := r.PostForm.Get("Action"); a != "ListUsers" {
		http.Error(w, fmt.Sprintf("only ListUsers is served, not %q", a), http.StatusBadRequest)
		return
	}
	n, err := p.pageOf(r.PostForm.Get("Marker"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	body := p.Page(n)
	w.Header()["Content-Type"] = []string{"text/xml"}
	w.Header()["Content-Length"] = []string{strconv.Itoa(len(body))}
	_, _ = w.Write(body)
}

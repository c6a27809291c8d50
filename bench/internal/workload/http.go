package workload

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
)

// Answer returns a handler that reads the whole request, as a real server
// does, and answers 200 with body. Content-Length is set so that large
// bodies are not chunked: IAM sends a length, and chunk decoding would
// add a cost no client can avoid.
func Answer(body []byte) http.Handler {
	length := strconv.Itoa(len(body))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		h := w.Header()
		h["Content-Type"] = []string{"text/xml"}
		h["Content-Length"] = []string{length}
		_, _ = w.Write(body)
	})
}

// MemoryTransport answers every request with Body from memory, without a
// network: what remains is the client's own cost (encoding, signing,
// middleware, reading and decoding). It reads the request body, as a real
// transport would.
type MemoryTransport struct {
	Body []byte
}

// RoundTrip implements http.RoundTripper.
func (t *MemoryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{
		Status:        "200 OK",
		StatusCode:    http.StatusOK,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"text/xml"}, "Content-Length": {strconv.Itoa(len(t.Body))}},
		Body:          io.NopCloser(bytes.NewReader(t.Body)),
		ContentLength: int64(len(t.Body)),
		Request:       req,
	}, nil
}

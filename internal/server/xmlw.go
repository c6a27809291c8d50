package server

import (
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// xmlNS is the namespace of every IAM answer.
const xmlNS = "https://iam.amazonaws.com/doc/2010-05-08/"

// xmlw writes IAM's XML by hand into one buffer. IAM's answers are a
// fixed, shallow shape, and a direct writer costs a fraction of
// encoding/xml's reflection; every text goes through text, which escapes
// it, so any input still yields well-formed XML.
type xmlw struct {
	b []byte
}

// open writes <name>.
func (w *xmlw) open(name string) {
	w.b = append(w.b, '<')
	w.b = append(w.b, name...)
	w.b = append(w.b, '>')
}

// close writes </name>.
func (w *xmlw) close(name string) {
	w.b = append(w.b, '<', '/')
	w.b = append(w.b, name...)
	w.b = append(w.b, '>')
}

// arn writes <name>arn:aws:iam::ACCOUNT:KIND PATH NAME</name> without
// building the string: listings write one ARN per entity.
func (w *xmlw) arn(name, account, kind, path, entity string) {
	w.open(name)
	w.b = append(w.b, "arn:aws:iam::"...)
	w.text(account)
	w.b = append(w.b, ':')
	w.text(kind)
	w.text(path)
	w.text(entity)
	w.close(name)
}

// elem writes <name>text</name>.
func (w *xmlw) elem(name, text string) {
	w.open(name)
	w.text(text)
	w.close(name)
}

// opt writes <name>text</name> unless text is empty: IAM leaves optional
// members out rather than sending them empty.
func (w *xmlw) opt(name, text string) {
	if text != "" {
		w.elem(name, text)
	}
}

// bool writes <name>true|false</name>.
func (w *xmlw) bool(name string, v bool) {
	w.open(name)
	w.b = strconv.AppendBool(w.b, v)
	w.close(name)
}

// int writes <name>n</name>.
func (w *xmlw) int(name string, n int) {
	w.open(name)
	w.b = strconv.AppendInt(w.b, int64(n), 10)
	w.close(name)
}

// time writes <name>2006-01-02T15:04:05Z</name> in UTC, IAM's date form.
func (w *xmlw) time(name string, t time.Time) {
	w.open(name)
	w.b = appendISODate(w.b, t)
	w.close(name)
}

// appendISODate appends t in UTC as 2006-01-02T15:04:05Z. Written out by
// hand: a listing of 100 users formats 100 dates, and time's layout
// interpreter is most of that cost.
func appendISODate(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	hour, min, sec := t.Clock()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, "2006-01-02T15:04:05Z")
	}
	b = append(b, byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-')
	b = append(b, byte('0'+int(month)/10), byte('0'+int(month)%10), '-', byte('0'+day/10), byte('0'+day%10), 'T')
	b = append(b, byte('0'+hour/10), byte('0'+hour%10), ':', byte('0'+min/10), byte('0'+min%10), ':')
	return append(b, byte('0'+sec/10), byte('0'+sec%10), 'Z')
}

// optTime writes the date unless t is zero.
func (w *xmlw) optTime(name string, t time.Time) {
	if !t.IsZero() {
		w.time(name, t)
	}
}

// plainText marks the bytes that text copies as they are: printable
// ASCII other than the XML specials, tab and newline.
var plainText = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = true
	}
	t['<'], t['>'], t['&'], t['"'] = false, false, false, false
	t['\t'], t['\n'] = true, true
	return t
}()

// text appends s escaped for XML character data. Characters XML 1.0 cannot
// carry at all (most C0 controls, invalid UTF-8) become U+FFFD, so hostile
// input echoed back (an action name, a user name) never breaks the document.
func (w *xmlw) text(s string) {
	// Names, IDs, ARNs and dates are plain ASCII: copy them whole.
	i := 0
	for i < len(s) && plainText[s[i]] {
		i++
	}
	w.b = append(w.b, s[:i]...)
	if i < len(s) {
		w.escape(s[i:])
	}
}

// escape is text's slow path, from the first byte that needs care.
func (w *xmlw) escape(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '<':
				w.b = append(w.b, "&lt;"...)
			case c == '>':
				w.b = append(w.b, "&gt;"...)
			case c == '&':
				w.b = append(w.b, "&amp;"...)
			case c == '"':
				w.b = append(w.b, "&quot;"...)
			case c == '\r':
				w.b = append(w.b, "&#xD;"...)
			case c == '\t' || c == '\n':
				w.b = append(w.b, c)
			case c < 0x20 || c == 0x7f:
				w.b = append(w.b, "\uFFFD"...)
			default:
				w.b = append(w.b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
			w.b = append(w.b, "\uFFFD"...)
		} else {
			w.b = append(w.b, s[i:i+n]...)
		}
		i += n
	}
}

// startResponse writes the envelope's opening for action.
func (w *xmlw) startResponse(action string) {
	w.b = append(w.b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<"...)
	w.b = append(w.b, action...)
	w.b = append(w.b, `Response xmlns="`+xmlNS+`">`...)
}

// endResponse writes ResponseMetadata and closes the envelope.
func (w *xmlw) endResponse(action, requestID string) {
	w.b = append(w.b, "<ResponseMetadata><RequestId>"...)
	w.text(requestID)
	w.b = append(w.b, "</RequestId></ResponseMetadata></"...)
	w.b = append(w.b, action...)
	w.b = append(w.b, "Response>\n"...)
}

// errorBody writes IAM's error envelope.
func (w *xmlw) errorBody(e *APIError, requestID string) {
	w.b = append(w.b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<ErrorResponse xmlns="`+xmlNS+`"><Error><Type>`...)
	if e.Receiver {
		w.b = append(w.b, "Receiver"...)
	} else {
		w.b = append(w.b, "Sender"...)
	}
	w.b = append(w.b, "</Type>"...)
	w.elem("Code", e.Code)
	w.elem("Message", e.Message)
	w.b = append(w.b, "</Error>"...)
	w.elem("RequestId", requestID)
	w.b = append(w.b, "</ErrorResponse>\n"...)
}

// policyDoc writes a policy document URL-encoded, as IAM returns them:
// percent-encoded per RFC 3986 (space as %20, '{' as %7B). Not form
// encoding: clients decode with a plain percent-decoder (botocore's
// unquote, this library's url.PathUnescape), which would keep a '+'.
func (w *xmlw) policyDoc(name, doc string) {
	w.open(name)
	w.b = appendQueryEscape(w.b, doc)
	w.close(name)
}

// appendQueryEscape percent-encodes every byte outside RFC 3986's
// unreserved set. Its output holds only ASCII letters, digits, "-_.~%",
// so it needs no XML escaping.
func appendQueryEscape(dst []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~':
			dst = append(dst, c)
		default:
			dst = append(dst, '%', hex[c>>4], hex[c&15])
		}
	}
	return dst
}

// xmlPool recycles answer buffers; buffers that grew past maxPooled (a
// large listing) are dropped rather than pinned.
var xmlPool = sync.Pool{New: func() any { return &xmlw{b: make([]byte, 0, 4096)} }}

const maxPooled = 256 << 10

func getXMLW() *xmlw { return xmlPool.Get().(*xmlw) }

func putXMLW(w *xmlw) {
	if cap(w.b) <= maxPooled {
		w.b = w.b[:0]
		xmlPool.Put(w)
	}
}

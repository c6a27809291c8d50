package xmltree

import (
	"math"
	"strings"
	"unsafe"
)

// frame is one open element on the parser's stack.
type frame struct {
	node int32  // index in nodes
	last int32  // last child so far, -1 if none
	raw  string // the name as written, prefix included, to match the end tag
	// crPending marks a node whose Text is still a raw substring holding a
	// '\r'; it is normalized only if the element turns out to be a leaf.
	crPending bool
}

type parser struct {
	s       string
	decoded []string // see Tree.decoded
	b       []byte   // the caller's body, same bytes as s, read only during Parse
	nodes   []Node
	stack   [MaxDepth]frame
	depth   int
	done    bool // the document element has been closed
}

// Parse parses a document. It copies body once, so the tree never
// aliases the caller's slice.
func Parse(body []byte) (*Tree, error) { return ParseString(string(body)) }

// ParseString parses the document s without copying it: every name and
// text of the tree is a substring of s, and the tree keeps s alive.
// Malformed input, a DOCTYPE or ENTITY declaration, more than one document
// element and nesting deeper than MaxDepth give an error; no input makes
// it panic.
func ParseString(s string) (*Tree, error) {
	if len(s) >= math.MaxInt32 {
		return nil, &SyntaxError{Msg: "document larger than 2 GiB"}
	}
	// The byte view is read-only; it lets the text scan read eight bytes
	// at a time.
	p := &parser{s: s, b: unsafe.Slice(unsafe.StringData(s), len(s))}
	// Every element but a self-closing one costs two '<', so half the count
	// is a close, cheap estimate that usually avoids regrowing the slice.
	p.nodes = make([]Node, 0, strings.Count(s, "<")/2+1)
	if err := p.parse(); err != nil {
		return nil, err
	}
	return &Tree{Nodes: p.nodes, src: s, decoded: p.decoded}, nil
}

func (p *parser) parse() error {
	s := p.s
	i := 0
	if strings.HasPrefix(s, "\xef\xbb\xbf") { // a UTF-8 byte order mark
		i = 3
	}
	for i < len(s) {
		if s[i] != '<' {
			end := strings.IndexByte(s[i:], '<')
			if end < 0 {
				end = len(s)
			} else {
				end += i
			}
			special := hasAmpOrCR(p.b[i:end])
			if err := p.text(i, s[i:end], false, special); err != nil {
				return err
			}
			i = end
			continue
		}
		if i+1 >= len(s) {
			return errAt(s, i, "unexpected end of document after '<'")
		}
		var err error
		switch s[i+1] {
		case '/':
			i, err = p.endTag(i)
		case '?':
			i, err = p.procInst(i)
		case '!':
			switch rest := s[i:]; {
			case strings.HasPrefix(rest, "<!--"):
				i, err = p.comment(i)
			case strings.HasPrefix(rest, "<![CDATA["):
				end := strings.Index(s[i+9:], "]]>")
				if end < 0 {
					return errAt(s, i, "unterminated CDATA section")
				}
				raw := s[i+9 : i+9+end]
				if err := p.text(i+9, raw, true, strings.IndexByte(raw, '\r') >= 0); err != nil {
					return err
				}
				i += 9 + end + 3
			case strings.HasPrefix(rest, "<!DOCTYPE"), strings.HasPrefix(rest, "<!ENTITY"):
				e := errAt(s, i, ErrDTD.Error())
				e.Err = ErrDTD
				return e
			default:
				return errAt(s, i, "unsupported markup declaration <!")
			}
		default:
			i, err = p.startTag(i)
		}
		if err != nil {
			return err
		}
	}
	if p.depth > 0 {
		return errf(s, len(s), "unexpected end of document: <%s> is not closed", p.stack[p.depth-1].raw)
	}
	if !p.done {
		return errAt(s, len(s), "no document element")
	}
	return nil
}

// text handles a run of character data (raw, or the inside of a CDATA
// section) starting at offset off. special says raw holds a '&' or '\r'.
func (p *parser) text(off int, raw string, cdata, special bool) error {
	if p.depth == 0 {
		if cdata || !isSpace(raw) {
			return errAt(p.s, off, "text outside the document element")
		}
		return nil
	}
	f := &p.stack[p.depth-1]
	if f.last >= 0 {
		// The element has children, so this text is dropped; its
		// references must still be well formed.
		if special && !cdata {
			if _, at, msg := decodeText(raw, false); msg != "" {
				return errAt(p.s, off+at, msg)
			}
		}
		return nil
	}
	if raw == "" {
		return nil
	}
	n := &p.nodes[f.node]
	if n.text.n == 0 && (!special || cdata || strings.IndexByte(raw, '&') < 0) {
		// The common case: one plain run, kept as a substring. A '\r' in it
		// waits: most such runs are the indentation before a child and are
		// dropped anyway, so normalizing them early would only allocate.
		n.text = span{uint32(off), uint32(len(raw))}
		f.crPending = special && strings.IndexByte(raw, '\r') >= 0
		return nil
	}
	cur := p.textOf(n)
	if f.crPending {
		cur, _, _ = decodeText(cur, true)
		f.crPending = false
	}
	dec, at, msg := decodeText(raw, cdata)
	if msg != "" {
		return errAt(p.s, off+at, msg)
	}
	p.setText(n, cur+dec)
	return nil
}

// textOf is Tree.Text during the parse.
func (p *parser) textOf(n *Node) string {
	if n.text.n == decodedSpan {
		return p.decoded[n.text.off]
	}
	return p.s[n.text.off : n.text.off+n.text.n]
}

// setText gives n a decoded text, reusing its entry in p.decoded if it has
// one.
func (p *parser) setText(n *Node, v string) {
	if n.text.n == decodedSpan {
		p.decoded[n.text.off] = v
		return
	}
	n.text = span{uint32(len(p.decoded)), decodedSpan}
	p.decoded = append(p.decoded, v)
}

func (p *parser) startTag(i int) (int, error) {
	s := p.s
	name, j, err := p.name(i + 1)
	if err != nil {
		return 0, err
	}
	local, ok := localName(name)
	if !ok {
		return 0, errf(s, i+1, "element name %q has more than one colon", name)
	}
	selfClose := false
	for {
		k := skipSpace(s, j)
		if k >= len(s) {
			return 0, errf(s, k, "unexpected end of document in the start tag of <%s>", name)
		}
		if s[k] == '>' {
			j = k + 1
			break
		}
		if s[k] == '/' {
			if k+1 < len(s) && s[k+1] == '>' {
				selfClose = true
				j = k + 2
				break
			}
			return 0, errf(s, k, "expected /> in <%s>", name)
		}
		if k == j {
			return 0, errf(s, k, "expected whitespace before an attribute in <%s>", name)
		}
		if j, err = p.attribute(k, name); err != nil {
			return 0, err
		}
	}

	if p.done && p.depth == 0 {
		return 0, errf(s, i, "second document element <%s>", name)
	}
	if p.depth >= MaxDepth {
		return 0, errf(s, i, "elements nested deeper than %d", MaxDepth)
	}
	idx := int32(len(p.nodes))
	nameOff := i + 1 + len(name) - len(local)
	p.nodes = append(p.nodes, Node{name: span{uint32(nameOff), uint32(len(local))}, FirstChild: -1, NextSibling: -1})
	member := isMemberName(local)
	if p.depth > 0 {
		f := &p.stack[p.depth-1]
		parent := &p.nodes[f.node]
		if f.last < 0 {
			parent.FirstChild = idx
			parent.text = span{} // indentation before the first child, or mixed text
			f.crPending = false
			parent.List = member
		} else {
			p.nodes[f.last].NextSibling = idx
			parent.List = parent.List && member
		}
		f.last = idx
		parent.NumChildren++
	}
	if selfClose {
		if p.depth == 0 {
			p.done = true
		}
		return j, nil
	}
	p.stack[p.depth] = frame{node: idx, last: -1, raw: name}
	p.depth++
	return j, nil
}

// attribute checks the syntax of one attribute starting at k and returns
// the offset after it. Attributes carry nothing IAM needs (xmlns only), so
// the value is validated but not kept.
func (p *parser) attribute(k int, elem string) (int, error) {
	s := p.s
	_, k, err := p.name(k)
	if err != nil {
		return 0, err
	}
	k = skipSpace(s, k)
	if k >= len(s) || s[k] != '=' {
		return 0, errf(s, k, "attribute without '=' in <%s>", elem)
	}
	k = skipSpace(s, k+1)
	if k >= len(s) || s[k] != '"' && s[k] != '\'' {
		return 0, errf(s, k, "unquoted attribute value in <%s>", elem)
	}
	end := strings.IndexByte(s[k+1:], s[k])
	if end < 0 {
		return 0, errf(s, k, "unterminated attribute value in <%s>", elem)
	}
	val := s[k+1 : k+1+end]
	if lt := strings.IndexByte(val, '<'); lt >= 0 {
		return 0, errf(s, k+1+lt, "'<' in an attribute value of <%s>", elem)
	}
	if strings.IndexByte(val, '&') >= 0 {
		if _, at, msg := decodeText(val, false); msg != "" {
			return 0, errAt(s, k+1+at, msg)
		}
	}
	return k + 1 + end + 1, nil
}

func (p *parser) endTag(i int) (int, error) {
	s := p.s
	var name string
	j := i + 2
	if p.depth > 0 {
		// Most end tags match: compare in place rather than scanning
		// the name byte by byte.
		if raw := p.stack[p.depth-1].raw; strings.HasPrefix(s[j:], raw) &&
			(j+len(raw) == len(s) || !nameByte[s[j+len(raw)]]) {
			name, j = raw, j+len(raw)
		}
	}
	if name == "" {
		var err error
		if name, j, err = p.name(j); err != nil {
			return 0, err
		}
	}
	j = skipSpace(s, j)
	if j >= len(s) || s[j] != '>' {
		return 0, errf(s, j, "expected '>' to end </%s>", name)
	}
	if p.depth == 0 {
		return 0, errf(s, i, "end tag </%s> without a start tag", name)
	}
	f := &p.stack[p.depth-1]
	if f.raw != name {
		return 0, errf(s, i, "element <%s> closed by </%s>", f.raw, name)
	}
	if f.crPending {
		n := &p.nodes[f.node]
		v, _, _ := decodeText(p.textOf(n), true)
		p.setText(n, v)
	}
	p.depth--
	if p.depth == 0 {
		p.done = true
	}
	return j + 1, nil
}

// procInst skips a processing instruction, the XML declaration included.
func (p *parser) procInst(i int) (int, error) {
	s := p.s
	if _, _, err := p.name(i + 2); err != nil {
		return 0, err
	}
	end := strings.Index(s[i+2:], "?>")
	if end < 0 {
		return 0, errAt(s, i, "unterminated processing instruction")
	}
	return i + 2 + end + 2, nil
}

// comment skips a comment. XML forbids "--" inside one.
func (p *parser) comment(i int) (int, error) {
	s := p.s
	end := strings.Index(s[i+4:], "-->")
	if end < 0 {
		return 0, errAt(s, i, "unterminated comment")
	}
	body := s[i+4 : i+4+end]
	if strings.Contains(body, "--") || strings.HasSuffix(body, "-") {
		return 0, errAt(s, i, `"--" inside a comment`)
	}
	return i + 4 + end + 3, nil
}

// name reads an XML name at j. It accepts every byte above 0x7F as a name
// character rather than checking Unicode classes: IAM names are ASCII, and
// the looser rule cannot make a well-formed document parse differently.
func (p *parser) name(j int) (string, int, error) {
	s := p.s
	if j >= len(s) || !nameStart[s[j]] {
		return "", 0, errAt(s, j, "expected a name")
	}
	k := j + 1
	for k < len(s) && nameByte[s[k]] {
		k++
	}
	return s[j:k], k, nil
}

// localName strips a namespace prefix the way encoding/xml does: only a
// single colon with text on both sides separates a prefix.
func localName(name string) (string, bool) {
	c := strings.IndexByte(name, ':')
	if c < 0 {
		return name, true
	}
	if strings.IndexByte(name[c+1:], ':') >= 0 {
		return "", false
	}
	if c == 0 || c == len(name)-1 {
		return name, true
	}
	return name[c+1:], true
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	return i
}

var nameStart, nameByte [256]bool

func init() {
	for c := 0; c < 256; c++ {
		b := byte(c)
		start := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b == '_' || b == ':' || b >= 0x80
		nameStart[c] = start
		nameByte[c] = start || '0' <= b && b <= '9' || b == '.' || b == '-'
	}
}

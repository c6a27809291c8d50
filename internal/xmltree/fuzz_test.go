package xmltree

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// refNode is the tree encoding/xml sees, built with the same rules as
// Parse: local names, text concatenated, text of an element with children
// dropped.
type refNode struct {
	name     string
	text     strings.Builder
	children []*refNode
}

func (n *refNode) dump(b *strings.Builder) {
	b.WriteString(n.name)
	if len(n.children) == 0 {
		b.WriteString("=" + quote(n.text.String()))
		return
	}
	b.WriteByte('{')
	for i, c := range n.children {
		if i > 0 {
			b.WriteByte(',')
		}
		c.dump(b)
	}
	b.WriteByte('}')
}

func quote(s string) string { out, _ := json.Marshal(s); return string(out) }

// refParse parses data with encoding/xml. ok is false when encoding/xml
// rejects the input or accepts something outside Parse's contract (a
// directive, several roots, text outside the root, nesting past MaxDepth);
// for those inputs Parse may answer either way.
func refParse(data []byte) (string, bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var root *refNode
	var stack []*refNode
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", false
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 && root != nil || len(stack) >= MaxDepth {
				return "", false
			}
			n := &refNode{name: tok.Name.Local}
			if len(stack) == 0 {
				root = n
			} else {
				stack[len(stack)-1].children = append(stack[len(stack)-1].children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if !isSpace(string(tok)) {
					return "", false
				}
				continue
			}
			stack[len(stack)-1].text.Write(tok)
		case xml.Directive:
			return "", false
		}
	}
	if root == nil || len(stack) > 0 {
		return "", false
	}
	var b strings.Builder
	root.dump(&b)
	return b.String(), true
}

// dumpJSONQuoted renders like dump but quotes text as JSON, matching
// refNode.dump.
func dumpJSONQuoted(t *Tree, i int32, b *strings.Builder) {
	n := &t.Nodes[i]
	b.WriteString(t.Name(i))
	if n.FirstChild < 0 {
		b.WriteString("=" + quote(t.Text(i)))
		return
	}
	b.WriteByte('{')
	for c := n.FirstChild; c >= 0; c = t.Nodes[c].NextSibling {
		if c != n.FirstChild {
			b.WriteByte(',')
		}
		dumpJSONQuoted(t, c, b)
	}
	b.WriteByte('}')
}

// stricterByDesign reports errors for input encoding/xml accepts but XML 1.0
// forbids, which Parse refuses on purpose: attributes not separated by
// whitespace, a character reference to a surrogate (encoding/xml turns it
// into U+FFFD) and a CDATA section outside the document element.
func stricterByDesign(data []byte, err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "expected whitespace before an attribute") ||
		strings.Contains(msg, "code point XML does not allow") ||
		strings.Contains(msg, "text outside the document element") && bytes.Contains(data, []byte("<![CDATA["))
}

func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "xml", "*.xml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		if strings.Contains(file, "1000") {
			continue // too large to be a useful seed to mutate
		}
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`<a>&amp;&#x41;<![CDATA[x]]><!--c--><?p?></a>`,
		"<a b='>'>\r\n<c/></a>",
		`<!DOCTYPE a><a/>`,
		`<a><b></a>`,
		`<a b="1"c="2">&#xD800;</a>`,
		`<![CDATA[ ]]><a/>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, err := Parse(data)
		want, ok := refParse(data)
		if err != nil {
			if ok && !stricterByDesign(data, err) {
				t.Fatalf("Parse rejected what encoding/xml accepts (%s): %v", want, err)
			}
			return
		}
		// Exercise every read path on whatever was accepted: none may panic.
		for i := range tree.Nodes {
			tree.IsList(int32(i))
			tree.Find(int32(i), "member")
			tree.Path(int32(i), "a.b")
		}
		if out := tree.AppendJSON(nil, 0); !json.Valid(out) {
			t.Fatalf("AppendJSON produced invalid JSON %q", out)
		}
		if !ok {
			return
		}
		var b strings.Builder
		dumpJSONQuoted(tree, 0, &b)
		if got := b.String(); got != want {
			t.Fatalf("trees differ\n Parse        %s\n encoding/xml %s", got, want)
		}
	})
}

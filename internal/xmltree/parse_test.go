package xmltree

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// dump renders a subtree compactly: name{children} for an element with
// children, name="text" for a leaf.
func dump(t *Tree, i int32) string {
	var b strings.Builder
	dumpTo(&b, t, i)
	return b.String()
}

func dumpTo(b *strings.Builder, t *Tree, i int32) {
	n := &t.Nodes[i]
	b.WriteString(t.Name(i))
	if n.FirstChild < 0 {
		b.WriteString("=" + strconv.Quote(t.Text(i)))
		return
	}
	b.WriteByte('{')
	for c := n.FirstChild; c >= 0; c = t.Nodes[c].NextSibling {
		if c != n.FirstChild {
			b.WriteByte(',')
		}
		dumpTo(b, t, c)
	}
	b.WriteByte('}')
}

func TestParseTrees(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"leaf":               {`<a>x</a>`, `a="x"`},
		"self-closing":       {`<a/>`, `a=""`},
		"self-closing space": {`<a />`, `a=""`},
		"empty pair":         {`<a></a>`, `a=""`},
		"prolog and ws":      {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\n  <b>1</b>\n  <c>2</c>\n</a>\n", `a{b="1",c="2"}`},
		"byte order mark":    {"\xef\xbb\xbf<a>x</a>", `a="x"`},
		"leaf text verbatim": {"<a>  two  words \n</a>", `a="  two  words \n"`},
		"whitespace leaf":    {`<a> </a>`, `a=" "`},
		"mixed text dropped": {`<a>x<b/>y</a>`, `a{b=""}`},
		"predefined entities": {`<a>&lt;&gt;&amp;&apos;&quot;</a>`,
			`a="<>&'\""`},
		"decimal ref":      {`<a>&#65;&#0233;</a>`, `a="Aé"`},
		"hex ref":          {`<a>&#x41;&#x1F600;&#xe9;</a>`, `a="A😀é"`},
		"entity mid text":  {`<a>Tom &amp; Jerry</a>`, `a="Tom & Jerry"`},
		"cdata":            {`<a><![CDATA[<x> & y]]></a>`, `a="<x> & y"`},
		"cdata joins text": {`<a>1<![CDATA[&2]]>3&amp;</a>`, `a="1&23&"`},
		"comment":          {`<!-- c --><a><!-- in -->x<!-- in --></a><!-- after -->`, `a="x"`},
		"comment in text":  {`<a>ab<!-- c -->cd</a>`, `a="abcd"`},
		"pi":               {`<?xml version="1.0"?><?pi data?><a><?x y?>v</a>`, `a="v"`},
		"attributes dropped": {`<a xmlns="urn:x" b='1' c = "2>3" d="&amp;"><e f="g"/></a>`,
			`a{e=""}`},
		"attribute gt":         {`<a b=">">x</a>`, `a="x"`},
		"namespace prefix":     {`<p:a xmlns:p="urn:p"><p:b>1</p:b><c>2</c></p:a>`, `a{b="1",c="2"}`},
		"colon at edge":        {`<a:>x</a:>`, `a:="x"`},
		"crlf normalized":      {"<a>\r\n<b>x\r\ny\rz</b>\r\n</a>", `a{b="x\ny\nz"}`},
		"crlf across segments": {"<a>x\r<!---->\ny</a>", `a="x\n\ny"`},
		"cr with entity":       {"<a>x\r\n&amp;</a>", `a="x\n&"`},
		"char ref cr kept":     {"<a>&#13;</a>", `a="\r"`},
		"end tag space":        {`<a>x</a  >`, `a="x"`},
		"trailing ws":          {"<a/>\n\n", `a=""`},
		"deep":                 {`<a><b><c><d>x</d></c></b></a>`, `a{b{c{d="x"}}}`},
		"non-ascii name":       {`<été>x</été>`, `été="x"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tree, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if got := dump(tree, 0); got != tc.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]struct{ in, msg string }{
		"empty":                {``, "no document element"},
		"only ws":              {"  \n", "no document element"},
		"only prolog":          {`<?xml version="1.0"?>`, "no document element"},
		"unclosed":             {`<a><b>x</b>`, "<a> is not closed"},
		"truncated tag":        {`<a><b`, "unexpected end of document"},
		"truncated end":        {`<a>x</a`, "expected '>'"},
		"mismatched":           {`<a><b>x</c></a>`, "element <b> closed by </c>"},
		"prefix mismatch":      {`<p:a></q:a>`, "closed by"},
		"end name longer":      {`<ab></abc>`, "element <ab> closed by </abc>"},
		"end name prefixed":    {`<a></a:b>`, "element <a> closed by </a:b>"},
		"end name shorter":     {`<abc></ab>`, "element <abc> closed by </ab>"},
		"end tag at eof":       {`<a></a`, "expected '>'"},
		"lone lt at eof":       {`<a><`, "unexpected end of document after '<'"},
		"stray end":            {`</a>`, "without a start tag"},
		"two roots":            {`<a/><b/>`, "second document element"},
		"text outside":         {`<a/>x`, "text outside"},
		"text before":          {`x<a/>`, "text outside"},
		"cdata outside":        {`<![CDATA[x]]><a/>`, "text outside"},
		"garbage":              {`hello world`, "text outside"},
		"lt space":             {`< a/>`, "expected a name"},
		"bad name":             {`<1a/>`, "expected a name"},
		"two colons":           {`<a:b:c/>`, "more than one colon"},
		"unknown entity":       {`<a>&nbsp;</a>`, "unknown entity"},
		"bare amp":             {`<a>fish & chips</a>`, "terminated by ';'"},
		"no semicolon":         {`<a>&amp</a>`, "terminated by ';'"},
		"empty ref":            {`<a>&#;</a>`, "without digits"},
		"bad digit":            {`<a>&#12a;</a>`, "invalid digit"},
		"ref nul":              {`<a>&#0;</a>`, "does not allow"},
		"ref surrogate":        {`<a>&#xD800;</a>`, "does not allow"},
		"ref too big":          {`<a>&#x110000;</a>`, "beyond"},
		"ref overflow":         {`<a>&#99999999999999999999;</a>`, "beyond"},
		"bad ref in dropped":   {`<a>&bogus;<b/></a>`, "unknown entity"},
		"unterminated cdata":   {`<a><![CDATA[x</a>`, "unterminated CDATA"},
		"unterminated comment": {`<a><!-- x</a>`, "unterminated comment"},
		"double dash":          {`<a><!-- a -- b --></a>`, `"--" inside a comment`},
		"dash before close":    {`<a><!-- a ---></a>`, `"--" inside a comment`},
		"unterminated pi":      {`<?xml version="1.0"`, "unterminated processing"},
		"pi without target":    {`<? x?><a/>`, "expected a name"},
		"other directive":      {`<!ELEMENT a ANY><a/>`, "unsupported markup"},
		"unquoted attr":        {`<a b=c/>`, "unquoted attribute"},
		"attr without eq":      {`<a b/>`, "without '='"},
		"attr unterminated":    {`<a b="c/>`, "unterminated attribute"},
		"attr lt":              {`<a b="<"/>`, "'<' in an attribute"},
		"attr bad entity":      {`<a b="&x;"/>`, "unknown entity"},
		"attr no space":        {`<a b="1"c="2"/>`, "expected whitespace"},
		"slash not closing":    {`<a / >`, "expected />"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tree, err := Parse([]byte(tc.in))
			if err == nil {
				t.Fatalf("Parse(%q) = %s, want an error", tc.in, dump(tree, 0))
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %T, want *SyntaxError", tc.in, err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Parse(%q) error %q, want it to contain %q", tc.in, err, tc.msg)
			}
		})
	}
}

func TestParseRefusesDTD(t *testing.T) {
	tests := map[string]string{
		"doctype":        `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`,
		"billion laughs": `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>`,
		"external":       `<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>`,
		"entity inside":  `<a><!ENTITY x "y"></a>`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(in))
			if !errors.Is(err, ErrDTD) {
				t.Fatalf("Parse(%q) error %v, want ErrDTD", in, err)
			}
		})
	}
}

func TestParseDepthLimit(t *testing.T) {
	nest := func(n int) []byte {
		return []byte(strings.Repeat("<a>", n) + "x" + strings.Repeat("</a>", n))
	}
	if _, err := Parse(nest(MaxDepth)); err != nil {
		t.Fatalf("depth %d: %v", MaxDepth, err)
	}
	if _, err := Parse(nest(MaxDepth + 1)); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Fatalf("depth %d: error %v, want the depth limit", MaxDepth+1, err)
	}
	// A self-closing element counts as a level too.
	selfClosing := strings.Repeat("<a>", MaxDepth) + "<b/>" + strings.Repeat("</a>", MaxDepth)
	if _, err := Parse([]byte(selfClosing)); err == nil {
		t.Fatal("self-closing element below the depth limit was accepted")
	}
	// Hostile depth far beyond the limit fails fast instead of recursing.
	if _, err := Parse([]byte(strings.Repeat("<a>", 1_000_000))); err == nil {
		t.Fatal("a million open elements were accepted")
	}
}

func TestParseErrorPosition(t *testing.T) {
	_, err := Parse([]byte("<a>\n<b>\n</c>\n</a>"))
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("error %v, want *SyntaxError", err)
	}
	if se.Line != 3 || se.Offset != 8 {
		t.Errorf("position line %d byte %d, want line 3 byte 8", se.Line, se.Offset)
	}
}

func TestParseErrorHidesText(t *testing.T) {
	secret := "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	_, err := Parse([]byte("<a><SecretAccessKey>" + secret + " & </SecretAccessKey></a>"))
	if err == nil {
		t.Fatal("bare '&' accepted")
	}
	if strings.Contains(err.Error(), "wJalr") {
		t.Errorf("error %q quotes the element's text", err)
	}
}

func TestParseKeepsNoReferenceToInput(t *testing.T) {
	body := []byte(`<a><b>value</b></a>`)
	tree, err := Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	copy(body, strings.Repeat("z", len(body)))
	if got := dump(tree, 0); got != `a{b="value"}` {
		t.Errorf("tree changed with its input: %s", got)
	}
}

func TestListFlag(t *testing.T) {
	tests := map[string]struct {
		in   string
		list bool
	}{
		"members":       {`<L><member>1</member><member>2</member></L>`, true},
		"one member":    {`<L><member><x>1</x></member></L>`, true},
		"items":         {`<L><item>1</item></L>`, true},
		"prefixed":      {`<L xmlns:p="u"><p:member>1</p:member></L>`, true},
		"empty":         {`<L/>`, true},
		"empty pair":    {`<L></L>`, true},
		"mixed":         {`<L><member>1</member><other>2</other></L>`, false},
		"leaf":          {`<L>text</L>`, false},
		"whitespace":    {`<L> </L>`, false},
		"struct":        {`<L><a>1</a></L>`, false},
		"capital":       {`<L><Member>1</Member></L>`, false},
		"member second": {`<L><x/><member/></L>`, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tree, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := tree.IsList(0); got != tc.list {
				t.Errorf("IsList(%s) = %v, want %v", tc.in, got, tc.list)
			}
		})
	}
}

func TestHasAmpOrCR(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 40} {
		plain := strings.Repeat("x", n)
		if hasAmpOrCR([]byte(plain)) {
			t.Errorf("%d plain bytes reported special", n)
		}
		for pos := 0; pos < n; pos++ {
			for _, c := range []byte{'&', '\r'} {
				b := []byte(plain)
				b[pos] = c
				if !hasAmpOrCR(b) {
					t.Errorf("%q at %d of %d bytes missed", c, pos, n)
				}
			}
			// Neighbours of the special bytes must not trigger it.
			for _, c := range []byte{'%', '\'', '\x0c', '\x0e', 0x80 | '&', 0xff} {
				b := []byte(plain)
				b[pos] = c
				if hasAmpOrCR(b) {
					t.Errorf("%q at %d of %d bytes reported special", c, pos, n)
				}
			}
		}
	}
}

func TestParseErrorClipsNames(t *testing.T) {
	long := strings.Repeat("n", 10_000)
	_, err := Parse([]byte("<" + long + "></x>"))
	if err == nil {
		t.Fatal("mismatched tags accepted")
	}
	if len(err.Error()) > 300 {
		t.Errorf("error is %d bytes long; names must be clipped", len(err.Error()))
	}
}

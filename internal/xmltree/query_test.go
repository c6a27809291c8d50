package xmltree

import (
	"encoding/json"
	"strings"
	"testing"
)

func mustParse(t *testing.T, s string) *Tree {
	t.Helper()
	tree, err := Parse([]byte(s))
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return tree
}

func TestFind(t *testing.T) {
	tests := map[string]struct {
		doc, key, want string // want is the found node's text, "-" for none
	}{
		"own child":             {`<r><a>1</a></r>`, "a", "1"},
		"own children first":    {`<r><x><a>deep</a></x><a>own</a></r>`, "a", "own"},
		"depth-first":           {`<r><x><y><a>x-y</a></y></x><z><a>z</a></z></r>`, "a", "x-y"},
		"child level first":     {`<r><x><y><a>deep</a></y><a>shallow</a></x></r>`, "a", "shallow"},
		"document order":        {`<r><x><a>1</a></x><y><a>2</a></y></r>`, "a", "1"},
		"not into members":      {`<r><L><member><a>m</a></member></L></r>`, "a", "-"},
		"members after list":    {`<r><L><member><a>m</a></member></L><S><a>s</a></S></r>`, "a", "s"},
		"list itself":           {`<r><x><L><member>1</member></L></x></r>`, "L", ""},
		"snake case":            {`<r><AccessKeyId>K</AccessKeyId></r>`, "access_key_id", "K"},
		"lower case":            {`<r><AccessKeyId>K</AccessKeyId></r>`, "accesskeyid", "K"},
		"upper case":            {`<r><AccessKeyId>K</AccessKeyId></r>`, "ACCESSKEYID", "K"},
		"underscore in element": {`<r><Access_Key>K</Access_Key></r>`, "AccessKey", "K"},
		"prefix of name":        {`<r><AccessKeyId>K</AccessKeyId></r>`, "AccessKey", "-"},
		"longer than name":      {`<r><AccessKey>K</AccessKey></r>`, "AccessKeyId", "-"},
		"empty key":             {`<r><a>1</a></r>`, "", "-"},
		"root not matched":      {`<r><a>1</a></r>`, "r", "-"},
		"missing":               {`<r><a>1</a></r>`, "b", "-"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tree := mustParse(t, tc.doc)
			i := tree.Find(0, tc.key)
			got := "-"
			if i >= 0 {
				got = tree.Text(i)
			}
			if got != tc.want {
				t.Errorf("Find(%q) in %s = %q, want %q", tc.key, tc.doc, got, tc.want)
			}
		})
	}
}

func TestFindOnList(t *testing.T) {
	tree := mustParse(t, `<L><member><a>1</a></member></L>`)
	if i := tree.Find(0, "a"); i >= 0 {
		t.Errorf("Find on a list reached into a member: node %d", i)
	}
	if i := tree.Find(0, "member"); i >= 0 {
		t.Errorf("Find on a list returned a member by its name: node %d", i)
	}
	member := tree.Nodes[0].FirstChild
	if i := tree.Find(member, "a"); i < 0 || tree.Text(i) != "1" {
		t.Errorf("Find on a member = %d, want its child a", i)
	}
}

func TestPath(t *testing.T) {
	tree := mustParse(t, `<R><Result><Users><member><Name>u</Name></member></Users><A_b>1</A_b></Result></R>`)
	tests := map[string]string{ // path -> text, "-" for none
		"Result.A_b":               "1",
		"Result.Users.member.Name": "u",
		"Result.Users":             "",
		"Result.a_b":               "-", // exact names
		"A_b":                      "-", // no deep search
		"Result..A_b":              "-",
		"":                         "-",
		"Result.":                  "-",
	}
	for path, want := range tests {
		t.Run(path, func(t *testing.T) {
			i := tree.Path(0, path)
			got := "-"
			if i >= 0 {
				got = tree.Text(i)
			}
			if got != want {
				t.Errorf("Path(%q) = %q, want %q", path, got, want)
			}
		})
	}
}

func TestNameMatch(t *testing.T) {
	tests := []struct {
		name, key string
		want      bool
	}{
		{"UserName", "UserName", true},
		{"UserName", "user_name", true},
		{"UserName", "username", true},
		{"UserName", "__user__name__", true},
		{"UserName", "UserNames", false},
		{"UserName", "User", false},
		{"UserName", "", false},
		{"ÉTÉ", "été", false}, // only ASCII folds
	}
	for _, tc := range tests {
		if got := NameMatch(tc.name, tc.key); got != tc.want {
			t.Errorf("NameMatch(%q, %q) = %v, want %v", tc.name, tc.key, got, tc.want)
		}
	}
}

func TestAppendJSON(t *testing.T) {
	tests := map[string]struct{ doc, want string }{
		"leaf":            {`<a>x</a>`, `"x"`},
		"empty":           {`<a/>`, `[]`},
		"list":            {`<a><member>1</member><member/></a>`, `["1",[]]`},
		"object in order": {`<a><z>1</z><b>2</b></a>`, `{"z":"1","b":"2"}`},
		"repeated names":  {`<a><x>1</x><y>2</y><x>3</x></a>`, `{"x":["1","3"],"y":"2"}`},
		"nested list":     {`<a><L><member><T><member><K>k</K></member></T></member></L></a>`, `{"L":[{"T":[{"K":"k"}]}]}`},
		"escapes":         {"<a>q\"b\\\n\t\x01&#x2028;</a>", `"q\"b\\\n\t\u0001\u2028"`},
		"invalid utf8":    {"<a>\xff</a>", `"\ufffd"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tree := mustParse(t, tc.doc)
			got := string(tree.AppendJSON(nil, 0))
			if got != tc.want {
				t.Errorf("AppendJSON(%s)\n got %s\nwant %s", tc.doc, got, tc.want)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("invalid JSON %s", got)
			}
		})
	}
}

// TestAppendJSONManyRepeats covers the map path used for wide objects and
// checks it agrees with the small path's layout.
func TestAppendJSONManyRepeats(t *testing.T) {
	var b strings.Builder
	b.WriteString("<a>")
	for i := 0; i < smallObject+10; i++ {
		if i%2 == 0 {
			b.WriteString("<x>e</x>")
		} else {
			b.WriteString("<y>o</y>")
		}
	}
	b.WriteString("<z/></a>")
	tree := mustParse(t, b.String())
	var out struct {
		X []string
		Y []string
		Z []string
	}
	got := tree.AppendJSON(nil, 0)
	if err := json.Unmarshal(got, &out); err != nil {
		t.Fatalf("%s: %v", got, err)
	}
	if len(out.X) != (smallObject+10)/2 || len(out.Y) != (smallObject+10)/2 || out.Z == nil {
		t.Errorf("wide object grouped wrong: %s", got)
	}
	if !strings.HasPrefix(string(got), `{"x":[`) || !strings.HasSuffix(string(got), `"z":[]}`) {
		t.Errorf("wide object out of document order: %s", got)
	}
}

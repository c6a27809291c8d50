package apply

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// errStopScan ends the duplicate-key scan at malformed JSON, which the
// decoder then reports with its own message.
var errStopScan = errors.New("stop")

// maxScanDepth bounds the scan's recursion on hostile input, as
// encoding/json bounds its own nesting.
const maxScanDepth = 10000

// duplicateKey reports the first object in a JSON text that holds a key
// twice, or a spec field spelled in another case: encoding/json would keep
// the last value without a word, so a spec saying "users" twice would be
// half-read and, with --prune, half-deleted.
func duplicateKey(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := scanValue(dec, "", 0, false); err != nil && !errors.Is(err, errStopScan) {
		return err
	}
	return nil
}

// scanValue reads one value from dec, path naming it in errors. Outside
// policy documents (inDoc false) a key must also be spelled exactly as
// the spec's lower-case field names: encoding/json would match "Users" to
// "users", letting both be given with one silently replacing the other.
func scanValue(dec *json.Decoder, path string, depth int, inDoc bool) error {
	if depth > maxScanDepth {
		return errStopScan
	}
	tok, err := dec.Token()
	if err != nil {
		return errStopScan
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	switch d {
	case '{':
		seen := map[string]bool{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return errStopScan
			}
			k, _ := kt.(string)
			if seen[k] {
				return fmt.Errorf("duplicate key %q in %s", k, where(path))
			}
			seen[k] = true
			if !inDoc && k != strings.ToLower(k) {
				return fmt.Errorf("unknown field %q in %s: spec field names are lower case", k, where(path))
			}
			child := inDoc || k == "document" || k == "trust_policy"
			if err := scanValue(dec, path+"."+k, depth+1, child); err != nil {
				return err
			}
		}
	case '[':
		for i := 0; dec.More(); i++ {
			if err := scanValue(dec, fmt.Sprintf("%s[%d]", path, i), depth+1, inDoc); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return errStopScan
	}
	return nil
}

// where names a scan path in a message.
func where(path string) string {
	if p := strings.TrimPrefix(path, "."); p != "" {
		return p
	}
	return "the top level"
}

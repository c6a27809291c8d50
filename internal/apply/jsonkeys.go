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
// twice: encoding/json would keep the last value without a word, so a spec
// saying "users" twice would be half-read and, with --prune, half-deleted.
func duplicateKey(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := scanValue(dec, "", 0); err != nil && !errors.Is(err, errStopScan) {
		return err
	}
	return nil
}

// scanValue reads one value from dec, path naming it in errors.
func scanValue(dec *json.Decoder, path string, depth int) error {
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
				where := strings.TrimPrefix(path, ".")
				if where == "" {
					where = "the top level"
				}
				return fmt.Errorf("duplicate key %q in %s", k, where)
			}
			seen[k] = true
			if err := scanValue(dec, path+"."+k, depth+1); err != nil {
				return err
			}
		}
	case '[':
		for i := 0; dec.More(); i++ {
			if err := scanValue(dec, fmt.Sprintf("%s[%d]", path, i), depth+1); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return errStopScan
	}
	return nil
}

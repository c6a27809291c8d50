package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// stateVersion tags the state file's format.
const stateVersion = 1

type stateFile struct {
	Version int    `json:"version"`
	State   *state `json:"state"`
}

// loadState reads the state file; a missing file is an empty state (nil).
// Temporary files left by a save that a crash interrupted are removed:
// the rename never happened, so they hold nothing acknowledged.
func loadState(path string) (*state, []byte, error) {
	if stale, err := filepath.Glob(filepath.Join(filepath.Dir(path), tempPrefix(path)+"*")); err == nil {
		for _, f := range stale {
			os.Remove(f)
		}
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("server: read state file: %w", err)
	}
	st, err := decodeState(b)
	if err != nil {
		return nil, nil, fmt.Errorf("server: state file %s: %w", path, err)
	}
	return st, b, nil
}

func decodeState(b []byte) (*state, error) {
	var f stateFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("not valid: %w", err)
	}
	if f.Version != stateVersion || f.State == nil {
		return nil, fmt.Errorf("unknown version %d", f.Version)
	}
	f.State.reindex()
	return f.State, nil
}

func (s *Server) encodeState() ([]byte, error) {
	s.st.IDGen = s.ids.marshal()
	s.usageMu.Lock()
	defer s.usageMu.Unlock()
	return json.Marshal(stateFile{Version: stateVersion, State: s.st})
}

// rollback puts back the last state that reached the disk, after a save
// failed: the change was not acknowledged, so it must not be visible
// either. Called with the write lock held.
func (s *Server) rollback() {
	if st, err := decodeState(s.lastSaved); err == nil {
		s.st = st
	}
}

// save writes the state atomically: a temporary file in the same
// directory, fsync, rename over the old file, fsync of the directory. A
// crash at any point leaves either the old or the new state, never a mix.
// Called with the state lock held (read or write).
func (s *Server) save() error {
	b, err := s.encodeState()
	if err != nil {
		return err
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	if err := writeAtomic(s.cfg.StateFile, b); err != nil {
		return err
	}
	s.lastSaved = b
	return nil
}

func writeAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	// CreateTemp makes the file 0600: it holds secret keys.
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+"*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(b); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	ok = true
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// tempPrefix names the temporary files of a save of path.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp" }

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
func loadState(path string) (*state, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("server: read state file: %w", err)
	}
	var f stateFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("server: state file %s is not valid: %w", path, err)
	}
	if f.Version != stateVersion || f.State == nil {
		return nil, fmt.Errorf("server: state file %s has unknown version %d", path, f.Version)
	}
	f.State.reindex()
	return f.State, nil
}

// save writes the state atomically: a temporary file in the same
// directory, fsync, rename over the old file, fsync of the directory. A
// crash at any point leaves either the old or the new state, never a mix.
// Called with the state lock held (read or write).
func (s *Server) save() error {
	s.usageMu.Lock()
	b, err := json.Marshal(stateFile{Version: stateVersion, State: s.st})
	s.usageMu.Unlock()
	if err != nil {
		return err
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	return writeAtomic(s.cfg.StateFile, b)
}

func writeAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
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

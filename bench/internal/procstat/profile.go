package procstat

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// Profile starts a CPU profile into cpuFile when it is not empty; the
// returned stop ends it and, when allocsFile is not empty, writes the
// allocation profile (every allocation site since the start, sampled)
// there. It is for finding where a walk's time and bytes go, not part of
// the measured run.
func Profile(cpuFile, allocsFile string) (stop func() error, err error) {
	var cpu *os.File
	if cpuFile != "" {
		if cpu, err = os.Create(cpuFile); err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, err
		}
	}
	return func() error {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return err
			}
		}
		if allocsFile == "" {
			return nil
		}
		f, err := os.Create(allocsFile)
		if err != nil {
			return err
		}
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			f.Close()
			return fmt.Errorf("allocs profile: %w", err)
		}
		return f.Close()
	}, nil
}

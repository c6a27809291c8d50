// Package cpushare splits a CPU profile by the value of one pprof label:
// how much of a process's CPU went to the goroutines labelled
// side=client, side=server, and to unlabelled ones (the runtime's
// background GC workers and scheduler).
//
// Labels are inherited by every goroutine a labelled goroutine starts, so
// labelling the caller goroutines and the goroutine that starts the server
// covers the HTTP transport's connection goroutines on one side and the
// server's per-connection goroutines on the other. GC assist work is
// charged to the goroutine that allocated, which is the side that caused
// it.
//
// It reads the gzipped profile.proto that runtime/pprof writes with a few
// lines of protocol-buffer decoding, so the bench module needs no profile
// library.
package cpushare

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// Unlabelled is the key under which Split reports samples without the label.
const Unlabelled = ""

// Split returns, for each value of label key, the CPU nanoseconds of the
// profile's samples carrying it, and the total of all samples.
func Split(profile []byte, key string) (byValue map[string]int64, total int64, err error) {
	zr, err := gzip.NewReader(bytes.NewReader(profile))
	if err != nil {
		return nil, 0, fmt.Errorf("cpushare: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, 0, fmt.Errorf("cpushare: %w", err)
	}
	p, err := decodeProfile(raw)
	if err != nil {
		return nil, 0, fmt.Errorf("cpushare: %w", err)
	}
	idx := -1
	for i, vt := range p.sampleTypes {
		if p.str(vt) == "cpu" {
			idx = i
		}
	}
	if idx < 0 {
		return nil, 0, errors.New("cpushare: the profile has no cpu sample type")
	}
	byValue = make(map[string]int64)
	for _, s := range p.samples {
		if idx >= len(s.values) {
			return nil, 0, errors.New("cpushare: a sample has fewer values than sample types")
		}
		v := s.values[idx]
		total += v
		name := Unlabelled
		for _, l := range s.labels {
			if p.str(l.key) == key {
				name = p.str(l.str)
			}
		}
		byValue[name] += v
	}
	return byValue, total, nil
}

type label struct{ key, str int64 }

type sample struct {
	values []int64
	labels []label
}

type profile struct {
	sampleTypes []int64 // string index of each ValueType's type
	samples     []sample
	strings     []string
}

func (p *profile) str(i int64) string {
	if i < 0 || i >= int64(len(p.strings)) {
		return ""
	}
	return p.strings[i]
}

// decodeProfile reads the fields of perftools.profiles.Profile it needs:
// sample_type (1), sample (2) and string_table (6).
func decodeProfile(b []byte) (*profile, error) {
	p := &profile{}
	err := fields(b, func(num int, wire int, v uint64, data []byte) error {
		switch {
		case num == 1 && wire == 2: // ValueType{type=1, unit=2}
			var typ int64
			err := fields(data, func(num, wire int, v uint64, _ []byte) error {
				if num == 1 && wire == 0 {
					typ = int64(v)
				}
				return nil
			})
			p.sampleTypes = append(p.sampleTypes, typ)
			return err
		case num == 2 && wire == 2:
			s, err := decodeSample(data)
			p.samples = append(p.samples, s)
			return err
		case num == 6 && wire == 2:
			p.strings = append(p.strings, string(data))
		}
		return nil
	})
	return p, err
}

// decodeSample reads Sample{location_id=1, value=2, label=3}; value may be
// packed or not, as the encoding allows either.
func decodeSample(b []byte) (sample, error) {
	var s sample
	err := fields(b, func(num, wire int, v uint64, data []byte) error {
		switch {
		case num == 2 && wire == 0:
			s.values = append(s.values, int64(v))
		case num == 2 && wire == 2:
			for len(data) > 0 {
				x, n := uvarint(data)
				if n <= 0 {
					return errors.New("bad packed sample value")
				}
				s.values = append(s.values, int64(x))
				data = data[n:]
			}
		case num == 3 && wire == 2:
			var l label
			err := fields(data, func(num, wire int, v uint64, _ []byte) error {
				switch {
				case num == 1 && wire == 0:
					l.key = int64(v)
				case num == 2 && wire == 0:
					l.str = int64(v)
				}
				return nil
			})
			s.labels = append(s.labels, l)
			return err
		}
		return nil
	})
	return s, err
}

// fields calls f for every field of a protocol-buffer message: v for
// varints, data for length-delimited fields. Fixed-width fields are
// skipped; groups are refused.
func fields(b []byte, f func(num, wire int, v uint64, data []byte) error) error {
	for len(b) > 0 {
		tag, n := uvarint(b)
		if n <= 0 {
			return errors.New("bad field tag")
		}
		b = b[n:]
		num, wire := int(tag>>3), int(tag&7)
		var v uint64
		var data []byte
		switch wire {
		case 0:
			v, n = uvarint(b)
			if n <= 0 {
				return errors.New("bad varint")
			}
			b = b[n:]
		case 1:
			if len(b) < 8 {
				return errors.New("short fixed64")
			}
			b = b[8:]
		case 2:
			l, n := uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return errors.New("bad length")
			}
			data = b[n : n+int(l)]
			b = b[n+int(l):]
		case 5:
			if len(b) < 4 {
				return errors.New("short fixed32")
			}
			b = b[4:]
		default:
			return fmt.Errorf("unsupported wire type %d", wire)
		}
		if err := f(num, wire, v, data); err != nil {
			return err
		}
	}
	return nil
}

// uvarint decodes a base-128 varint; n <= 0 on malformed input.
func uvarint(b []byte) (uint64, int) {
	var x uint64
	for i := 0; i < len(b) && i < 10; i++ {
		c := b[i]
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}

package server

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readQR decodes a symbol made by qrEncode: it reads the format bits back
// to learn the mask, unmasks, reads the codewords in placement order,
// de-interleaves them, checks every block's Reed-Solomon remainder and
// returns the byte-mode payload. It shares the function-pattern layout
// with the encoder but not the masking or the bit stream logic.
func readQR(t *testing.T, q *qrCode) []byte {
	t.Helper()
	ver := (q.size - 17) / 4
	// Format bits, first copy, as drawFormat placed them.
	bits := 0
	get := func(x, y int) int {
		if q.mod[y][x] {
			return 1
		}
		return 0
	}
	for i := 0; i <= 5; i++ {
		bits |= get(8, i) << i
	}
	bits |= get(8, 7)<<6 | get(8, 8)<<7 | get(7, 8)<<8
	for i := 9; i < 15; i++ {
		bits |= get(14-i, 8) << i
	}
	bits ^= 0x5412
	require.Equal(t, 1, bits>>13, "error correction level L")
	mask := bits >> 10 & 7

	ref := newQR(ver)
	ref.drawFunctions(ver)
	masked := func(x, y int) bool {
		switch mask {
		case 0:
			return (x+y)%2 == 0
		case 1:
			return y%2 == 0
		case 2:
			return x%3 == 0
		case 3:
			return (x+y)%3 == 0
		case 4:
			return (x/3+y/2)%2 == 0
		case 5:
			return x*y%2+x*y%3 == 0
		case 6:
			return (x*y%2+x*y%3)%2 == 0
		}
		return ((x+y)%2+x*y%3)%2 == 0
	}
	var raw []byte
	var cur byte
	n := 0
	for right := q.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := range q.size {
			for j := range 2 {
				x, y := right-j, vert
				if (right+1)&2 == 0 {
					y = q.size - 1 - vert
				}
				if ref.function[y][x] {
					continue
				}
				bit := q.mod[y][x] != masked(x, y)
				cur <<= 1
				if bit {
					cur |= 1
				}
				if n++; n%8 == 0 {
					raw = append(raw, cur)
					cur = 0
				}
			}
		}
	}
	blocks := qrVersionsL[ver]
	data := make([][]byte, len(blocks.data))
	ec := make([][]byte, len(blocks.data))
	k := 0
	for i := 0; i < blocks.data[len(blocks.data)-1]; i++ {
		for b, size := range blocks.data {
			if i < size {
				data[b] = append(data[b], raw[k])
				k++
			}
		}
	}
	for range blocks.ec {
		for b := range blocks.data {
			ec[b] = append(ec[b], raw[k])
			k++
		}
	}
	div := rsDivisor(blocks.ec)
	var all []byte
	for b := range data {
		require.Equal(t, ec[b], rsRemainder(data[b], div), "block %d error correction", b)
		all = append(all, data[b]...)
	}
	require.Equal(t, byte(0x4), all[0]>>4, "byte mode")
	countBits := 8
	if ver >= 10 {
		countBits = 16
	}
	// Read the count and the bytes from the bit stream after the mode.
	bitAt := func(i int) int { return int(all[i/8]>>(7-i%8)) & 1 }
	pos := 4
	count := 0
	for range countBits {
		count = count<<1 | bitAt(pos)
		pos++
	}
	out := make([]byte, count)
	for i := range out {
		for range 8 {
			out[i] = out[i]<<1 | byte(bitAt(pos))
			pos++
		}
	}
	return out
}

func TestQRRoundTrip(t *testing.T) {
	for _, n := range []int{1, 17, 40, 100, 150, 200, 271} {
		text := strings.Repeat("otpauth://totp/x?secret=ABC", 11)[:n]
		q, err := qrEncode([]byte(text))
		require.NoError(t, err, "length %d", n)
		assert.Equal(t, text, string(readQR(t, q)), "length %d", n)
	}
	_, err := qrEncode(make([]byte, 272))
	assert.ErrorIs(t, err, errQRTooLong)
}

func TestQRPNG(t *testing.T) {
	b, err := qrPNG("otpauth://totp/Amazon%20Web%20Services:bob@123456789012?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, img.Bounds().Dx(), img.Bounds().Dy())
}

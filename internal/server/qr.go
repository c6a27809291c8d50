package server

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
)

// A QR code encoder (ISO/IEC 18004), just enough for the otpauth:// URI
// of CreateVirtualMFADevice: byte mode, error correction level L,
// versions 1 to 10 (up to 271 bytes), mask chosen by the standard's
// penalty rules. The standard library has none, and the module takes no
// dependency for it.

// qrBlocks describes one version at level L: EC codewords per block and
// the data codewords of each block.
type qrBlocks struct {
	ec   int
	data []int
}

var qrVersionsL = [...]qrBlocks{
	1:  {7, []int{19}},
	2:  {10, []int{34}},
	3:  {15, []int{55}},
	4:  {20, []int{80}},
	5:  {26, []int{108}},
	6:  {18, []int{68, 68}},
	7:  {20, []int{78, 78}},
	8:  {24, []int{97, 97}},
	9:  {30, []int{116, 116}},
	10: {18, []int{68, 68, 69, 69}},
}

var qrAlign = [...][]int{
	2: {6, 18}, 3: {6, 22}, 4: {6, 26}, 5: {6, 30}, 6: {6, 34},
	7: {6, 22, 38}, 8: {6, 24, 42}, 9: {6, 26, 46}, 10: {6, 28, 50},
}

var errQRTooLong = errors.New("qr: data too long")

// qrCode is a square of modules; true is dark.
type qrCode struct {
	size     int
	mod      [][]bool
	function [][]bool
}

// qrEncode encodes data as a QR code symbol.
func qrEncode(data []byte) (*qrCode, error) {
	ver := 0
	for v := 1; v <= 10; v++ {
		capBits := 0
		for _, n := range qrVersionsL[v].data {
			capBits += n * 8
		}
		countBits := 8
		if v >= 10 {
			countBits = 16
		}
		if 4+countBits+len(data)*8 <= capBits {
			ver = v
			break
		}
	}
	if ver == 0 {
		return nil, errQRTooLong
	}
	blocks := qrVersionsL[ver]
	dataLen := 0
	for _, n := range blocks.data {
		dataLen += n
	}

	// Bit stream: mode 0100 (byte), count, data, terminator, padding.
	var bits bitBuf
	bits.put(0b0100, 4)
	if ver >= 10 {
		bits.put(len(data), 16)
	} else {
		bits.put(len(data), 8)
	}
	for _, b := range data {
		bits.put(int(b), 8)
	}
	bits.put(0, min(4, dataLen*8-bits.n))
	for bits.n%8 != 0 {
		bits.put(0, 1)
	}
	for pad := 0xEC; bits.n < dataLen*8; pad ^= 0xEC ^ 0x11 {
		bits.put(pad, 8)
	}
	cw := bits.b

	// Split into blocks, add Reed-Solomon codewords, interleave.
	div := rsDivisor(blocks.ec)
	var dataBlocks, ecBlocks [][]byte
	off := 0
	for _, n := range blocks.data {
		d := cw[off : off+n]
		off += n
		dataBlocks = append(dataBlocks, d)
		ecBlocks = append(ecBlocks, rsRemainder(d, div))
	}
	var out []byte
	for i := 0; i < blocks.data[len(blocks.data)-1]; i++ {
		for _, d := range dataBlocks {
			if i < len(d) {
				out = append(out, d[i])
			}
		}
	}
	for i := 0; i < blocks.ec; i++ {
		for _, e := range ecBlocks {
			out = append(out, e[i])
		}
	}

	q := newQR(ver)
	q.drawFunctions(ver)
	q.drawCodewords(out)
	best, bestPenalty := 0, -1
	for m := range 8 {
		q.applyMask(m)
		q.drawFormat(m)
		if p := q.penalty(); bestPenalty < 0 || p < bestPenalty {
			best, bestPenalty = m, p
		}
		q.applyMask(m) // masks are XOR: applying twice undoes
	}
	q.applyMask(best)
	q.drawFormat(best)
	return q, nil
}

type bitBuf struct {
	b []byte
	n int
}

func (bb *bitBuf) put(v, n int) {
	for i := n - 1; i >= 0; i-- {
		if bb.n%8 == 0 {
			bb.b = append(bb.b, 0)
		}
		if v>>i&1 == 1 {
			bb.b[bb.n/8] |= 0x80 >> (bb.n % 8)
		}
		bb.n++
	}
}

func newQR(ver int) *qrCode {
	size := ver*4 + 17
	q := &qrCode{size: size, mod: make([][]bool, size), function: make([][]bool, size)}
	for i := range size {
		q.mod[i] = make([]bool, size)
		q.function[i] = make([]bool, size)
	}
	return q
}

// set marks a function module at column x, row y.
func (q *qrCode) set(x, y int, dark bool) {
	q.mod[y][x] = dark
	q.function[y][x] = true
}

func (q *qrCode) drawFunctions(ver int) {
	for i := range q.size {
		q.set(6, i, i%2 == 0)
		q.set(i, 6, i%2 == 0)
	}
	for _, c := range [][2]int{{3, 3}, {q.size - 4, 3}, {3, q.size - 4}} {
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				x, y := c[0]+dx, c[1]+dy
				if x < 0 || y < 0 || x >= q.size || y >= q.size {
					continue
				}
				d := max(abs(dx), abs(dy))
				q.set(x, y, d != 2 && d != 4)
			}
		}
	}
	if ver >= 2 {
		pos := qrAlign[ver]
		last := len(pos) - 1
		for i, px := range pos {
			for j, py := range pos {
				if i == 0 && j == 0 || i == 0 && j == last || i == last && j == 0 {
					continue
				}
				for dy := -2; dy <= 2; dy++ {
					for dx := -2; dx <= 2; dx++ {
						q.set(px+dx, py+dy, max(abs(dx), abs(dy)) != 1)
					}
				}
			}
		}
	}
	q.drawFormat(0) // reserve the areas; redrawn once the mask is chosen
	if ver >= 7 {
		rem := ver
		for range 12 {
			rem = rem<<1 ^ (rem>>11)*0x1F25
		}
		bits := ver<<12 | rem
		for i := range 18 {
			dark := bits>>i&1 == 1
			a, b := q.size-11+i%3, i/3
			q.set(a, b, dark)
			q.set(b, a, dark)
		}
	}
}

func (q *qrCode) drawFormat(mask int) {
	data := 1<<3 | mask // level L is 01
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>i&1 == 1 }
	for i := 0; i <= 5; i++ {
		q.set(8, i, bit(i))
	}
	q.set(8, 7, bit(6))
	q.set(8, 8, bit(7))
	q.set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		q.set(14-i, 8, bit(i))
	}
	for i := range 8 {
		q.set(q.size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		q.set(8, q.size-15+i, bit(i))
	}
	q.set(8, q.size-8, true)
}

func (q *qrCode) drawCodewords(data []byte) {
	i := 0
	for right := q.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := range q.size {
			for j := range 2 {
				x := right - j
				y := vert
				if (right+1)&2 == 0 {
					y = q.size - 1 - vert
				}
				if !q.function[y][x] && i < len(data)*8 {
					q.mod[y][x] = data[i>>3]>>(7-i&7)&1 == 1
					i++
				}
			}
		}
	}
}

func (q *qrCode) applyMask(m int) {
	for y := range q.size {
		for x := range q.size {
			if q.function[y][x] {
				continue
			}
			var inv bool
			switch m {
			case 0:
				inv = (x+y)%2 == 0
			case 1:
				inv = y%2 == 0
			case 2:
				inv = x%3 == 0
			case 3:
				inv = (x+y)%3 == 0
			case 4:
				inv = (x/3+y/2)%2 == 0
			case 5:
				inv = x*y%2+x*y%3 == 0
			case 6:
				inv = (x*y%2+x*y%3)%2 == 0
			case 7:
				inv = ((x+y)%2+x*y%3)%2 == 0
			}
			if inv {
				q.mod[y][x] = !q.mod[y][x]
			}
		}
	}
}

// penalty scores a masked symbol by the standard's four rules.
func (q *qrCode) penalty() int {
	n := q.size
	p := 0
	at := func(x, y int, vertical bool) bool {
		if vertical {
			return q.mod[x][y]
		}
		return q.mod[y][x]
	}
	finder := []bool{true, false, true, true, true, false, true}
	for _, vertical := range []bool{false, true} {
		for y := range n {
			run := 1
			for x := 1; x <= n; x++ {
				if x < n && at(x, y, vertical) == at(x-1, y, vertical) {
					run++
					continue
				}
				if run >= 5 {
					p += 3 + run - 5
				}
				run = 1
			}
			// Rule 3: 1011101 with four light modules on either side.
			for x := 0; x+7 <= n; x++ {
				match := true
				for k, d := range finder {
					if at(x+k, y, vertical) != d {
						match = false
						break
					}
				}
				if !match {
					continue
				}
				light := func(from, to int) bool {
					for k := from; k < to; k++ {
						if k >= 0 && k < n && at(k, y, vertical) {
							return false
						}
					}
					return true
				}
				if light(x-4, x) || light(x+7, x+11) {
					p += 40
				}
			}
		}
	}
	dark := 0
	for y := range n {
		for x := range n {
			if q.mod[y][x] {
				dark++
			}
			if x+1 < n && y+1 < n {
				c := q.mod[y][x]
				if q.mod[y][x+1] == c && q.mod[y+1][x] == c && q.mod[y+1][x+1] == c {
					p += 3
				}
			}
		}
	}
	total := n * n
	k := (abs(dark*20-total*10) + total - 1) / total
	return p + max(k-1, 0)*10
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// gfMul multiplies in GF(2^8) modulo x^8+x^4+x^3+x^2+1.
func gfMul(x, y byte) byte {
	var z int
	for i := 7; i >= 0; i-- {
		z = z<<1 ^ (z>>7)*0x11D
		z ^= int(y>>i&1) * int(x)
	}
	return byte(z)
}

func rsDivisor(degree int) []byte {
	r := make([]byte, degree)
	r[degree-1] = 1
	root := byte(1)
	for range degree {
		for j := range r {
			r[j] = gfMul(r[j], root)
			if j+1 < len(r) {
				r[j] ^= r[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	return r
}

func rsRemainder(data, div []byte) []byte {
	r := make([]byte, len(div))
	for _, b := range data {
		f := b ^ r[0]
		copy(r, r[1:])
		r[len(r)-1] = 0
		for i := range r {
			r[i] ^= gfMul(div[i], f)
		}
	}
	return r
}

// qrPNG renders text as a QR code PNG: 4 pixels per module and a 4-module
// quiet zone.
func qrPNG(text string) ([]byte, error) {
	q, err := qrEncode([]byte(text))
	if err != nil {
		return nil, err
	}
	const scale, quiet = 4, 4
	side := (q.size + 2*quiet) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	for y := range q.size {
		for x := range q.size {
			if !q.mod[y][x] {
				continue
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray((x+quiet)*scale+dx, (y+quiet)*scale+dy, color.Gray{})
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

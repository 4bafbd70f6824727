// release exercises the Go runtime handing memory back to the kernel: each round fills a few
// hundred kilobytes of short-lived buffers, drops them and calls debug.FreeOSMemory, which
// collects them and madvises their pages MADV_DONTNEED, so the kernel zeroes memory the guest
// wrote. It then allocates again (reusing the released pages) and checks that what it kept
// survived and what it gets is zero. The public value is a checksum of the kept buffers.
package main

import (
	"runtime/debug"

	"entangled.io/zkvm/guest"
)

const (
	rounds  = 2
	buffers = 16
	size    = 16 << 10
	stride  = 64
)

func fill(b []byte, seed int) {
	for j := 0; j < len(b); j += stride {
		b[j] = byte(seed + j/stride)
	}
}

func main() {
	var kept [][]byte
	var sum uint32
	for r := 0; r < rounds; r++ {
		garbage := make([][]byte, buffers)
		for i := range garbage {
			garbage[i] = make([]byte, size)
			fill(garbage[i], r*buffers+i)
		}
		kept = append(kept, garbage[r])
		garbage = nil
		debug.FreeOSMemory()
		fresh := make([]byte, buffers*size/2)
		for j := 0; j < len(fresh); j += stride {
			if fresh[j] != 0 {
				panic("a fresh allocation is not zero")
			}
		}
		fill(fresh, r)
	}
	for r, b := range kept {
		for j := 0; j < len(b); j += stride {
			if b[j] != byte(r*buffers+r+j/stride) {
				panic("a kept buffer changed")
			}
			sum = sum*31 + uint32(b[j])
		}
	}
	zkvm.CommitUint32(sum)
}

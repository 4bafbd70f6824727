// keccak prints and commits the Keccak-256 (Ethereum's hash, original padding 0x01) of the private
// input. The permutation is written here because Go's standard library has no Keccak.
package main

import (
	"encoding/hex"
	"fmt"
	"math/bits"

	"entangled.io/zkvm/guest"
)

var roundConstants = [24]uint64{
	0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
	0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
	0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
	0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
	0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
	0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
}

var rotations = [25]int{0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14}

func keccakF(a *[25]uint64) {
	var c [5]uint64
	var b [25]uint64
	for round := 0; round < 24; round++ {
		for x := 0; x < 5; x++ {
			c[x] = a[x] ^ a[x+5] ^ a[x+10] ^ a[x+15] ^ a[x+20]
		}
		for x := 0; x < 5; x++ {
			d := c[(x+4)%5] ^ bits.RotateLeft64(c[(x+1)%5], 1)
			for y := 0; y < 25; y += 5 {
				a[y+x] ^= d
			}
		}
		for x := 0; x < 5; x++ {
			for y := 0; y < 5; y++ {
				b[y+5*((2*x+3*y)%5)] = bits.RotateLeft64(a[x+5*y], rotations[x+5*y])
			}
		}
		for y := 0; y < 25; y += 5 {
			for x := 0; x < 5; x++ {
				a[y+x] = b[y+x] ^ (^b[y+(x+1)%5] & b[y+(x+2)%5])
			}
		}
		a[0] ^= roundConstants[round]
	}
}

func keccak256(data []byte) [32]byte {
	const rate = 136
	var state [25]uint64
	absorb := func(block []byte) {
		for i := 0; i < rate/8; i++ {
			var lane uint64
			for j := 7; j >= 0; j-- {
				lane = lane<<8 | uint64(block[8*i+j])
			}
			state[i] ^= lane
		}
		keccakF(&state)
	}
	for len(data) >= rate {
		absorb(data[:rate])
		data = data[rate:]
	}
	last := make([]byte, rate)
	copy(last, data)
	last[len(data)] ^= 0x01
	last[rate-1] ^= 0x80
	absorb(last)
	var out [32]byte
	for i := 0; i < 32; i++ {
		out[i] = byte(state[i/8] >> (8 * (i % 8)))
	}
	return out
}

func main() {
	input := zkvm.Input()
	sum := keccak256(input)
	fmt.Printf("keccak256(%d bytes) = %s\n", len(input), hex.EncodeToString(sum[:]))
	zkvm.Commit(sum[:])
}

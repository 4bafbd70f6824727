// Package zkvm is the guest side of the Entangled zkVM I/O ABI (see zkvm/README.md).
//
// fd 0 is the private input, fd 1 and fd 2 go to the host's stdout and stderr, and fd 3
// collects the public values that a proof commits to. Under qemu-mips or natively the same
// calls work when fd 3 is redirected (e.g. `3>public.bin`).
package zkvm

import (
	"encoding/binary"
	"io"
	"os"
)

// PublicFd is the file descriptor whose bytes become the public values.
const PublicFd = 3

var public = os.NewFile(PublicFd, "zkvm-public")

// Input returns the whole private input.
func Input() []byte {
	b, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic("zkvm: reading the private input: " + err.Error())
	}
	return b
}

// ReadFrame reads one length-prefixed frame from the private input: a 4-byte big-endian
// length followed by that many bytes.
func ReadFrame() ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(os.Stdin, n[:]); err != nil {
		return nil, err
	}
	b := make([]byte, binary.BigEndian.Uint32(n[:]))
	if _, err := io.ReadFull(os.Stdin, b); err != nil {
		return nil, err
	}
	return b, nil
}

// Commit appends bytes to the public values.
func Commit(b []byte) {
	if _, err := public.Write(b); err != nil {
		panic("zkvm: committing public values: " + err.Error())
	}
}

// CommitUint32 appends a big-endian 32-bit word to the public values.
func CommitUint32(v uint32) {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], v)
	Commit(b[:])
}

// sha256 prints and commits the SHA-256 of the private input (crypto/sha256 from the Go library).
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"entangled.io/zkvm/guest"
)

func main() {
	input := zkvm.Input()
	sum := sha256.Sum256(input)
	fmt.Printf("sha256(%d bytes) = %s\n", len(input), hex.EncodeToString(sum[:]))
	zkvm.Commit(sum[:])
}

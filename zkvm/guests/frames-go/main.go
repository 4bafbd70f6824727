// frames reads length-prefixed frames from the private input with zkvm.ReadFrame until the input
// ends, prints each one, and commits the number of frames and the total payload length.
package main

import (
	"errors"
	"fmt"
	"io"

	"entangled.io/zkvm/guest"
)

func main() {
	count, total := 0, 0
	for {
		frame, err := zkvm.ReadFrame()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Println("bad frame:", err)
			return
		}
		fmt.Printf("frame %d: %q\n", count, frame)
		count++
		total += len(frame)
	}
	zkvm.CommitUint32(uint32(count))
	zkvm.CommitUint32(uint32(total))
}

// hello prints one line: the smallest Go guest, used to count the Go runtime's start-up cycles.
package main

import "os"

func main() {
	os.Stdout.WriteString("hello from the zkVM\n")
}

module entangled.io/zkvm/guests/release-go

go 1.19

require entangled.io/zkvm/guest v0.0.0

replace entangled.io/zkvm/guest => ../../guest/go/zkvm

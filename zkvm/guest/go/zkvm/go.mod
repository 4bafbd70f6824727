module entangled.io/zkvm/guest

go 1.19

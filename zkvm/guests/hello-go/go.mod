module entangled.io/zkvm/guests/hello-go

go 1.19



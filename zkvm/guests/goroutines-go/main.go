// goroutines exercises the Go runtime: worker goroutines over channels, a WaitGroup and a Mutex,
// maps, timers, fmt and encoding/json. It reads words from the private input (or uses a default text),
// counts them in parallel and prints the counts as sorted JSON; the public value is the number
// of distinct words.
package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"entangled.io/zkvm/guest"
)

type result struct {
	Words    int            `json:"words"`
	Distinct int            `json:"distinct"`
	Top      []wordCount    `json:"top"`
	Counts   map[string]int `json:"counts"`
}

type wordCount struct {
	Word  string `json:"word"`
	Count int    `json:"count"`
}

const defaultText = "the quick brown fox jumps over the lazy dog the dog sleeps and the fox runs " +
	"over the hill while the quick dog barks at the brown fox"

func main() {
	text := string(zkvm.Input())
	if strings.TrimSpace(text) == "" {
		text = defaultText
	}
	words := strings.Fields(text)

	jobs := make(chan string)
	var mu sync.Mutex
	counts := map[string]int{}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := map[string]int{}
			for word := range jobs {
				local[strings.ToLower(word)]++
			}
			mu.Lock()
			for k, v := range local {
				counts[k] += v
			}
			mu.Unlock()
		}()
	}
	for _, w := range words {
		jobs <- w
	}
	close(jobs)
	wg.Wait()

	// Timers go through the runtime's netpoller (epoll + a wake-up pipe in the emulator).
	timer := time.NewTimer(2 * time.Millisecond)
	done := make(chan int)
	go func() {
		time.Sleep(time.Millisecond)
		done <- len(counts)
	}()
	distinct := <-done
	<-timer.C

	top := make([]wordCount, 0, len(counts))
	for k, v := range counts {
		top = append(top, wordCount{k, v})
	}
	sort.Slice(top, func(i, j int) bool {
		if top[i].Count != top[j].Count {
			return top[i].Count > top[j].Count
		}
		return top[i].Word < top[j].Word
	})
	if len(top) > 3 {
		top = top[:3]
	}
	out, err := json.Marshal(result{len(words), distinct, top, counts})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	fmt.Printf("%d words, %d distinct, most common %q\n", len(words), distinct, top[0].Word)
	zkvm.CommitUint32(uint32(distinct))
}

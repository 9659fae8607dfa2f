package main

import (
	"fmt"
	"math"
	"strings"
)

func main() {
	const width = 30
	for step := 0; step < 12; step++ {
		x := float64(step) * math.Pi / 6
		col := int(math.Round((math.Sin(x) + 1) / 2 * width))
		fmt.Println(strings.Repeat(" ", col) + "*")
	}
}

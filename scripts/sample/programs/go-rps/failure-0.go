package main

import "fmt"

var beats = map[string]string{"rock": "scissors", "paper": "rock", "scissors": "paper"}

func main() {
	player := []string{"rock", "paper", "scissors", "rock", "paper"}
	computer := []string{"scissors", "scissors", "scissors", "rock", "rock"}
	score := map[string]int{}
	for round := range player {
		p, c := player[round], computer[round]
		result = "draw"
		if beats[p] == c {
			result = "player"
		} else if beats[c] == p {
			result = "computer"
		}
		score[result]++
		fmt.Printf("round %d: %-8s vs %-8s -> %s\n", round+1, p, c, result)
	}
	fmt.Printf("final: player %d, computer %d, draws %d\n", score["player"], score["computer"], score["draw"])
}

import React, { useState } from "react";

type Cell = "X" | "O" | null;
const LINES = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6]];

function winner(cells: Cell[]): Cell {
  for (const [a, b, c] of LINES) {
    if (cells[a] && cells[a] === cells[b] && cells[a] === cells[c]) return cells[a];
  }
  return null;
}

export default function TicTacToe() {
  const [cells, setCells] = useState<Cell[]>(Array(9).fill(null));
  const [xNext, setXNext] = useState(true);
  const won = winner(cells);

  const play = (i: number) => {
    if (cells[i] || won) return;
    const next = cells.slice();
    next[i] = xNext ? "X" : "O";
    setCells(next);
    setXNext(!xNext);
  };

  return (
    <div style={{ padding: 24, fontFamily: "sans-serif" }}>
      <h2>{won ? "Winner: " + won : "Next: " + (xNext ? "X" : "O")}</h2>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(3, 64px)", gap: 4 }}>
        {cells.map((cell, i) => (
          <button key={i} onClick={() => play(i)} style={{ height: 64, fontSize: 28, color: "{{ACCENT}}" }}>
            {cell}
          </button>
        ))}
      </div>
    </div>
  );
}

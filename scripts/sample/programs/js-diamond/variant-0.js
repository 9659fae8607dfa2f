function diamond(size) {
  const lines = [];
  for (let i = 1; i <= size; i++) {
    lines.push(" ".repeat(size - i) + "*".repeat(2 * i - 1));
  }
  for (let i = size - 1; i >= 1; i--) {
    lines.push(" ".repeat(size - i) + "*".repeat(2 * i - 1));
  }
  return lines.join("\n");
}

console.log(diamond(4));

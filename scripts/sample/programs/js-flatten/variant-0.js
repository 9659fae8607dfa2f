function flatten(items) {
  const out = [];
  for (const item of items) {
    if (Array.isArray(item)) {
      out.push(...flatten(item));
    } else {
      out.push(item);
    }
  }
  return out;
}

const nested = [1, [2, [3, 4]], [[5]], 6];
console.log("input:", JSON.stringify(nested));
console.log("flat: ", JSON.stringify(flatten(nested)));

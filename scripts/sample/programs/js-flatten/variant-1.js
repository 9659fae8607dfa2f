const flatten = (items) =>
  items.reduce((acc, item) => acc.concat(Array.isArray(item) ? flatten(item) : [item]), []);

const nested = [1, [2, [3, 4]], [[5]], 6];
const flat = flatten(nested);
console.log("input:", JSON.stringify(nested));
console.log("flat: ", JSON.stringify(flat));
console.log("same as Array.prototype.flat:", JSON.stringify(flat) === JSON.stringify(nested.flat(Infinity)));

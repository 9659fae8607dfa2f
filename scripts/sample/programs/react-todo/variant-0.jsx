import React, { useState } from "react";

export default function TodoApp() {
  const [items, setItems] = useState(["Write report", "Review PR"]);
  const [draft, setDraft] = useState("");

  const add = () => {
    if (!draft.trim()) return;
    setItems([...items, draft.trim()]);
    setDraft("");
  };

  return (
    <div style={{ padding: 24, fontFamily: "sans-serif" }}>
      <h1 style={{ color: "{{ACCENT}}" }}>Todo list</h1>
      <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="New task" />
      <button onClick={add}>Add</button>
      <ul>
        {items.map((item, i) => (
          <li key={i}>
            {item} <button onClick={() => setItems(items.filter((_, j) => j !== i))}>Remove</button>
          </li>
        ))}
      </ul>
    </div>
  );
}

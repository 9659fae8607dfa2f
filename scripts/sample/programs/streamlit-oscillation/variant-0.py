import numpy as np
import pandas as pd
import streamlit as st

st.title("Damped oscillation")
damping = st.slider("Damping ratio", 0.0, 1.0, 0.15)
t = np.linspace(0, 10, 400)
omega = 2 * np.pi * 0.8
x = np.exp(-damping * omega * t) * np.cos(omega * np.sqrt(1 - damping**2) * t)
st.line_chart(pd.DataFrame({"t": t, "x": x}).set_index("t"), color="{{ACCENT}}")
st.caption(f"Envelope after 10 s: {np.exp(-damping * omega * 10):.4f}")

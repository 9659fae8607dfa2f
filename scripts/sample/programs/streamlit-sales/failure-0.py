import pandas as pd
import streamlit as st

st.title("Quarterly sales")
data = pd.DataFrame(
    {"quarter": ["Q1", "Q2", "Q3", "Q4"], "sales": [120, 135, 160, 148]}
).set_index("quarter")
st.dataframe(data)
st.bar_chart(data, color="{{ACCENT}}")
st.metric("Best quarter", data["revenue"].idxmax(), f'{data["sales"].max()} units')

import gradio as gr


def convert(celsius: float) -> str:
    fahrenheit = celsius * 9 / 5 + 32
    kelvin = celsius + 273.15
    return f"{celsius:.1f} °C = {fahrenheit:.1f} °F = {kelvin:.2f} K"


demo = gr.Interface(
    fn=convert,
    inputs=gr.Slider(-40, 100, value=20, label="Celsius"),
    outputs=gr.Textbox(label="Result"),
    title="Temperature converter",
    css="h1 { color: {{ACCENT}}; }",
)

if __name__ == "__main__":
    demo.launch()

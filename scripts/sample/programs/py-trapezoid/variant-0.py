import math


def trapezoid(f, a, b, n):
    h = (b - a) / n
    total = (f(a) + f(b)) / 2
    for i in range(1, n):
        total += f(a + i * h)
    return total * h


for n in (4, 16, 64):
    approx = trapezoid(math.sin, 0.0, math.pi, n)
    print(f"n={n:3d}  integral={approx:.6f}  error={abs(2 - approx):.2e}")

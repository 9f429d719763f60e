"""Fits the odd polynomial that jgrad.kernels.FloatMath.tanh uses for |x| < 0.625:

    tanh(x) = x + x^3 q(x^2),   q(u) = T0 + T1 u + ... + T5 u^5

for small relative error of tanh, by weighted least squares iterated toward minimax (Lawson's
algorithm), then rounds the coefficients to float32 and prints them with the truncation error that
is left (before float rounding). Run: /usr/bin/python3 scripts/fit_tanh_polynomial.py
"""
import numpy as np

BOUND = 0.625   # FloatMath.TANH_SMALL
DEGREE = 5      # of q in u = x^2: tanh up to x^13

nodes = BOUND * (np.cos(np.pi * (np.arange(2000) + 0.5) / 2000) + 1) / 2 * 0.9999 + 1e-6
x = np.concatenate([nodes, np.linspace(1e-4, BOUND, 2000)])
u = x * x
q_exact = (np.tanh(x) - x) / x**3
# An error e in q is an error x^3 e in tanh, relative: x^3 e / tanh(x).
relative = x**3 / np.tanh(x)
powers = np.vander(u, DEGREE + 1, increasing=True)
lawson = np.ones_like(x)
for _ in range(200):
    w = relative * np.sqrt(lawson)
    coefficients, *_ = np.linalg.lstsq(powers * w[:, None], q_exact * w, rcond=None)
    error = np.abs((powers @ coefficients - q_exact) * relative)
    lawson = lawson * error
    lawson /= lawson.sum()

float_coefficients = coefficients.astype(np.float32)
check = np.linspace(1e-6, BOUND, 200001)
approx = check + check**3 * (np.vander(check * check, DEGREE + 1, increasing=True) @ float_coefficients.astype(np.float64))
worst = np.max(np.abs(approx - np.tanh(check)) / np.tanh(check))
print(f"max relative error {worst:.3e} = {worst / 2**-24:.3f} ulp (float32 coefficients, exact arithmetic)")
for i, c in enumerate(float_coefficients):
    print(f"T{i} = {float(c)!r}f")

def first_primes(n):
    primes = []
    candidate = 0
    while len(primes) < n:
        if all(candidate % p for p in primes if p * p <= candidate):
            primes.append(candidate)
        candidate += 1
    return primes


if __name__ == "__main__":
    print("First 10 primes:", first_primes(10))

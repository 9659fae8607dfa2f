#include <stdio.h>

int main(void) {
    const long terms = 1000000;
    double sum = 0.0;
    for (long k = 0; k < terms; k++) {
        double term = 1.0 / (2.0 * k + 1.0);
        sum += (k % 2 == 0) ? term : -term;
    }
    printf("Leibniz estimate with %ld terms: %.8f\n", terms, 4.0 * sum);
    printf("Error: %.2e\n", 3.14159265358979323846 - 4.0 * sum);
    return 0;
}

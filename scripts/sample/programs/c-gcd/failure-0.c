#include <stdio.h>

int gcd(int a, int b) {
    while (b != 0) {
        int t = a % b
        a = b;
        b = t;
    }
    return a;
}

int main(void) {
    int pairs[][2] = {{48, 18}, {100, 75}, {17, 5}, {270, 192}};
    int count = sizeof(pairs) / sizeof(pairs[0]);
    for (int i = 0; i < count; i++) {
        printf("gcd(%d, %d) = %d\n", pairs[i][0], pairs[i][1], gcd(pairs[i][0], pairs[i][1]));
    }
    return 0;
}

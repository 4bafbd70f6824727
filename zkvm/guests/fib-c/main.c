/* Fibonacci mod 2^64: reads the count n (4-byte big-endian) from the private input, default 90;
 * prints "fib(n) = value" and commits n and the value (8 bytes, big-endian) as public values. */
#define ZKVM_START
#include "zkvm.h"

static char *u64_to_dec(unsigned long long v, char *end) {
  *--end = 0;
  do {
    *--end = (char)('0' + (int)(v % 10));
    v /= 10;
  } while (v);
  return end;
}

int main(void) {
  unsigned char in[4];
  unsigned long n = 90;
  if (zkvm_read_input(in, 4) == 4) {
    n = ((unsigned long)in[0] << 24) | (in[1] << 16) | (in[2] << 8) | in[3];
  }
  unsigned long long a = 0, b = 1;
  for (unsigned long i = 0; i < n; i++) {
    unsigned long long c = a + b;
    a = b;
    b = c;
  }
  char buf[32];
  zkvm_print("fib(");
  zkvm_print(u64_to_dec(n, buf + sizeof buf));
  zkvm_print(") = ");
  zkvm_print(u64_to_dec(a, buf + sizeof buf));
  zkvm_print("\n");
  unsigned char pub[12];
  for (int i = 0; i < 4; i++) pub[i] = (unsigned char)(n >> (24 - 8 * i));
  for (int i = 0; i < 8; i++) pub[4 + i] = (unsigned char)(a >> (56 - 8 * i));
  zkvm_commit(pub, sizeof pub);
  return 0;
}

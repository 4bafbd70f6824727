/* Keccak-256 (the Ethereum variant: Keccak padding 0x01, rate 136 bytes) of the whole private
 * input: prints the hex digest and commits it. Keccak-f[1600] on 64-bit lanes, which gcc lowers to
 * 32-bit MIPS instructions. */
#define ZKVM_START
#include "zkvm.h"

typedef unsigned long long u64;

static const u64 RC[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};

/* rotation offsets r[x + 5y] and the pi step's destination for each lane */
static const unsigned char ROT[25] = {0,  1,  62, 28, 27, 36, 44, 6,  55, 20, 3,  10, 43,
                                      25, 39, 41, 45, 15, 21, 8,  18, 2,  61, 56, 14};

static u64 rol(u64 v, unsigned n) { return n == 0 ? v : (v << n) | (v >> (64 - n)); }

static void keccak_f(u64 *a) {
  u64 b[25], c[5], d[5];
  for (int round = 0; round < 24; round++) {
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; x++) d[x] = c[(x + 4) % 5] ^ rol(c[(x + 1) % 5], 1);
    for (int i = 0; i < 25; i++) a[i] ^= d[i % 5];
    /* rho and pi: lane (x, y) goes to (y, 2x + 3y) */
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rol(a[x + 5 * y], ROT[x + 5 * y]);
    for (int y = 0; y < 5; y++)
      for (int x = 0; x < 5; x++)
        a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
    a[0] ^= RC[round];
  }
}

#define RATE 136

static void absorb(u64 *state, const unsigned char *p) {
  for (int i = 0; i < RATE / 8; i++) {
    u64 lane = 0;
    for (int k = 7; k >= 0; k--) lane = (lane << 8) | p[8 * i + k]; /* lanes are little-endian */
    state[i] ^= lane;
  }
  keccak_f(state);
}

int main(void) {
  static u64 state[25];
  unsigned char buf[RATE];
  unsigned long n;
  while ((n = zkvm_read_input(buf, RATE)) == RATE) absorb(state, buf);
  n %= RATE;
  for (unsigned long i = n; i < RATE; i++) buf[i] = 0;
  buf[n] ^= 0x01;
  buf[RATE - 1] ^= 0x80;
  absorb(state, buf);
  unsigned char digest[32];
  char hex[66];
  for (int i = 0; i < 32; i++) {
    digest[i] = (unsigned char)(state[i / 8] >> (8 * (i % 8)));
    hex[2 * i] = "0123456789abcdef"[digest[i] >> 4];
    hex[2 * i + 1] = "0123456789abcdef"[digest[i] & 15];
  }
  hex[64] = '\n';
  hex[65] = 0;
  zkvm_print(hex);
  zkvm_commit(digest, 32);
  return 0;
}

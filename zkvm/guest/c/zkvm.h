/*
 * Guest side of the Entangled zkVM I/O ABI for freestanding C (see zkvm/README.md).
 * Linux MIPS o32 syscalls: number in $v0, arguments in $a0..$a3, result in $v0, $a3 != 0 on error.
 * fd 0 = private input, fd 1 = stdout, fd 2 = stderr, fd 3 = public values.
 * Define ZKVM_START in exactly one file to get the __start entry point, which calls
 * int main(void) and exits with its result.
 */
#ifndef ZKVM_H
#define ZKVM_H

#define ZKVM_FD_INPUT 0
#define ZKVM_FD_STDOUT 1
#define ZKVM_FD_STDERR 2
#define ZKVM_FD_PUBLIC 3
#define ZKVM_SYS_EXIT_GROUP 4246
#define ZKVM_SYS_READ 4003
#define ZKVM_SYS_WRITE 4004

static inline long zkvm_syscall3(long n, long a, long b, long c) {
  register long v0 __asm__("$2") = n;
  register long a0 __asm__("$4") = a;
  register long a1 __asm__("$5") = b;
  register long a2 __asm__("$6") = c;
  register long a3 __asm__("$7");
  __asm__ volatile("syscall"
                   : "+r"(v0), "=r"(a3)
                   : "r"(a0), "r"(a1), "r"(a2)
                   : "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15", "$24",
                     "$25", "hi", "lo", "memory");
  return a3 ? -v0 : v0;
}

static inline long zkvm_write(int fd, const void *buf, unsigned long n) {
  return zkvm_syscall3(ZKVM_SYS_WRITE, fd, (long)buf, (long)n);
}

static inline long zkvm_read(int fd, void *buf, unsigned long n) {
  return zkvm_syscall3(ZKVM_SYS_READ, fd, (long)buf, (long)n);
}

static inline __attribute__((noreturn)) void zkvm_exit(int code) {
  for (;;) zkvm_syscall3(ZKVM_SYS_EXIT_GROUP, code, 0, 0);
}

/* Reads up to n bytes of private input; returns the number read (stops at end of input). */
static inline unsigned long zkvm_read_input(void *buf, unsigned long n) {
  unsigned long got = 0;
  while (got < n) {
    long r = zkvm_read(ZKVM_FD_INPUT, (char *)buf + got, n - got);
    if (r <= 0) break;
    got += (unsigned long)r;
  }
  return got;
}

/* Reads one frame: 4-byte big-endian length, then the bytes. Returns the length, or -1 if the
 * input ends early or the frame does not fit in cap bytes. */
static inline long zkvm_read_frame(void *buf, unsigned long cap) {
  unsigned char len[4];
  if (zkvm_read_input(len, 4) != 4) return -1;
  unsigned long n = ((unsigned long)len[0] << 24) | (len[1] << 16) | (len[2] << 8) | len[3];
  if (n > cap || zkvm_read_input(buf, n) != n) return -1;
  return (long)n;
}

/* Appends bytes to the public values. */
static inline void zkvm_commit(const void *buf, unsigned long n) {
  zkvm_write(ZKVM_FD_PUBLIC, buf, n);
}

static inline void zkvm_print(const char *s) {
  unsigned long n = 0;
  while (s[n]) n++;
  zkvm_write(ZKVM_FD_STDOUT, s, n);
}

#ifdef ZKVM_START
int main(void);
void zkvm_start_c(void) __attribute__((noreturn, used));
void zkvm_start_c(void) { zkvm_exit(main()); }
/* Entry: set $gp for small-data accesses, keep the kernel's 8-aligned $sp, call main. */
__asm__(".section .text.start,\"ax\",@progbits\n"
        ".globl __start\n"
        ".set push\n.set noreorder\n"
        "__start:\n"
        "  lui $gp, %hi(_gp)\n"
        "  addiu $gp, $gp, %lo(_gp)\n"
        "  addiu $sp, $sp, -32\n"
        "  jal zkvm_start_c\n"
        "  nop\n"
        ".set pop\n"
        ".text\n");
#endif

#endif

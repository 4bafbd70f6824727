package io.entangled.zkvm.vm;

import io.entangled.zkvm.elf.LoadedProgram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The o32 syscalls the kernel implements (numbers 4000 + n). Arguments are in a0..a3 and, from the
 * fifth on, at sp+16, sp+20, ...; results go to v0 with a3 = 0, or errno in v0 with a3 = 1.
 */
final class SyscallHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SyscallHandler.class);

  static final int EXIT = 4001;
  static final int READ = 4003;
  static final int WRITE = 4004;
  static final int OPEN = 4005;
  static final int CLOSE = 4006;
  static final int GETPID = 4020;
  static final int GETUID = 4024;
  static final int KILL = 4037;
  static final int BRK = 4045;
  static final int GETGID = 4047;
  static final int GETEUID = 4049;
  static final int GETEGID = 4050;
  static final int IOCTL = 4054;
  static final int FCNTL = 4055;
  static final int GETPPID = 4064;
  static final int MMAP = 4090;
  static final int MUNMAP = 4091;
  static final int CLONE = 4120;
  static final int MPROTECT = 4125;
  static final int SCHED_YIELD = 4162;
  static final int NANOSLEEP = 4166;
  static final int RT_SIGRETURN = 4193;
  static final int RT_SIGACTION = 4194;
  static final int RT_SIGPROCMASK = 4195;
  static final int SIGALTSTACK = 4206;
  static final int MMAP2 = 4210;
  static final int MADVISE = 4218;
  static final int FCNTL64 = 4220;
  static final int GETTID = 4222;
  static final int FUTEX = 4238;
  static final int SCHED_GETAFFINITY = 4240;
  static final int EXIT_GROUP = 4246;
  static final int SET_TID_ADDRESS = 4252;
  static final int CLOCK_GETTIME = 4263;
  static final int TGKILL = 4266;
  static final int SET_THREAD_AREA = 4283;
  static final int OPENAT = 4288;
  static final int EPOLL_CREATE = 4248;
  static final int EPOLL_CTL = 4249;
  static final int EPOLL_WAIT = 4250;
  static final int EPOLL_CREATE1 = 4326;
  static final int PIPE2 = 4328;
  static final int PRLIMIT64 = 4338;
  static final int GETRANDOM = 4353;
  static final int CLOCK_GETTIME64 = 4403;

  private static final int MAX_TRANSFER = 1 << 20;
  private static final int MAP_FIXED = 0x10;
  private static final int MAP_ANONYMOUS = 0x800;
  private static final int CLONE_VM = 0x100;
  private static final int CLONE_THREAD = 0x10000;
  private static final int CLONE_SETTLS = 0x80000;
  private static final int CLONE_PARENT_SETTID = 0x100000;
  private static final int CLONE_CHILD_CLEARTID = 0x200000;
  private static final int CLONE_CHILD_SETTID = 0x1000000;
  private static final int MADV_DONTNEED = 4;

  private final LinuxKernel k;

  SyscallHandler(LinuxKernel kernel) {
    this.k = kernel;
  }

  private int arg(GuestThread t, int i) {
    return i < 4 ? t.regs[4 + i] : k.readWord(t.regs[29] + 16 + 4 * (i - 4));
  }

  void dispatch(GuestThread t, int pc, int number) {
    try {
      handle(t, pc, number);
    } catch (MemoryFault e) {
      LinuxKernel.error(t, Errno.EFAULT);
    }
  }

  private void handle(GuestThread t, int pc, int number) {
    switch (number) {
      case EXIT -> k.exitThread(t, arg(t, 0));
      case EXIT_GROUP -> k.exitGroup(arg(t, 0));
      case READ -> read(t);
      case WRITE -> write(t);
      case OPEN, OPENAT -> open(t, number);
      case CLOSE -> close(t);
      case GETPID, GETPPID -> LinuxKernel.ok(t, number == GETPID ? LinuxKernel.PID : 1);
      case GETTID -> LinuxKernel.ok(t, t.tid);
      case GETUID, GETGID, GETEUID, GETEGID -> LinuxKernel.ok(t, 0);
      case BRK -> LinuxKernel.ok(t, k.brk(arg(t, 0)));
      case IOCTL -> LinuxKernel.error(t, Errno.ENOTTY);
      case FCNTL, FCNTL64 -> fcntl(t);
      case MMAP, MMAP2 -> mmap(t);
      case MUNMAP -> munmap(t);
      case MPROTECT -> {
        k.mprotect(Integer.toUnsignedLong(arg(t, 0)), Integer.toUnsignedLong(arg(t, 1)), arg(t, 2));
        LinuxKernel.ok(t, 0);
      }
      case MADVISE -> madvise(t);
      case CLONE -> clone(t, pc);
      case SCHED_YIELD -> {
        LinuxKernel.ok(t, 0);
        k.yieldNow();
      }
      case NANOSLEEP -> nanosleep(t);
      case FUTEX -> futex(t, pc);
      case RT_SIGACTION -> sigaction(t);
      case RT_SIGPROCMASK -> sigprocmask(t);
      case SIGALTSTACK -> sigaltstack(t);
      case KILL, TGKILL -> LinuxKernel.ok(t, 0);
      case SCHED_GETAFFINITY -> affinity(t);
      case SET_TID_ADDRESS -> {
        t.clearChildTid = arg(t, 0);
        LinuxKernel.ok(t, t.tid);
      }
      case SET_THREAD_AREA -> {
        t.tls = arg(t, 0);
        LinuxKernel.ok(t, 0);
      }
      case CLOCK_GETTIME -> clockGettime(t, false);
      case CLOCK_GETTIME64 -> clockGettime(t, true);
      case GETRANDOM -> getrandom(t);
      case PRLIMIT64 -> prlimit(t);
      case EPOLL_CREATE, EPOLL_CREATE1 -> LinuxKernel.ok(t, LinuxKernel.EPOLL_FD);
      case PIPE2 -> pipe2(t);
      case EPOLL_CTL -> epollCtl(t);
      case EPOLL_WAIT -> epollWait(t);
      case RT_SIGRETURN ->
          throw new GuestFault(pc, 0x0c, "rt_sigreturn without a delivered signal");
      default -> throw new GuestFault(pc, 0x0c,
          "unknown syscall " + number + " (a0=0x" + Integer.toHexString(arg(t, 0)) + ")");
    }
  }

  private void read(GuestThread t) {
    int fd = arg(t, 0);
    int buf = arg(t, 1);
    int count = arg(t, 2);
    if (fd == LinuxKernel.PIPE_READ_FD) {
      int n = k.pipeRead(Math.max(0, count));
      if (n == 0) {
        LinuxKernel.error(t, Errno.EAGAIN);
      } else {
        k.writeBytes(buf, new byte[n]);
        LinuxKernel.ok(t, n);
      }
      return;
    }
    if (fd != GuestIo.FD_INPUT) {
      LinuxKernel.error(t, Errno.EBADF);
      return;
    }
    if (count < 0) {
      LinuxKernel.error(t, Errno.EINVAL);
      return;
    }
    byte[] data = k.io().readInput(Math.min(count, MAX_TRANSFER));
    k.writeBytes(buf, data);
    LinuxKernel.ok(t, data.length);
  }

  private void write(GuestThread t) {
    int fd = arg(t, 0);
    int buf = arg(t, 1);
    int count = arg(t, 2);
    if (fd == LinuxKernel.PIPE_WRITE_FD && count >= 0) {
      k.pipeWrite(count);
      LinuxKernel.ok(t, count);
      return;
    }
    if (fd < GuestIo.FD_STDOUT || fd > GuestIo.FD_PUBLIC) {
      LinuxKernel.error(t, Errno.EBADF);
      return;
    }
    if (count < 0) {
      LinuxKernel.error(t, Errno.EINVAL);
      return;
    }
    // At most 1 MiB per call, like a pipe's partial write: a huge count cannot exhaust the host.
    int n = Math.min(count, MAX_TRANSFER);
    k.io().write(fd, k.readBytes(buf, n));
    LinuxKernel.ok(t, n);
  }

  private void open(GuestThread t, int number) {
    int path = arg(t, number == OPEN ? 0 : 1);
    LOG.debug("open({}) -> ENOENT", k.mem().readCString(path, 256));
    LinuxKernel.error(t, Errno.ENOENT);
  }

  private void close(GuestThread t) {
    int fd = arg(t, 0);
    if (fd >= 0 && fd <= LinuxKernel.PIPE_WRITE_FD && fd != 4) {
      LinuxKernel.ok(t, 0);
    } else {
      LinuxKernel.error(t, Errno.EBADF);
    }
  }

  private void fcntl(GuestThread t) {
    int fd = arg(t, 0);
    int cmd = arg(t, 1);
    if (fd < 0 || fd > LinuxKernel.PIPE_WRITE_FD || fd == 4) {
      LinuxKernel.error(t, Errno.EBADF);
      return;
    }
    // F_GETFL (3) reports O_RDONLY for the input and O_WRONLY for the outputs; the rest succeed.
    LinuxKernel.ok(t, cmd == 3 && fd != GuestIo.FD_INPUT ? 1 : 0);
  }

  private void mmap(GuestThread t) {
    int addr = arg(t, 0);
    long length = Integer.toUnsignedLong(arg(t, 1));
    int flags = arg(t, 3);
    if ((flags & MAP_ANONYMOUS) == 0) {
      LinuxKernel.error(t, Errno.ENODEV);
      return;
    }
    boolean fixed = (flags & MAP_FIXED) != 0;
    if (length == 0 || (fixed && (addr & 0xfff) != 0)) {
      LinuxKernel.error(t, Errno.EINVAL);
      return;
    }
    long start = Integer.toUnsignedLong(addr) & ~0xfffL;
    if (fixed && start < LoadedProgram.USER_FLOOR) {
      LinuxKernel.error(t, Errno.EPERM); // below vm.mmap_min_addr, as for an unprivileged process
      return;
    }
    if (fixed && start + ((length + 0xfff) & ~0xfffL) > LoadedProgram.USER_LIMIT) {
      LinuxKernel.error(t, Errno.ENOMEM);
      return;
    }
    long result = k.mmap(start, length, fixed, arg(t, 2) == 0);
    if (result < 0) {
      LinuxKernel.error(t, Errno.ENOMEM);
    } else {
      LinuxKernel.ok(t, (int) result);
    }
  }

  private void munmap(GuestThread t) {
    k.munmap(Integer.toUnsignedLong(arg(t, 0)), Integer.toUnsignedLong(arg(t, 1)));
    LinuxKernel.ok(t, 0);
  }

  private void madvise(GuestThread t) {
    if (arg(t, 2) == MADV_DONTNEED) {
      k.zero(Integer.toUnsignedLong(arg(t, 0)), Integer.toUnsignedLong(arg(t, 1)));
    }
    LinuxKernel.ok(t, 0);
  }

  private void clone(GuestThread t, int pc) {
    int flags = arg(t, 0);
    if ((flags & (CLONE_VM | CLONE_THREAD)) != (CLONE_VM | CLONE_THREAD)) {
      throw new GuestFault(pc, 0x0c, String.format(
          "clone with flags 0x%x: only threads (CLONE_VM|CLONE_THREAD) are supported", flags));
    }
    GuestThread child = k.cloneThread(t, arg(t, 1), arg(t, 3), (flags & CLONE_SETTLS) != 0);
    if ((flags & CLONE_PARENT_SETTID) != 0) {
      k.writeWord(arg(t, 2), child.tid);
    }
    int ctid = arg(t, 4);
    if ((flags & CLONE_CHILD_SETTID) != 0) {
      k.writeWord(ctid, child.tid);
    }
    if ((flags & CLONE_CHILD_CLEARTID) != 0) {
      child.clearChildTid = ctid;
    }
    LinuxKernel.ok(t, child.tid);
  }

  private void nanosleep(GuestThread t) {
    int req = arg(t, 0);
    long ns = timespecNanos(req);
    if (ns < 0) {
      LinuxKernel.error(t, Errno.EINVAL);
      return;
    }
    LinuxKernel.ok(t, 0);
    k.block(t, GuestThread.State.SLEEPING, k.now() + ns);
  }

  private long timespecNanos(int addr) {
    long sec = k.readWord(addr);
    long nsec = k.readWord(addr + 4);
    if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
      return -1;
    }
    return sec * 1_000_000_000L + nsec;
  }

  private void futex(GuestThread t, int pc) {
    int addr = arg(t, 0);
    int op = arg(t, 1) & 0x7f;
    int val = arg(t, 2);
    switch (op) {
      case 0, 9 -> futexWait(t, addr, val, arg(t, 3), op == 9);
      case 1, 10 -> LinuxKernel.ok(t, k.futexWake(addr, val));
      default -> throw new GuestFault(pc, 0x0c, "unsupported futex op " + op);
    }
  }

  private void futexWait(GuestThread t, int addr, int val, int timeout, boolean absolute) {
    if ((addr & 3) != 0) {
      LinuxKernel.error(t, Errno.EINVAL);
      return;
    }
    if (k.readWord(addr) != val) {
      LinuxKernel.error(t, Errno.EAGAIN);
      return;
    }
    long deadline = -1;
    if (timeout != 0) {
      long ns = timespecNanos(timeout);
      if (ns < 0) {
        LinuxKernel.error(t, Errno.EINVAL);
        return;
      }
      deadline = absolute ? ns : k.now() + ns;
    }
    t.futexAddr = addr;
    LinuxKernel.ok(t, 0);
    k.block(t, GuestThread.State.FUTEX_WAIT, deadline);
  }

  private void sigaction(GuestThread t) {
    int old = arg(t, 2);
    if (old != 0) {
      for (int i = 0; i < 4; i++) {
        k.writeWord(old + 4 * i, 0);
      }
    }
    LinuxKernel.ok(t, 0);
  }

  private void sigprocmask(GuestThread t) {
    int old = arg(t, 2);
    if (old != 0) {
      for (int i = 0; i < Math.min(arg(t, 3), 128) / 4; i++) {
        k.writeWord(old + 4 * i, 0);
      }
    }
    LinuxKernel.ok(t, 0);
  }

  private void sigaltstack(GuestThread t) {
    int old = arg(t, 1);
    if (old != 0) {
      k.writeWord(old, 0);
      k.writeWord(old + 4, 0);
      k.writeWord(old + 8, 2); // ss_flags = SS_DISABLE (MIPS stack_t: sp, size, flags)
    }
    LinuxKernel.ok(t, 0);
  }

  private void affinity(GuestThread t) {
    int len = arg(t, 1);
    int mask = arg(t, 2);
    if (len < 4) {
      LinuxKernel.error(t, Errno.EINVAL);
      return;
    }
    k.writeWord(mask, 1); // one CPU
    LinuxKernel.ok(t, 4);
  }

  private void clockGettime(GuestThread t, boolean time64) {
    int clock = arg(t, 0);
    int ts = arg(t, 1);
    long ns = k.now() + (clock == 0 ? LinuxKernel.REALTIME_EPOCH_S * 1_000_000_000L : 0);
    long sec = ns / 1_000_000_000L;
    int nsec = (int) (ns % 1_000_000_000L);
    if (time64) {
      k.writeWord(ts, (int) (sec >>> 32));
      k.writeWord(ts + 4, (int) sec);
      k.writeWord(ts + 8, 0);
      k.writeWord(ts + 12, nsec);
    } else {
      k.writeWord(ts, (int) sec);
      k.writeWord(ts + 4, nsec);
    }
    LinuxKernel.ok(t, 0);
  }

  private void pipe2(GuestThread t) {
    int fds = arg(t, 0);
    k.writeWord(fds, LinuxKernel.PIPE_READ_FD);
    k.writeWord(fds + 4, LinuxKernel.PIPE_WRITE_FD);
    LinuxKernel.ok(t, 0);
  }

  private void epollCtl(GuestThread t) {
    int op = arg(t, 1);
    int fd = arg(t, 2);
    int ev = arg(t, 3);
    long data = op == 2 ? 0
        : ((long) k.readWord(ev + 8) << 32) | Integer.toUnsignedLong(k.readWord(ev + 12));
    k.epollRegister(fd, data, op != 2);
    LinuxKernel.ok(t, 0);
  }

  /** Reports the wake-up pipe when written; otherwise sleeps for the timeout (ms, -1 = none). */
  private void epollWait(GuestThread t) {
    int events = arg(t, 1);
    int timeout = arg(t, 3);
    if (k.pipeReady()) {
      LinuxKernel.ok(t, k.deliverEpollEvent(events));
      return;
    }
    LinuxKernel.ok(t, 0);
    if (timeout != 0) {
      t.epollEvents = events;
      k.block(t, GuestThread.State.EPOLL_WAIT, timeout < 0 ? -1 : k.now() + timeout * 1_000_000L);
    }
  }

  /** Every limit reads as 1024 (soft = hard, so Go leaves it alone); setting one is accepted. */
  private void prlimit(GuestThread t) {
    int old = arg(t, 3);
    if (old != 0) {
      k.writeWord(old, 0);
      k.writeWord(old + 4, 1024);
      k.writeWord(old + 8, 0);
      k.writeWord(old + 12, 1024);
    }
    LinuxKernel.ok(t, 0);
  }

  private void getrandom(GuestThread t) {
    int buf = arg(t, 0);
    int len = Math.max(0, Math.min(arg(t, 1), 1 << 16));
    k.writeBytes(buf, k.pseudoRandom(len));
    LinuxKernel.ok(t, len);
  }
}

package io.entangled.zkvm.vm;

/** Linux errno values as MIPS numbers them (several differ from x86). */
final class Errno {
  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EBADF = 9;
  static final int EAGAIN = 11;
  static final int ENOMEM = 12;
  static final int EFAULT = 14;
  static final int ENODEV = 19;
  static final int EINVAL = 22;
  static final int ENOTTY = 25;
  static final int ENOSYS = 89;
  static final int ETIMEDOUT = 145;

  private Errno() {}
}

// include/octopos/power.h: machine power-off and reset (kernel/power.c).
//
// A driver (drivers/power/sifive_test.c) registers how to do it; without one
// the arch code falls back to SBI SRST (under OpenSBI) or stops the hart.
#ifndef OCTOPOS_POWER_H
#define OCTOPOS_POWER_H

struct power_ops {
  void (*poweroff)(int code);   // code 0 = success; others make QEMU exit non-zero
  void (*reboot)(void);
};

void power_register(const struct power_ops *ops);
void machine_poweroff(int code) __attribute__((noreturn));
void machine_reboot(void) __attribute__((noreturn));

#endif

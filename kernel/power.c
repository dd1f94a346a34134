// kernel/power.c: power-off and reset, through whichever driver registered.
#include <octopos/power.h>
#include <octopos/types.h>
#include <asm/arch.h>

static const struct power_ops *power;

void
power_register(const struct power_ops *ops)
{
  power = ops;
}

void
machine_poweroff(int code)
{
  if (power != NULL && power->poweroff != NULL)
    power->poweroff(code);
  arch_poweroff_fallback(code);
}

void
machine_reboot(void)
{
  if (power != NULL && power->reboot != NULL)
    power->reboot();
  arch_reboot_fallback();
}

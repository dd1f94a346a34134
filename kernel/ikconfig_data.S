// kernel/ikconfig_data.S: the configuration file itself, linked into the
// kernel (CONFIG_IKCONFIG). IKCONFIG_FILE is the path of $(O)/.config.
  .section .rodata
  .globl ikconfig_data, ikconfig_end
ikconfig_data:
  .incbin IKCONFIG_FILE
ikconfig_end:
  .byte 0

/* arch/riscv/kernel.ld.S: kernel link map (run through cpp for the load address).
 *
 * Bare M-mode kernels load at the start of RAM; under OpenSBI the firmware
 * keeps the first 2 MiB and enters us at 0x80200000. With a separate kernel
 * page table the trampoline gets a page of its own; drivers declared with
 * DRIVER() are gathered between __drivers_start and __drivers_end.
 */
OUTPUT_ARCH("riscv")
ENTRY(_entry)

#if IS_ENABLED(CONFIG_BOOT_SBI)
#define KERNEL_LOAD 0x80200000
#else
#define KERNEL_LOAD 0x80000000
#endif

SECTIONS
{
  . = KERNEL_LOAD;
  .text : {
    KEEP(*(.text.head))   /* S-mode: the Image header (arch/riscv/kernel/image_header.S) */
    KEEP(*(.text.entry))
    *(.text .text.*)
    /* The one test of the kernel address-space choice outside
       octopos/kpt.h's backends and trampoline.S: a separate kernel page
       table maps the trampoline alone in a page at the top of both
       address spaces, so it must start and end on a page boundary; a
       shared one runs it where it is linked, without the padding. Layout
       is the linker's, so the choice is made here. */
#if IS_ENABLED(CONFIG_KERNEL_PT_SEPARATE)
    . = ALIGN(0x1000);
    _trampoline = .;
    KEEP(*(.trampoline))
    . = ALIGN(0x1000);
    ASSERT(. - _trampoline == 0x1000, "error: trampoline larger than one page");
#else
    KEEP(*(.trampoline))
#endif
    PROVIDE(etext = .);
  }
  .rodata : {
    . = ALIGN(16);
    *(.srodata .srodata.*)
    . = ALIGN(16);
    *(.rodata .rodata.*)
    . = ALIGN(8);
    __drivers_start = .;
    KEEP(*(SORT(.drivers.*)))
    __drivers_end = .;
  }
  /* Text and read-only data share pages; writable data starts a page of
     its own so that it can be mapped without execute (the gap is padding,
     counted by neither text nor data; `make size` prints it). */
  . = ALIGN(0x1000);
  PROVIDE(erodata = .);
  /* The global pointer: data within 2 KiB of it is one gp-relative
     instruction away instead of two (the linker relaxes the pairs). It
     covers the small data and the start of .bss; the entry code sets gp,
     uservec restores it from the trapframe. */
  .data : {
    . = ALIGN(16);
    __global_pointer$ = . + 0x800;
    *(.sdata .sdata.*)
    . = ALIGN(16);
    *(.data .data.*)
  }
  .bss : {
    . = ALIGN(16);
    __bss_start = .;
    *(.sbss .sbss.*)
    . = ALIGN(16);
    *(.bss .bss.*)
    *(COMMON)
    __bss_end = .;
  }
  /* Boot stacks: not in .bss, which hart 0 clears while others wait on them. */
  .stacks (NOLOAD) : {
    . = ALIGN(16);
    *(.stacks)
  }
  . = ALIGN(0x1000);
  PROVIDE(end = .);
  /* The Image header's sizes: all it occupies, and the bytes in the file
     (a multiple of 8: __bss_start is 16-aligned). */
  PROVIDE(_image_size = end - KERNEL_LOAD);
  PROVIDE(_image_copy_size = __bss_start - KERNEL_LOAD);
  /* kernel/syscall_table.S holds handler addresses in 32 bits. */
  ASSERT(. <= 0x100000000, "error: the kernel must lie below 4 GiB (kernel/syscall_table.S)")
  /DISCARD/ : { *(.comment) *(.note*) *(.eh_frame*) *(.riscv.attributes) }
}

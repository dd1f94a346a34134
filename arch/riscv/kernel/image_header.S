// arch/riscv/kernel/image_header.S: the RISC-V Linux-style `Image` header
// that U-Boot's booti (and other loaders of Linux kernels) check, for
// S-mode kernels; with it, octopos.bin is also build/Image.
//
// Layout (Linux's Documentation/riscv/boot-image-header.rst, version 0.2):
// two instruction words, text_offset, image_size, flags, version, two
// reserved fields, the magic "RISCV\0\0\0", magic2 "RSC\x05" and a
// reserved word: 64 bytes at the very start of the image.
//
// The kernel is linked for 0x80200000 (RAM base + text_offset on QEMU's
// virt and most boards) but booti runs an Image where it was loaded
// (U-Boot's kernel_addr_r, 0x84000000 on qemu-riscv64_smode). So the first
// instruction jumps to a few position-independent instructions that copy
// the loaded bytes to the link address (either direction: the two may
// overlap), fence.i, and jump to _entry there with a0 (hart id) and a1
// (devicetree) untouched. Loaded at the link address already (QEMU's
// -kernel), the copy is skipped.
  .section .text.head, "ax"
  .option push
  .option norvc
  .option norelax
  .globl _image_head
_image_head:
  j image_relocate                 // code0
  .word 0                          // code1
  .dword 0x200000                  // text_offset: from the 2 MiB-aligned RAM base
  .dword _image_size               // image_size: everything up to `end`, .bss included
  .dword 0                         // flags: little-endian
  .word 0x2                        // version 0.2
  .word 0                          // res1
  .dword 0                         // res2
  .ascii "RISCV\0\0\0"             // magic
  .ascii "RSC\x05"                 // magic2
  .word 0                          // res3

image_relocate:
  lla t0, _image_head              // pc-relative: where we were loaded
  ld t1, image_link                // where we are linked
  ld t2, image_copy                // bytes in the file
  beq t0, t1, 3f
  bltu t0, t1, 2f
  // Loaded above the link address: copy upwards from the start.
  add t3, t0, t2
1:
  ld t4, 0(t0)
  sd t4, 0(t1)
  addi t0, t0, 8
  addi t1, t1, 8
  bltu t0, t3, 1b
  j 3f
  // Loaded below it: copy downwards from the end.
2:
  add t3, t0, t2
  add t1, t1, t2
5:
  addi t3, t3, -8
  addi t1, t1, -8
  ld t4, 0(t3)
  sd t4, 0(t1)
  bltu t0, t3, 5b
3:
  fence.i
  ld t0, image_entry
  jr t0

  .balign 8
image_link:
  .dword _image_head
image_copy:
  .dword _image_copy_size
image_entry:
  .dword _entry
  .option pop

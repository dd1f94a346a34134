# tests/cases/bigmem.py: a large memory costs no boot time and is all usable.
#
# The page allocators set up in time independent of the memory size and the
# kernel maps RAM with 2 MiB pages, so -m 4G reaches the prompt within the
# usual boot timeout; free must then report (nearly) all 4 GiB. Boot times
# per memory size are figures in docs/boards.md, not assertions here.
CASES = [
  dict(name="bigmem-4g",
       help="QEMU virt with -m 4G boots to the prompt and free shows about 4 GiB",
       requires=["CONFIG_USER_SYSTOOLS"],
       programs=["free"],
       qemu_env={"MEM": "4096"},
       steps=[("free", r"^KiB:\s+41\d{5} ")]),
]

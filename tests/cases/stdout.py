# tests/cases/stdout.py: the console is the UART the devicetree's
# /chosen/stdout-path names (CONFIG_SERIAL_STDOUT_PATH), and a devicetree
# that names none, or one nothing drives, still gets a console.
#
# Each boot edits the blob QEMU itself would pass (dumped with the same
# arguments): the fallbacks must say what they fell back to, once the
# console works, and reach a working shell; where stdout-path is good no such
# line may appear. A decoy 16550 listed before the real one (where nothing
# answers) shows that stdout-path, not devicetree order, picks the UART: a
# kernel taking the first UART would print nothing. generic_defconfig also
# boots the same image on sifive_u here (MACHINE=sifive_u, qemu-args.sh).

NOWHERE = 0x10009000      # nothing answers here on QEMU virt (tests/cases/absent.py)
FALLBACK = r"^console: %s; using serial@[0-9a-f]+, the first UART with a driver$"
NO_FALLBACK = r"\A(?![\s\S]*^console: )[\s\S]*init: starting"
PATHS = ("stdout-path", "linux,stdout-path")


def _path_of(fdt, node):
  for path, n in fdt.root.walk():
    if n is node:
      return path
  raise ValueError("node %s not in the tree" % node.name)


def _console(fdt):
  """The node QEMU's stdout-path names (an alias followed)."""
  v = fdt.find("/chosen").prop("stdout-path").rstrip(b"\0").decode().split(":")[0]
  if not v.startswith("/"):
    v = fdt.find("/aliases").prop(v).rstrip(b"\0").decode()
  return fdt.find(v)


def _set_stdout(value):
  def edit(fdt):
    chosen = fdt.find("/chosen")
    chosen.props = [p for p in chosen.props if p[0] not in PATHS]
    if value is not None:
      chosen.set("stdout-path", value(fdt) if callable(value) else value)
  return edit


def _plic_path(fdt):
  return _path_of(fdt, fdt.by_compatible("riscv,plic0")[0])


def _decoy_then(value):
  """A decoy ns16550a before the real console, and stdout-path = value(fdt)."""
  def edit(fdt):
    real = _console(fdt)
    parent = fdt.parent_of(real)
    decoy = type(real)("serial@%x" % NOWHERE, [list(p) for p in real.props])
    decoy.set("reg", [0, NOWHERE, 0, 0x100])
    parent.children.insert(parent.children.index(real), decoy)
    _set_stdout(value(fdt, real))(fdt)
  return edit


def _alias(fdt, real):
  aliases = fdt.root.child("aliases")
  if aliases is None:
    aliases = type(real)("aliases")
    fdt.root.children.append(aliases)
  aliases.set("console0", _path_of(fdt, real))
  return "console0:115200n8"


def _case(name, help, dtb, expect, configs, requires=(), **kw):
  return dict(name=name, help=help, requires=["CONFIG_SERIAL_STDOUT_PATH"] + list(requires), configs=configs,
              programs=["echo"], dtb=dtb, boot_expect=expect, steps=[("echo up", r"^up$")],
              checks=["init"], **kw)


VIRT = ["xv6_defconfig", "generic_defconfig"]
GENERIC = ["generic_defconfig"]
ON_SIFIVE_U = dict(qemu_env={"MACHINE": "sifive_u"}, poweroff=False)

CASES = [
  _case("stdout-missing",
        "stdout-path names no node: says so, the first UART is the console",
        _set_stdout("/soc/serial@1"), [FALLBACK % r"stdout-path '/soc/serial@1' names no device node"], VIRT),
  _case("stdout-none",
        "no stdout-path in /chosen: says so, the first UART is the console",
        _set_stdout(None), [FALLBACK % r"the devicetree has no /chosen/stdout-path"], VIRT),
  _case("stdout-nodriver",
        "stdout-path names the PLIC (no UART driver): says so, the first UART is the console",
        _set_stdout(_plic_path),
        [FALLBACK % r"stdout-path '/soc/plic@[0-9a-f]+' names a node no built UART driver handles"], VIRT),
  _case("stdout-path-picks",
        "a decoy 16550 listed first: stdout-path's full path (with options) picks the real one, no fallback line",
        _decoy_then(lambda fdt, real: _path_of(fdt, real) + ":115200n8"), [NO_FALLBACK], VIRT,
        requires=["CONFIG_SERIAL_16550"]),
  _case("stdout-alias-picks",
        "a decoy 16550 listed first: stdout-path as an /aliases name with options picks the real one",
        _decoy_then(_alias), [NO_FALLBACK], VIRT, requires=["CONFIG_SERIAL_16550"]),
  # The generic image on the second board: console, PLIC, memory, harts
  # and timebase all from sifive_u's devicetree.
  dict(name="generic-sifive-u",
       help="generic_defconfig's image on -M sifive_u: SiFive UART console, 4 harts, the shell works",
       configs=GENERIC, programs=["echo", "ls"], smp=["max"],
       boot_expect=[r"^fdt: no device for (.* )?uart16550( |$)", NO_FALLBACK],
       steps=[("echo up", r"^up$"), ("ls /", r"^init\s")],
       checks=["banner", "harts", "init"], **ON_SIFIVE_U),
  _case("generic-sifive-u-stdout-missing",
        "generic_defconfig on sifive_u, stdout-path naming no node: falls back to serial@10010000",
        _set_stdout("/soc/serial@1"),
        [r"^console: stdout-path '/soc/serial@1' names no device node; using serial@10010000, "
         r"the first UART with a driver$"], GENERIC, **ON_SIFIVE_U),
]

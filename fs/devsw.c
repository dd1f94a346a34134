// fs/devsw.c: the character-device table.
//
// A device inode (T_DEVICE) names its driver by major number; open files
// of it call devsw[major].read/write. Drivers fill in their own entries at
// probe time: the console (major 1) in kernel/console.c, /dev/null and
// /dev/zero in drivers/char/mem.c (CONFIG_DEV_MEM), /dev/random in
// drivers/virtio/virtio_rng.c. An empty entry makes open/read fail.
#include <octopos/types.h>
#include <octopos/devsw.h>

struct devsw devsw[NDEV];

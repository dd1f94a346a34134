// arch/riscv/include/asm/riscv.h: CSR access, interrupt control and Sv39 page-table bits.
#ifndef ASM_RISCV_H
#define ASM_RISCV_H


// mstatus / sstatus
#define MSTATUS_MPP_MASK (3UL << 11)
#define MSTATUS_MPP_S    (1UL << 11)
#define MSTATUS_MIE      (1UL << 3)
#define SSTATUS_SPP      (1UL << 8)   // previous mode, 1=Supervisor, 0=User
#define SSTATUS_SPIE     (1UL << 5)
#define SSTATUS_SIE      (1UL << 1)
#define SSTATUS_SUM      (1UL << 18)

// sie / sip bits
#define SIE_SSIE (1UL << 1)
#define SIE_STIE (1UL << 5)
#define SIE_SEIE (1UL << 9)
#define MIE_MTIE (1UL << 7)
#define MIE_MSIE (1UL << 3)

// scause values
#define SCAUSE_INTR        (1UL << 63)
#define IRQ_S_SOFT   1
#define IRQ_S_TIMER  5
#define IRQ_S_EXT    9
#define EXC_ECALL_U  8
#define EXC_INST_PAGE_FAULT  12
#define EXC_LOAD_PAGE_FAULT  13
#define EXC_STORE_PAGE_FAULT 15

// menvcfg: Sstc enable (bit 63)
#define MENVCFG_STCE (1UL << 63)

// Sv39
#define SATP_SV39 (8UL << 60)
#define MAKE_SATP(pt) (SATP_SV39 | (((uint64)(pt)) >> 12))

#define PTE_V (1L << 0)
#define PTE_R (1L << 1)
#define PTE_W (1L << 2)
#define PTE_X (1L << 3)
#define PTE_U (1L << 4)
#define PTE_G (1L << 5)
#define PTE_A (1L << 6)
#define PTE_D (1L << 7)
#define PTE_COW (1L << 8)   // software bit (RSW): copy-on-write page

#define PA2PTE(pa) ((((uint64)(pa)) >> 12) << 10)
#define PTE2PA(pte) (((pte) >> 10) << 12)
#define PTE_FLAGS(pte) ((pte) & 0x3FF)
#define PXSHIFT(level) (12 + 9 * (level))
#define PX(level, va) ((((uint64)(va)) >> PXSHIFT(level)) & 0x1FF)

#ifndef __ASSEMBLY__
#include <octopos/types.h>

// Writes to CSRs clobber "memory": they may turn interrupts on or off, so
// the compiler must not move a protected access across them.
#define csr_read(csr) ({ uint64 __v; asm volatile("csrr %0, " #csr : "=r"(__v)); __v; })
#define csr_write(csr, val) ({ uint64 __v = (uint64)(val); asm volatile("csrw " #csr ", %0" :: "rK"(__v) : "memory"); })
#define csr_set(csr, val) ({ uint64 __v = (uint64)(val); asm volatile("csrs " #csr ", %0" :: "rK"(__v) : "memory"); })
#define csr_clear(csr, val) ({ uint64 __v = (uint64)(val); asm volatile("csrc " #csr ", %0" :: "rK"(__v) : "memory"); })

static inline uint64 r_tp(void) { uint64 x; asm volatile("mv %0, tp" : "=r"(x)); return x; }
static inline void w_tp(uint64 x) { asm volatile("mv tp, %0" :: "r"(x)); }
static inline uint64 r_time(void) { uint64 x; asm volatile("rdtime %0" : "=r"(x)); return x; }

static inline void intr_on(void)  { csr_set(sstatus, SSTATUS_SIE); }
static inline void intr_off(void) { csr_clear(sstatus, SSTATUS_SIE); }
static inline int  intr_get(void) { return (csr_read(sstatus) & SSTATUS_SIE) != 0; }
// Interrupts off; were they on? One csrrci: under QEMU each CSR access
// ends the translated block, so this costs half of intr_get + intr_off.
static inline int
intr_off_save(void)
{
  uint64 x;
  asm volatile("csrrci %0, sstatus, %1" : "=r"(x) : "i"(SSTATUS_SIE) : "memory");
  return (x & SSTATUS_SIE) != 0;
}

static inline void sfence_vma(void) { asm volatile("sfence.vma zero, zero"); }
static inline void wfi(void) { asm volatile("wfi"); }
#endif

#endif
